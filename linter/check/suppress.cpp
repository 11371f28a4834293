#include "check/suppress.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "core/text.h"
#include "extract/formats.h"

namespace portpolicy::check {

const rules::RuleInfo kInvalidIgnoreInfo{"PP900",
                                         "invalid-ignore",
                                         "ignore comment that names an unknown rule or is malformed",
                                         core::Severity::kWarning,
                                         true,
                                         R"md(## What it does
Flags a `portpolicy: ignore` or `portpolicy: ignore-file` comment that names a rule that
does not exist, has an expiry that is not a date, carries words that are neither a rule
list nor `until=YYYY-MM-DD`, or (for `ignore-file`) sits below the first 10 lines. The
rules it names correctly still apply; a malformed comment silences nothing.

## Why is this bad?
A misspelt rule name silences nothing, so the finding the comment meant to hide comes back
while the comment suggests it was dealt with. An expiry that cannot be read would either
never lapse or lapse at once.

## Example
```yaml
services:
  debug:
    ports:
      - "254:254"  # portpolicy: ignore[reserved-prot]
```

## Use instead
```yaml
services:
  debug:
    ports:
      - "254:254"  # portpolicy: ignore[reserved-port] until=2030-01-31 -- legacy agent
```

## Options
None. `--no-inline-ignores` disregards every ignore comment, and with it this rule.

## References
- `portpolicy rules` lists every rule code and name an ignore comment may use
)md",
                                         "compose.yaml"};

const rules::RuleInfo kUnusedIgnoreInfo{"PP901",
                                        "unused-ignore",
                                        "ignore comment that silences nothing",
                                        core::Severity::kInfo,
                                        false,
                                        R"md(## What it does
With `--report-unused-ignores`, flags `portpolicy: ignore` comments (and the rules named in
them) and `portpolicy: ignore-file` comments that silenced no finding in this run. It
counts toward the exit code at severity info, so only `--fail-on info` fails on it.

## Why is this bad?
An ignore comment outlives the finding it was written for: once the port is fixed, the
stale comment would silently hide the next problem on that line.

## Example
```yaml
services:
  web:
    ports:
      - "51234:8080"  # portpolicy: ignore[reserved-port]
```

## Use instead
```yaml
services:
  web:
    ports:
      - "51234:8080"
```

## Options
None.

## References
- `portpolicy check --report-unused-ignores`
)md",
                                        "compose.yaml"};

