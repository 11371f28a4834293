// What a strict parser of each configuration language says of a text: the tree-sitter
// grammars recover from errors (so that the ports after a broken line are still found), and
// sometimes flag what is valid; these parsers decide whether a file really does not parse,
// and say where and why in their own words.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace portpolicy::extract {

/// Where a text first fails to parse (a byte offset into it) and the parser's message.
struct StrictError {
  std::uint32_t offset = 0;
  std::string message;
  bool checked = true;  ///< false: the text was not given to the parser (see yaml_error)
};

/// YAML (every document of a stream), by libyaml: nullopt when it parses. Text nested
/// deeper than 256 levels (brackets, or 1024 columns of indentation) is not given to it.
std::optional<StrictError> yaml_error(std::string_view text);

/// JSON (comments allowed, as JSONC has them), by nlohmann::json: nullopt when it parses.
std::optional<StrictError> json_error(std::string_view text);

/// TOML 1.0, by toml++: nullopt when it parses.
std::optional<StrictError> toml_error(std::string_view text);

}  // namespace portpolicy::extract
