// String values decoded from their escapes, remembering where each byte came from, so that
// a port found in the decoded text can be pointed at in the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portpolicy::extract {

/// Which escapes a quoted or raw value uses.
enum class Escapes {
  kNone,        ///< bytes as written (TOML literal strings, .env single quotes)
  kJson,        ///< \" \\ \/ \b \f \n \r \t \uXXXX (also TOML basic strings: \e \xHH \UXXXXXXXX)
  kProperties,  ///< Java properties: \X is X, \uXXXX, backslash-newline joins lines
};

/// A byte range [start, end) of the file.
struct FileRange {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

/// Decoded text and, for each of its bytes, the file offset it was read from.
struct MappedText {
  std::string text;
  std::vector<std::uint32_t> source;  ///< file offset of each byte of `text`
  std::vector<bool> literal;          ///< whether that byte was written as itself (no escape)

  /// Where text[offset, offset + length) is in the file, when those bytes were written
  /// there literally and contiguously (not through escapes); nullopt otherwise.
  std::optional<FileRange> file_range(std::uint32_t offset, std::uint32_t length) const;
};

/// Decodes `raw`, which starts at file offset `base`, under `escapes`.
MappedText decode_escapes(std::string_view raw, std::uint32_t base, Escapes escapes);

}  // namespace portpolicy::extract
