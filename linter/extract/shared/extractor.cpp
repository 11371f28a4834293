#include "extract/shared/extractor.h"

#include <algorithm>

#include "core/text.h"
#include "extract/shared/languages.h"
#include "extract/shared/strict_parse.h"

namespace portpolicy::extract {

namespace {

// The tree-sitter runtime (0.20) aborts the process when it frees a tree about 65535 levels
// deep (see tree-sitter/tree-sitter#2346), and one bracket may cost a grammar several levels.
// No real file nests brackets this deep, so such input is refused, not parsed.
constexpr std::size_t kMaxBracketDepth = 4096;

}  // namespace

std::optional<std::uint32_t> too_deep(std::string_view text) {
  std::size_t depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '[' || c == '{' || c == '(') {
      if (++depth > kMaxBracketDepth) return static_cast<std::uint32_t>(i);
    } else if ((c == ']' || c == '}' || c == ')') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

std::optional<ParseError> first_parse_error(TSNode root, std::string_view text, std::uint32_t base) {
  if (!ts_node_has_error(root)) return std::nullopt;
  TSTreeCursor c = ts_tree_cursor_new(root);
  std::optional<ParseError> out;
  for (int steps = 0; steps < 1000000; ++steps) {
    const TSNode n = ts_tree_cursor_current_node(&c);
    if (ts_node_is_missing(n)) {
      out = ParseError{base + ts_node_start_byte(n), "missing " + std::string(ts_node_type(n))};
      break;
    }
    if (std::string_view(ts_node_type(n)) == "ERROR") {
      const std::uint32_t b = ts_node_start_byte(n);
      std::uint32_t e = std::min<std::uint32_t>(ts_node_end_byte(n), static_cast<std::uint32_t>(text.size()));
      std::string_view bad = text.substr(b, e - b);
      // The first token of what could not be parsed, as the user wrote it.
      const std::size_t stop = bad.find_first_of("\r\n");
      bad = bad.substr(0, std::min<std::size_t>(stop == std::string_view::npos ? bad.size() : stop, 40));
      while (!bad.empty() && (bad.back() == ' ' || bad.back() == '\t')) bad.remove_suffix(1);
      out = ParseError{base + b, bad.empty() ? "unexpected end of input" : "unexpected '" + std::string(bad) + "'"};
      break;
    }
    // Into the first child that holds the error.
    bool moved = false;
    if (ts_tree_cursor_goto_first_child(&c)) {
      do {
        if (ts_node_has_error(ts_tree_cursor_current_node(&c))) {
          moved = true;
          break;
        }
      } while (ts_tree_cursor_goto_next_sibling(&c));
    }
    if (!moved) break;
  }
  ts_tree_cursor_delete(&c);
  return out;
}

bool blank_templates(std::string& s, std::string_view word, char pad) {
  constexpr char kMark = '\x01';
  bool any = false;
  constexpr std::pair<std::string_view, std::string_view> kTags[] = {{"{{", "}}"}, {"{%", "%}"}, {"{#", "#}"}};
  for (const auto& [open, close] : kTags) {
    if (open == "{#" && !any) break;
    std::size_t pos = 0;
    while ((pos = s.find(open, pos)) != std::string::npos) {
      std::size_t end = s.find(close, pos + 2);
      end = end == std::string::npos ? s.size() : end + 2;
      for (std::size_t i = pos; i < end; ++i) {
        if (s[i] != '\n' && s[i] != '\r') s[i] = kMark;
      }
      any = true;
      pos = end;
    }
  }
  if (!any) return false;
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  for (std::size_t line = 0; line < s.size();) {
    std::size_t eol = s.find('\n', line);
    if (eol == std::string::npos) eol = s.size();
    const bool alone = std::all_of(s.begin() + static_cast<std::ptrdiff_t>(line),
                                   s.begin() + static_cast<std::ptrdiff_t>(eol),
                                   [&](char c) { return c == kMark || blank(c); });
    for (std::size_t i = line; i < eol; ++i) {
      if (s[i] != kMark) continue;
      if (alone) {
        s[i] = ' ';
        continue;
      }
      std::size_t run = i;
      while (run < eol && s[run] == kMark) ++run;
      for (std::size_t j = i; j < run; ++j) s[j] = j - i < word.size() && run - i >= word.size() ? word[j - i] : pad;
      i = run - 1;
    }
    line = eol + 1;
  }
  return true;
}

bool report_parse_error(const ExtractContext& ctx, TSNode root, std::string_view text, std::string_view language,
                        std::uint32_t base) {
  if (!ts_node_has_error(root)) return false;
  for (const auto& [open, close] : {std::pair<std::string_view, std::string_view>{"{{", "}}"}, {"{%", "%}"}, {"<%", "%>"}}) {
    const std::size_t at = text.find(open);
    if (at != std::string_view::npos && text.find(close, at) != std::string_view::npos) return false;
  }
  // Deep brackets were reported already, and the strict parsers recurse into them.
  if (too_deep(text)) return false;
  std::optional<StrictError> strict;
  bool judged = true;
  if (language == "YAML") {
    strict = yaml_error(text);
  } else if (language == "JSON") {
    strict = json_error(text);
  } else if (language == "TOML") {
    strict = toml_error(text);
  } else {
    judged = false;
  }
  if (strict && !strict->checked) judged = false;  // too deep for the strict parser: the grammar's view
  if (judged) {
    if (!strict) return false;  // valid: the grammar could not take what the language allows
    if (!strict->message.empty() && strict->message[0] >= 'A' && strict->message[0] <= 'Z') {
      strict->message[0] = static_cast<char>(strict->message[0] - 'A' + 'a');
    }
    ctx.problem(base + strict->offset, "parse-error",
                std::string(language) + " does not parse: " + strict->message + "; what follows may be read only in part");
    return true;
  }
  const std::optional<ParseError> e = first_parse_error(root, text, base);
  if (!e) return false;
  ctx.problem(e->offset, "parse-error",
              std::string(language) + " does not parse here: " + e->what + "; what follows may be read only in part");
  return true;
}

namespace {

// The length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  std::uint32_t min = 0;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  std::uint32_t cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

Tree parse_for(const ExtractContext& ctx, std::string_view language, std::string_view text, std::uint32_t base,
               const TSTree* old) {
  // A byte that is no UTF-8 makes some grammars give up on the whole document: each is read
  // as '?' (one byte for one, so every offset stays).
  std::string fixed;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_length(text, i);
    if (n != 0) {
      i += n;
      continue;
    }
    if (fixed.empty()) fixed.assign(text);
    fixed[i] = '?';
    ++i;
  }
  if (!fixed.empty()) text = fixed;
  const std::optional<std::uint32_t> deep = too_deep(text);
  if (!deep) return ctx.parsers.parse(language, text, old);
  // Blank what the brackets at the limit hold (newlines kept, so lines stay where they
  // are); the brackets themselves stay, so the structure around them still parses.
  std::string copy(text);
  std::size_t depth = 0;
  for (std::size_t i = 0; i < copy.size(); ++i) {
    const char c = copy[i];
    const bool open = c == '[' || c == '{' || c == '(';
    const bool close = c == ']' || c == '}' || c == ')';
    if (open) ++depth;
    if (close && depth > 0) --depth;
    // Inside a bracket past the limit, or the bracket that closes one.
    if ((depth > kMaxBracketDepth || (close && depth == kMaxBracketDepth)) && c != '\n' && c != '\r') {
      copy[i] = ' ';
    }
  }
  ctx.problem(base + *deep, "too-deep",
              "brackets nest more than " + std::to_string(kMaxBracketDepth) +
                  " levels deep here: what they hold was not read");
  return ctx.parsers.parse(language, copy, old);
}

void check_deadline(const Deadline& d) {
  if (d && std::chrono::steady_clock::now() > *d) throw BudgetExceeded("scan budget exceeded");
}

ParserCache::~ParserCache() {
  for (auto& [name, p] : parsers_) ts_parser_delete(p);
}

Tree ParserCache::parse(std::string_view language, std::string_view text, const TSTree* old) {
  if (too_deep(text)) return nullptr;
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
  TSParser* parser = it->second;
  std::uint64_t micros = 0;  // 0: no limit
  if (deadline_) {
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(*deadline_ - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw BudgetExceeded("scan budget exceeded");
    micros = static_cast<std::uint64_t>(left.count());
  }
  ts_parser_set_timeout_micros(parser, micros);
  Tree tree(ts_parser_parse_string(parser, old, text.data(), static_cast<std::uint32_t>(text.size())));
  if (!tree && deadline_) {
    ts_parser_reset(parser);  // a timed-out parse would otherwise resume with the next text
    throw BudgetExceeded("scan budget exceeded");
  }
  return tree;
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
