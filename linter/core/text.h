// Small string helpers shared by every module.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portpolicy::core {

/// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b);

/// ASCII case-insensitive prefix test.
bool istarts_with(std::string_view s, std::string_view prefix);

/// ASCII lower-case copy.
std::string to_lower(std::string_view s);

/// `s` without leading and trailing ASCII white space.
std::string_view trim(std::string_view s);

/// Trims and folds every run of white space (including newlines and tabs) into one space.
std::string collapse_space(std::string_view s);

/// Splits on `sep`; empty fields are kept.
std::vector<std::string_view> split(std::string_view s, char sep);

/// `s` with control characters escaped (\n, \t, \r, \xNN), for line-oriented output: a
/// file name holding a newline must not split a finding over two lines.
std::string printable(std::string_view s);

/// A 64-bit digest of `s` (FNV-1a): tells one reading of a file from a later one.
std::uint64_t digest(std::string_view s);

/// How deep `text` nests: its deepest level of brackets ([ { (), and its widest
/// indentation (leading spaces and tabs of a line). Parsers that recurse (yaml-cpp) are not
/// given text that nests deeper than they can take.
struct Nesting {
  std::size_t brackets = 0;
  std::size_t indent = 0;
};
Nesting nesting_of(std::string_view text);

/// Parses a whole string of ASCII digits (no sign, no space) as an unsigned number;
/// nullopt when it is not one or exceeds 2^32-1.
std::optional<std::uint32_t> parse_uint(std::string_view s);

}  // namespace portpolicy::core
