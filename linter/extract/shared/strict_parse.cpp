#include "extract/shared/strict_parse.h"

#include <yaml.h>

#include <nlohmann/json.hpp>

#include "core/text.h"
#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

namespace portpolicy::extract {

namespace {

constexpr std::size_t kMaxYamlNesting = 256;

// The byte offset of 0-based `line` and `column` (bytes) in `text`, clamped to it.
std::uint32_t offset_of(std::string_view text, std::size_t line, std::size_t column) {
  std::size_t pos = 0;
  for (std::size_t l = 0; l < line && pos < text.size(); ++l) {
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return static_cast<std::uint32_t>(text.size());
    pos = nl + 1;
  }
  const std::size_t nl = text.find('\n', pos);
  const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
  return static_cast<std::uint32_t>(std::min(pos + column, end));
}

}  // namespace

std::optional<StrictError> yaml_error(std::string_view text) {
  // libyaml: event-driven, without recursion, and it never expands an alias. (yaml-cpp 0.7,
  // the configuration's reader, loops forever on a document that opens with ',').
  const core::Nesting n = core::nesting_of(text);
  if (n.brackets > kMaxYamlNesting || n.indent > 4 * kMaxYamlNesting) {
    return StrictError{0, "", false};
  }
  // Tabs that only lead a blank or comment line are white space YAML allows; libyaml reads
  // them as the start of a token. They are read as spaces (one for one: offsets stay).
  std::string input(text);
  for (std::size_t i = 0; i < input.size();) {
    std::size_t j = i;
    while (j < input.size() && (input[j] == ' ' || input[j] == '\t')) ++j;
    if (j == input.size() || input[j] == '\n' || input[j] == '\r' || input[j] == '#') {
      for (std::size_t k = i; k < j; ++k) input[k] = ' ';
    }
    const std::size_t nl = input.find('\n', j);
    if (nl == std::string::npos) break;
    i = nl + 1;
  }
  yaml_parser_t parser;
  if (yaml_parser_initialize(&parser) == 0) return StrictError{0, "", false};
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  bool ok = true;
  for (;;) {
    yaml_event_t event;
    if (yaml_parser_parse(&parser, &event) == 0) {
      ok = false;
      break;
    }
    const bool end = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (end) break;
  }
  if (ok) {
    yaml_parser_delete(&parser);
    return std::nullopt;
  }
  std::string msg = parser.problem != nullptr ? parser.problem : "not YAML";
  if (parser.context != nullptr) msg += std::string(" (") + parser.context + ")";
  const yaml_mark_t mark = parser.problem_mark;
  yaml_parser_delete(&parser);
  // A tab in the indentation is reported somewhere further on: say what it is, where it is.
  std::size_t line = 0;
  for (std::size_t i = 0; i < text.size() && line <= mark.line; ++line) {
    std::size_t j = i;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    const std::size_t tab = text.find('\t', i);
    if (tab < j && j < text.size() && text[j] != '\n' && text[j] != '\r' && text[j] != '#') {
      return StrictError{static_cast<std::uint32_t>(tab), "a tab indents this line; YAML indents with spaces"};
    }
    const std::size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) break;
    i = nl + 1;
  }
  return StrictError{offset_of(text, mark.line, mark.column), msg};
}

std::optional<StrictError> json_error(std::string_view text) {
  try {
    const nlohmann::json parsed = nlohmann::json::parse(text.begin(), text.end(), nullptr, true, true);
    (void)parsed;
    return std::nullopt;
  } catch (const nlohmann::json::parse_error& e) {
    std::string msg = e.what();
    // "[json.exception.parse_error.101] parse error at line 4, column 19: syntax error while
    // parsing object - unexpected end of input; expected '}'": the part after the position.
    if (const std::size_t colon = msg.find(": "); colon != std::string::npos) msg = msg.substr(colon + 2);
    if (msg.starts_with("syntax error while parsing ")) msg = msg.substr(27);
    const std::size_t at = e.byte == 0 ? 0 : e.byte - 1;
    return StrictError{static_cast<std::uint32_t>(std::min(at, text.size())), msg};
  } catch (const nlohmann::json::exception& e) {
    return StrictError{0, e.what()};
  }
}

std::optional<StrictError> toml_error(std::string_view text) {
  try {
    (void)toml::parse(text);
    return std::nullopt;
  } catch (const toml::parse_error& e) {
    const toml::source_region& where = e.source();
    const std::size_t line = where.begin.line > 0 ? where.begin.line - 1 : 0;
    const std::size_t column = where.begin.column > 0 ? where.begin.column - 1 : 0;
    return StrictError{offset_of(text, line, column), std::string(e.description())};
  }
}

}  // namespace portpolicy::extract
