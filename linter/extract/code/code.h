// Source code: port literals found by meaning, through tree-sitter queries kept as data in
// grammars/<language>/ports.scm (see grammars/README.md for the capture and predicate
// vocabulary).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "extract/shared/extractor.h"

namespace portpolicy::extract {

/// A programming language portpolicy reads: its format name, grammar and query.
struct CodeLanguage {
  std::string_view format;   ///< "python", "javascript", "go", ...
  std::string_view grammar;  ///< the compiled-in grammar's name
  std::string_view query;    ///< the ports.scm source, embedded at build time
};

/// Every language with a ports query.
std::vector<CodeLanguage> code_languages();

/// True when `format` is a source language read by its ports query.
bool is_code_format(std::string_view format);

/// Compiles every language's query and checks its predicates; returns one message per
/// problem ("python: query error at byte 120: ..."), empty when all is well.
std::vector<std::string> check_code_queries();

/// The digits of an integer literal written in decimal ("8080", "8080L", "3000u16"): how
/// many there are, or 0 for hex, octal and binary (bitmasks), floats, digit separators and
/// runs of more than 6 digits.
std::size_t decimal_literal_digits(std::string_view literal);

/// Runs the query of `format` over the file and records what it finds.
void extract_code(const ExtractContext& ctx, std::string_view format);

}  // namespace portpolicy::extract