namespace {

constexpr const rules::RuleInfo* kToolRules[] = {&kInvalidIgnoreInfo, &kUnusedIgnoreInfo};

// Markers are read in the first lines only for ignore-file.
constexpr std::uint32_t kFileMarkerLines = 10;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

using Where = CommentSyntax::Where;

CommentSyntax hash_syntax(Where where, std::string_view quotes = "\"'") {
  return {{{"#", where}}, {}, quotes, true};
}

CommentSyntax c_syntax(std::string_view quotes = "\"'") {
  return {{{"//", Where::kAnywhere}}, {{"/*", "*/"}}, quotes, true};
}

// Comment text on one line: [start, end) byte offsets, opener and closer excluded.
struct Segment {
  std::uint32_t start;
  std::uint32_t end;
};

struct LineInfo {
  bool code = false;  // anything outside comments but white space
  std::vector<Segment> comments;
};

// A light lexer: enough to tell comments from code and strings on each line. Block comments
// carry over from line to line; strings do not (a string left open ends with its line).
std::vector<LineInfo> lex(const core::SourceFile& file, const CommentSyntax& syn) {
  const std::string_view text = file.text();
  std::vector<LineInfo> lines(file.line_count());
  int in_block = -1;
  for (std::uint32_t ln = 1; ln <= file.line_count(); ++ln) {
    const std::string_view lt = file.line_text(ln);
    const auto ls = static_cast<std::uint32_t>(lt.data() - text.data());
    const auto le = static_cast<std::uint32_t>(ls + lt.size());
    LineInfo& info = lines[ln - 1];
    auto at = [&](std::uint32_t i, std::string_view s) {
      return i + s.size() <= le && text.substr(i, s.size()) == s;
    };
    char quote = 0;
    std::uint32_t i = ls;
    while (i < le) {
      if (in_block >= 0) {
        const std::string_view close = syn.block[static_cast<std::size_t>(in_block)].close;
        const std::size_t found = text.substr(i, le - i).find(close);
        if (found == std::string_view::npos) {
          info.comments.push_back({i, le});
          break;
        }
        info.comments.push_back({i, static_cast<std::uint32_t>(i + found)});
        i = static_cast<std::uint32_t>(i + found + close.size());
        in_block = -1;
        continue;
      }
      const char c = text[i];
      if (quote != 0) {
        if (c == '\\' && syn.backslash_escapes) {
          i += 2;
          continue;
        }
        if (c == quote) quote = 0;
        ++i;
        continue;
      }
      if (is_space(c)) {
        ++i;
        continue;
      }
      bool line_comment = false;
      for (const auto& op : syn.line) {
        if (!at(i, op.text)) continue;
        if (op.where == Where::kLineStart && info.code) continue;
        if (op.where == Where::kAfterSpace && i > ls && !is_space(text[i - 1])) continue;
        info.comments.push_back({static_cast<std::uint32_t>(i + op.text.size()), le});
        line_comment = true;
        break;
      }
      if (line_comment) break;
      bool block = false;
      for (std::size_t b = 0; b < syn.block.size(); ++b) {
        if (at(i, syn.block[b].open)) {
          in_block = static_cast<int>(b);
          i = static_cast<std::uint32_t>(i + syn.block[b].open.size());
          block = true;
          break;
        }
      }
      if (block) continue;
      // A quote inside a word is an apostrophe (don't), not the start of a string.
      if (syn.quotes.find(c) != std::string_view::npos && (i == ls || !is_word(text[i - 1]))) quote = c;
      info.code = true;
      ++i;
    }
  }
  return lines;
}

// Case-insensitive search.
std::size_t ifind(std::string_view hay, std::string_view needle, std::size_t from) {
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    if (core::istarts_with(hay.substr(i), needle)) return i;
  }
  return std::string_view::npos;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t prev = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

// The canonical name of a rule an ignore comment may name; empty when unknown.
std::string canonical_rule(std::string_view name) {
  if (const rules::Rule* r = rules::find_rule(name)) return std::string(r->info->name);
  if (const rules::RuleInfo* t = find_tool_rule(name)) return std::string(t->name);
  return {};
}

std::string unknown_rule_message(std::string_view name) {
  std::string best;
  std::size_t best_d = 3;  // at most two edits away
  const std::string lower = core::to_lower(name);
  auto consider = [&](std::string_view candidate) {
    const std::size_t d = edit_distance(lower, core::to_lower(candidate));
    if (d < best_d) {
      best_d = d;
      best = std::string(candidate);
    }
  };
  for (const rules::Rule& r : rules::all_rules()) {
    consider(r.info->name);
    consider(r.info->code);
  }
  for (const rules::RuleInfo* t : kToolRules) {
    consider(t->name);
    consider(t->code);
  }
  std::string msg = fmt::format("unknown rule '{}' in an ignore comment", name);
  msg += best.empty() ? " (see portpolicy rules)" : fmt::format("; did you mean '{}'?", best);
  return msg;
}

// Reads the marker starting at `p` ("portpolicy") in comment text `seg`; nullopt when the
// text there is not a marker (an ordinary mention of portpolicy).
std::optional<IgnoreMarker> parse_marker(std::string_view seg, std::size_t p) {
  std::size_t q = p + std::string_view("portpolicy").size();
  while (q < seg.size() && is_space(seg[q])) ++q;
  if (q >= seg.size() || seg[q] != ':') return std::nullopt;
  ++q;
  while (q < seg.size() && is_space(seg[q])) ++q;
  const std::size_t word_start = q;
  while (q < seg.size() && (is_word(seg[q]) || seg[q] == '-')) ++q;
  const std::string word = core::to_lower(seg.substr(word_start, q - word_start));
  if (!word.starts_with("ignore")) return std::nullopt;

  IgnoreMarker m;
  if (word == "ignore-file") {
    m.file_wide = true;
  } else if (word != "ignore") {
    m.problems.push_back(
        fmt::format("unknown directive 'portpolicy: {}'; expected 'ignore' or 'ignore-file'", word));
    m.valid = false;
  }
  const std::string directive = m.file_wide ? "ignore-file" : "ignore";
  std::size_t end = q;
  if (q < seg.size() && seg[q] == '[') {
    const std::size_t close = seg.find(']', q);
    if (close == std::string_view::npos) {
      m.problems.push_back(fmt::format("missing ']' after the rule list of portpolicy: {}", directive));
      m.valid = false;
      end = seg.size();
      q = seg.size();
    } else {
      bool named = false;
      for (std::string_view item : core::split(seg.substr(q + 1, close - q - 1), ',')) {
        item = core::trim(item);
        if (item.empty()) continue;
        named = true;
        const std::string rule = canonical_rule(item);
        if (rule.empty()) {
          m.problems.push_back(unknown_rule_message(item));
        } else if (std::find(m.rules.begin(), m.rules.end(), rule) == m.rules.end()) {
          m.rules.push_back(rule);
        }
      }
      if (!named) {
        m.problems.push_back(
            fmt::format("portpolicy: {}[] names no rule; write a rule code or name, or drop "
                        "the brackets to silence every rule",
                        directive));
        m.valid = false;
      } else if (m.rules.empty()) {
        m.valid = false;  // every name unknown: it must not turn into "silence every rule"
      }
      q = close + 1;
      end = q;
    }
  }
  // Options up to " -- ", then the reason.
  std::string_view rest = seg.substr(q);
  std::size_t sep = std::string_view::npos;
  for (std::size_t i = 0; i + 1 < rest.size(); ++i) {
    if (rest[i] == '-' && rest[i + 1] == '-' && (i == 0 || is_space(rest[i - 1])) &&
        (i + 2 == rest.size() || is_space(rest[i + 2]))) {
      sep = i;
      break;
    }
  }
  if (sep != std::string_view::npos) {
    m.reason = std::string(core::trim(rest.substr(sep + 2)));
    rest = rest.substr(0, sep);
  }
  std::string unexpected;
  std::size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && is_space(rest[i])) ++i;
    const std::size_t tok_start = i;
    while (i < rest.size() && !is_space(rest[i])) ++i;
    if (tok_start == i) break;
    const std::string_view tok = rest.substr(tok_start, i - tok_start);
    end = q + i;
    if (core::istarts_with(tok, "until=")) {
      const std::string_view date = tok.substr(6);
      if (is_valid_date(date)) {
        m.until = std::string(date);
      } else {
        m.problems.push_back(
            fmt::format("invalid expiry '{}' in portpolicy: {}; expected until=YYYY-MM-DD", tok, directive));
        m.valid = false;
      }
    } else {
      if (!unexpected.empty()) unexpected += ' ';
      unexpected += tok;
    }
  }
  if (!unexpected.empty()) {
    m.problems.push_back(
        fmt::format("unexpected '{}' in portpolicy: {}; a reason goes after ' -- '", unexpected, directive));
    m.valid = false;
  }
  m.start = static_cast<std::uint32_t>(p);
  m.end = static_cast<std::uint32_t>(end);
  return m;
}

