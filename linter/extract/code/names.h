// Ports written once into a name and used elsewhere in the same file:
//
//   int n = 9004;            app.listen(n, ...);
//   const PORT = 3000;       server.listen(PORT)
//   addr = 8001              app.run(host="0.0.0.0", port=addr)
//
// A name bound to a number literal, once, in a scope that the use sees (the function that
// holds the use, a function around it, or the file), is substituted by that literal at the
// places where a port query could read it (call arguments, keyword and object values, the
// right side of an assignment). The query then runs again over the substituted text, and
// what it finds at a substituted place is reported at the literal: that is what a fix
// changes. A name bound twice, to anything other than a plain literal, changed by `+=`,
// `++` or a loop, or shadowed by a function parameter of the same name is not followed:
// the flow would be a guess. Nothing crosses files. A quick look at the text first skips
// the files where no name bound to a number is used again.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portpolicy::extract {

/// A use of a name replaced by the literal bound to it.
struct NameUse {
  std::uint32_t start = 0;          ///< where the literal stands in the substituted text
  std::uint32_t end = 0;
  std::uint32_t name_start = 0;     ///< where the name stands in the file
  std::uint32_t name_end = 0;
  std::uint32_t literal_start = 0;  ///< the literal in the file
  std::uint32_t literal_end = 0;
  std::uint32_t around_start = 0;   ///< the expression around the use (the call), in the
  std::uint32_t around_end = 0;     ///< substituted text: what the query reads again
  std::string name;                 ///< the name it went through
};

/// The file's text with every followed use of a name replaced by its literal.
struct NameSubstitution {
  std::string text;
  std::vector<NameUse> uses;  ///< sorted by start

  /// The use whose literal holds [start, end) of `text`, or nullptr.
  const NameUse* use_at(std::uint32_t start, std::uint32_t end) const;
};

/// True when names are followed in `format` ("python", "go", ...).
bool follows_names(std::string_view format);

/// The substitution for a file of `format` parsed into `root`, or nullopt when no use of a
/// bound name can be followed there.
std::optional<NameSubstitution> substitute_names(std::string_view format, std::string_view text, TSNode root);

}  // namespace portpolicy::extract
