#include "extract/extractor.h"

#include "core/text.h"
#include "extract/languages.h"

namespace portpolicy::extract {

namespace {

// The tree-sitter runtime (0.20) aborts the process when it frees a tree about 65535 levels
// deep (see tree-sitter/tree-sitter#2346), and one bracket may cost a grammar several levels.
// No real file nests brackets this deep, so such input is refused, not parsed.
constexpr std::size_t kMaxBracketDepth = 4096;

bool nests_too_deep(std::string_view text) {
  std::size_t depth = 0;
  for (char c : text) {
    if (c == '[' || c == '{' || c == '(') {
      if (++depth > kMaxBracketDepth) return true;
    } else if ((c == ']' || c == '}' || c == ')') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace

ParserCache::~ParserCache() {
  for (auto& [name, p] : parsers_) ts_parser_delete(p);
}

Tree ParserCache::parse(std::string_view language, std::string_view text) {
  if (nests_too_deep(text)) return nullptr;
  auto it = parsers_.find(language);
  if (it == parsers_.end()) {
    const TSLanguage* lang = find_language(language);
    if (lang == nullptr) return nullptr;
    TSParser* p = ts_parser_new();
    if (!ts_parser_set_language(p, lang)) {
      ts_parser_delete(p);
      return nullptr;
    }
    it = parsers_.emplace(std::string(language), p).first;
  }
  return Tree(ts_parser_parse_string(it->second, nullptr, text.data(), static_cast<std::uint32_t>(text.size())));
}

void ExtractContext::add(std::uint32_t start, std::uint32_t end, core::Role role, std::string_view format,
                         std::string context, std::optional<core::Transport> transport) const {
  core::PortLiteral p;
  p.start = start;
  p.end = end;
  p.value = core::parse_uint(file.text().substr(start, end - start)).value_or(0);
  p.role = role;
  p.transport = transport;
  p.format = std::string(format);
  p.context = std::move(context);
  if (p.value == 0) p.host = core::host_before_port(file.text(), start);
  out.push_back(std::move(p));
}

}  // namespace portpolicy::extract