Diagnostic marker_diagnostic(const core::SourceFile& file, const IgnoreMarker& m, const rules::RuleInfo& info,
                             std::string message) {
  Diagnostic d;
  d.path = file.path();
  d.start = m.start;
  d.end = m.end;
  d.begin = m.begin;
  d.end_pos = m.end_pos;
  d.code = std::string(info.code);
  d.rule = std::string(info.name);
  d.severity = info.severity;
  d.message = std::move(message);
  return d;
}

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (const std::string& i : items) {
    if (!s.empty()) s += ", ";
    s += i;
  }
  return s;
}

}  // namespace

std::span<const rules::RuleInfo* const> tool_rules() { return kToolRules; }

const rules::RuleInfo* find_tool_rule(std::string_view code_or_name) {
  for (const rules::RuleInfo* t : kToolRules) {
    if (core::iequals(t->code, code_or_name) || core::iequals(t->name, code_or_name)) return t;
  }
  return nullptr;
}

CommentSyntax comment_syntax_for(std::string_view path, std::string_view text) {
  const extract::Format* f = extract::detect_format(path, text);
  const std::string_view name = f != nullptr ? f->name : std::string_view{};
  if (name == "yaml" || name == "env" || name == "dockerfile" || name == "nginx" || name == "shell") {
    return hash_syntax(Where::kAfterSpace);
  }
  if (name == "toml" || name == "python" || name == "ruby") return hash_syntax(Where::kAnywhere);
  if (name == "ini") return {{{"#", Where::kAfterSpace}, {";", Where::kAfterSpace}}, {}, "\"'", true};
  if (name == "systemd") return {{{"#", Where::kLineStart}, {";", Where::kLineStart}}, {}, "\"'", true};
  if (name == "properties") return {{{"#", Where::kLineStart}, {"!", Where::kLineStart}}, {}, "", true};
  if (name == "hcl") {
    return {{{"#", Where::kAnywhere}, {"//", Where::kAnywhere}}, {{"/*", "*/"}}, "\"", true};
  }
  if (name == "json") return c_syntax("\"");  // JSON with comments (jsonc, tsconfig.json, ...)
  if (name == "javascript" || name == "typescript" || name == "tsx" || name == "go") return c_syntax("\"'`");
  if (name == "java" || name == "c" || name == "cpp" || name == "rust" || name == "csharp") return c_syntax();
  if (name == "php") {
    return {{{"//", Where::kAnywhere}, {"#", Where::kAnywhere}}, {{"/*", "*/"}}, "\"'", true};
  }
  return {{{"#", Where::kAfterSpace},
           {"//", Where::kAnywhere},
           {";", Where::kAfterSpace},
           {"--", Where::kAfterSpace}},
          {{"/*", "*/"}, {"<!--", "-->"}},
          "\"'",
          true};
}

