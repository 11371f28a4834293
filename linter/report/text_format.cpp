// --format text: what compilers print, one line per finding, then a summary.
#include <fmt/format.h>

#include <map>

#include "core/text.h"
#include "report/format.h"

namespace portpolicy::report {

namespace {

const char* color_of(core::Severity s) {
  switch (s) {
    case core::Severity::kError: return "\033[1;31m";
    case core::Severity::kWarning: return "\033[1;35m";
    case core::Severity::kInfo: return "\033[1;36m";
  }
  return "";
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string render_text(const Output& o) {
  const check::CheckResult& r = o.result;
  const TextStyle& style = o.style;
  std::string out;
  const char* bold = style.color ? "\033[1m" : "";
  const char* reset = style.color ? "\033[0m" : "";
  for (const auto& d : r.diagnostics) {
    if (d.suppressed && !style.show_suppressed) continue;
    out += fmt::format("{}{}:{}:{}:{} {}{}:{} {} [{} {}]", bold, core::printable(d.path), d.begin.line, d.begin.column, reset,
                       style.color ? color_of(d.severity) : "", core::to_string(d.severity), reset, d.message,
                       d.code, d.rule);
    if (d.test_code) out += " (test code)";
    if (d.suppressed) {
      out += fmt::format(" (suppressed: {}", d.suppressed_by);
      if (!d.suppression_note.empty()) out += " -- " + d.suppression_note;
      out += ")";
    }
    out += '\n';
    if (style.source) {
      std::string line = source_line(r, d.path, d.begin.line);
      if (!line.empty()) {
        // Control characters would drive the terminal: shown as '?'.
        for (char& c : line) {
          if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == '\x7f') c = '?';
        }
        // Columns count bytes; the caret moves one cell per character (tabs kept as tabs).
        std::string caret;
        for (std::size_t i = 0; i + 1 < d.begin.column && i < line.size(); ++i) {
          const auto c = static_cast<unsigned char>(line[i]);
          if (c == '\t') {
            caret += '\t';
          } else if ((c & 0xC0) != 0x80) {
            caret += ' ';
          }
        }
        const std::size_t width = d.end > d.start ? d.end - d.start : 1;
        out += fmt::format("  {}\n  {}{}^{}{}\n", line, caret, style.color ? "\033[1;32m" : "",
                           std::string(width - 1, '~'), reset);
      }
    }
  }
  for (const auto& d : r.unused_ignores) {
    out += fmt::format("{}:{}:{}: info: {} [{}]\n", core::printable(d.path), d.begin.line, d.begin.column, d.message, d.rule);
  }
  if (style.statistics) {
    std::map<std::pair<std::string, std::string>, std::size_t> per_rule;
    for (const auto& d : r.diagnostics) {
      if (!d.suppressed) ++per_rule[{d.code, d.rule}];
    }
    for (const auto& [rule, n] : per_rule) out += fmt::format("{:>6}  {} {}\n", n, rule.first, rule.second);
  }
  if (!style.quiet) {
    const Counts c = count(r);
    if (c.total() == 0) {
      out += fmt::format("no findings in {}", plural(r.scan.files_scanned, "file", "files"));
    } else {
      out += fmt::format("{} ({}, {}, {}) in {}", plural(c.total(), "finding", "findings"),
                         plural(c.error, "error", "errors"), plural(c.warning, "warning", "warnings"),
                         plural(c.info, "info", "infos"), plural(r.scan.files_scanned, "file", "files"));
    }
    if (c.suppressed) out += fmt::format(", {} suppressed", c.suppressed);
    if (!r.scan.skipped.empty()) out += fmt::format(", {} skipped", plural(r.scan.skipped.size(), "file", "files"));
    out += "\n";
  }
  return out;
}

}  // namespace portpolicy::report
