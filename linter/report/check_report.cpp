#include "report/check_report.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include "core/text.h"

#include "discover/discover.h"

namespace portpolicy::report {

namespace {

const char* color_of(check::Severity s) {
  switch (s) {
    case check::Severity::kError: return "\033[1;31m";
    case check::Severity::kWarning: return "\033[1;35m";
    case check::Severity::kInfo: return "\033[1;36m";
  }
  return "";
}

// The line holding a finding, read again from disk only for terminal output.
std::string source_line(const check::CheckResult& r, const std::string& path, std::uint32_t line) {
  std::optional<std::string> text = scan::read_unchanged(r.scan.digests, path);
  if (!text) return {};
  core::SourceFile f(path, std::move(*text));
  return std::string(f.line_text(line));
}

struct Counts {
  std::size_t error = 0, warning = 0, info = 0, suppressed = 0;
  std::size_t total() const { return error + warning + info; }
};

Counts count(const check::CheckResult& r) {
  Counts c;
  for (const auto& d : r.diagnostics) {
    if (d.suppressed) {
      ++c.suppressed;
      continue;
    }
    switch (d.severity) {
      case check::Severity::kError: ++c.error; break;
      case check::Severity::kWarning: ++c.warning; break;
      case check::Severity::kInfo: ++c.info; break;
    }
  }
  return c;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// GitHub workflow command values escape %, CR, LF (and , : in properties).
std::string gh_escape(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace

std::string check_text(const check::CheckResult& r, const TextStyle& style) {
  std::string out;
  const char* bold = style.color ? "\033[1m" : "";
  const char* reset = style.color ? "\033[0m" : "";
  for (const auto& d : r.diagnostics) {
    if (d.suppressed && !style.show_suppressed) continue;
    out += fmt::format("{}{}:{}:{}:{} {}{}:{} {} [{} {}]", bold, core::printable(d.path), d.begin.line, d.begin.column, reset,
                       style.color ? color_of(d.severity) : "", check::to_string(d.severity), reset, d.message,
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

std::string check_json(const check::CheckResult& r, const std::string& registry_date) {
  using nlohmann::ordered_json;
  ordered_json findings = ordered_json::array();
  for (const auto& d : r.diagnostics) {
    ordered_json f;
    f["path"] = d.path;
    f["line"] = d.begin.line;
    f["column"] = d.begin.column;
    f["end_line"] = d.end_pos.line;
    f["end_column"] = d.end_pos.column;
    f["value"] = d.file_level ? ordered_json(nullptr) : ordered_json(d.value);
    f["transport"] = d.transport ? ordered_json(std::string(core::to_string(*d.transport))) : ordered_json(nullptr);
    f["rule"] = d.rule;
    f["code"] = d.code;
    f["severity"] = check::to_string(d.severity);
    f["message"] = d.message;
    f["suggestion"] = d.suggestion ? ordered_json(*d.suggestion) : ordered_json(nullptr);
    f["test_code"] = d.test_code;
    f["suppressed"] = d.suppressed;
    if (d.suppressed) f["suppressed_by"] = d.suppressed_by;
    if (!d.suppression_note.empty()) f["suppression_note"] = d.suppression_note;
    findings.push_back(std::move(f));
  }
  const Counts c = count(r);
  ordered_json skipped = ordered_json::array();
  for (const auto& s : r.scan.skipped) skipped.push_back({{"path", s.path}, {"reason", s.reason}});
  ordered_json unused = ordered_json::array();
  for (const auto& d : r.unused_ignores) {
    unused.push_back({{"path", d.path}, {"line", d.begin.line}, {"column", d.begin.column}, {"message", d.message}});
  }
  ordered_json doc;
  doc["findings"] = findings;
  doc["summary"] = {{"files_scanned", r.scan.files_scanned},
                    {"findings", c.total()},
                    {"errors", c.error},
                    {"warnings", c.warning},
                    {"infos", c.info},
                    {"suppressed", c.suppressed},
                    {"files_skipped", skipped},
                    {"unused_ignores", unused},
                    {"registry_updated", registry_date},
                    {"config_files", r.config_files}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string check_github(const check::CheckResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) {
    if (d.suppressed) continue;
    const char* level = d.severity == check::Severity::kError ? "error"
                        : d.severity == check::Severity::kWarning ? "warning"
                                                                  : "notice";
    out += fmt::format("::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n", level,
                       gh_escape(d.path, true), d.begin.line, d.begin.column, d.end_pos.line, d.end_pos.column,
                       gh_escape(d.code + " " + d.rule, true), gh_escape(d.message, false));
  }
  return out;
}

}  // namespace portpolicy::report
