// The tree-sitter grammars compiled into portpolicy.
#pragma once

#include <tree_sitter/api.h>

#include <span>
#include <string_view>

namespace portpolicy::extract {

/// One compiled-in grammar.
struct Language {
  std::string_view name;           ///< "yaml", "json", "python", ...
  const TSLanguage* (*load)();     ///< the grammar's tree_sitter_<name>() entry point
};

/// Every compiled-in grammar, in the order grammars/CMakeLists.txt lists them.
std::span<const Language> languages();

/// The grammar called `name`, or nullptr.
const TSLanguage* find_language(std::string_view name);

}  // namespace portpolicy::extract