std::vector<IgnoreMarker> find_markers(const core::SourceFile& file) {
  std::vector<IgnoreMarker> out;
  const std::string_view text = file.text();
  if (ifind(text, "portpolicy", 0) == std::string_view::npos) return out;
  const std::vector<LineInfo> lines = lex(file, comment_syntax_for(file.path(), text));
  for (std::uint32_t ln = 1; ln <= lines.size(); ++ln) {
    for (const Segment& s : lines[ln - 1].comments) {
      const std::string_view seg = text.substr(s.start, s.end - s.start);
      for (std::size_t p = ifind(seg, "portpolicy", 0); p != std::string_view::npos;
           p = ifind(seg, "portpolicy", p + 1)) {
        if (p > 0 && (is_word(seg[p - 1]) || seg[p - 1] == '-')) continue;
        std::optional<IgnoreMarker> m = parse_marker(seg, p);
        if (!m) continue;
        m->start += s.start;
        m->end += s.start;
        m->begin = file.position(m->start);
        m->end_pos = file.position(m->end);
        if (m->file_wide) {
          if (ln > kFileMarkerLines) {
            m->problems.push_back(
                fmt::format("portpolicy: ignore-file must be within the first {} lines of the file; this one "
                            "silences nothing",
                            kFileMarkerLines));
            m->valid = false;
          }
        } else if (lines[ln - 1].code) {
          m->target_line = ln;
        } else {
          // On a line of its own: the next line that is not itself only comments.
          std::uint32_t next = ln + 1;
          while (next <= lines.size() && !lines[next - 1].code && !lines[next - 1].comments.empty()) ++next;
          m->target_line = next <= lines.size() ? next : 0;
        }
        out.push_back(std::move(*m));
        break;  // one marker per comment: a reason may mention portpolicy
      }
    }
  }
  return out;
}

