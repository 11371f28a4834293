#include "extract/shared/languages.h"

#define PP_GRAMMAR(name) extern "C" const TSLanguage* tree_sitter_##name();
#include "grammars.def"
#undef PP_GRAMMAR

namespace portpolicy::extract {

namespace {
#define PP_GRAMMAR(name) Language{#name, &tree_sitter_##name},
constexpr Language kLanguages[] = {
#include "grammars.def"
};
#undef PP_GRAMMAR
}  // namespace

std::span<const Language> languages() { return kLanguages; }

const TSLanguage* find_language(std::string_view name) {
  for (const Language& l : kLanguages) {
    if (l.name == name) return l.load();
  }
  return nullptr;
}

}  // namespace portpolicy::extract