std::string local_date() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

bool is_valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const int m = std::stoi(std::string(s.substr(5, 2)));
  const int d = std::stoi(std::string(s.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

SuppressionOutcome apply_markers(const core::SourceFile& file, const std::vector<IgnoreMarker>& markers,
                                 std::span<Diagnostic* const> diags, const std::string& today) {
  SuppressionOutcome out;
  // Which of each marker's rules (or, for a bare marker, the marker itself) silenced something.
  std::vector<std::vector<bool>> used(markers.size());
  for (std::size_t i = 0; i < markers.size(); ++i)
    used[i].assign(std::max<std::size_t>(1, markers[i].rules.size()), false);

  // The slot of `d` in marker `m`'s rules; -1 when the marker does not cover it.
  auto covers = [&](const IgnoreMarker& m, const Diagnostic& d) -> int {
    if (!m.valid) return -1;
    if (!m.file_wide && m.target_line != d.begin.line) return -1;
    if (m.rules.empty()) return 0;
    const auto it = std::find(m.rules.begin(), m.rules.end(), d.rule);
    return it == m.rules.end() ? -1 : static_cast<int>(it - m.rules.begin());
  };
  for (Diagnostic* d : diags) {
    if (d->suppressed) continue;
    std::size_t active = markers.size(), lapsed = markers.size();
    int active_slot = -1, lapsed_slot = -1;
    // Line markers first, then file-wide ones: the narrower comment is the one that is used.
    for (bool file_wide : {false, true}) {
      for (std::size_t i = 0; i < markers.size() && active == markers.size(); ++i) {
        if (markers[i].file_wide != file_wide) continue;
        const int slot = covers(markers[i], *d);
        if (slot < 0) continue;
        const bool expired = !markers[i].until.empty() && today > markers[i].until;
        if (!expired) {
          active = i;
          active_slot = slot;
        } else if (lapsed == markers.size()) {
          lapsed = i;
          lapsed_slot = slot;
        }
      }
    }
    if (active != markers.size()) {
      d->suppressed = true;
      d->suppressed_by = markers[active].file_wide ? "file" : "inline";
      d->suppression_note = markers[active].reason;
      used[active][static_cast<std::size_t>(active_slot)] = true;
    } else if (lapsed != markers.size()) {
      const IgnoreMarker& m = markers[lapsed];
      d->message += fmt::format("; the suppression on line {} expired on {}", m.begin.line, m.until);
      d->suppression_note = "suppression expired on " + m.until;
      used[lapsed][static_cast<std::size_t>(lapsed_slot)] = true;
    }
  }

  for (std::size_t i = 0; i < markers.size(); ++i) {
    const IgnoreMarker& m = markers[i];
    for (const std::string& p : m.problems)
      out.invalid.push_back(marker_diagnostic(file, m, kInvalidIgnoreInfo, p));
    if (!m.valid) continue;
    std::vector<std::string> idle;
    for (std::size_t k = 0; k < m.rules.size(); ++k) {
      if (!used[i][k]) idle.push_back(m.rules[k]);
    }
    if (m.rules.empty() ? used[i][0] : idle.empty()) continue;
    const std::string what = m.rules.empty()
                                 ? std::string(m.file_wide ? "ignore-file" : "ignore comment")
                                 : fmt::format("{}[{}]", m.file_wide ? "ignore-file" : "ignore", join(idle));
    std::string where = m.file_wide          ? "in this file"
                        : m.target_line == 0 ? "(nothing follows it)"
                                             : fmt::format("on line {}", m.target_line);
    out.unused.push_back(
        marker_diagnostic(file, m, kUnusedIgnoreInfo, fmt::format("{} silences nothing {}", what, where)));
  }
  return out;
}

}  // namespace portpolicy::check
