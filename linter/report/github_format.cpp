// --format github: GitHub Actions workflow commands (`::warning file=...,line=...::message`).
#include <fmt/format.h>

#include "report/format.h"

namespace portpolicy::report {

namespace {

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

std::string render_github(const Output& o) {
  const check::CheckResult& r = o.result;
  std::string out;
  for (const auto& d : r.diagnostics) {
    if (d.suppressed) continue;
    const char* level = d.severity == core::Severity::kError ? "error"
                        : d.severity == core::Severity::kWarning ? "warning"
                                                                  : "notice";
    out += fmt::format("::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n", level,
                       gh_escape(d.path, true), d.begin.line, d.begin.column, d.end_pos.line, d.end_pos.column,
                       gh_escape(d.code + " " + d.rule, true), gh_escape(d.message, false));
  }
  return out;
}

}  // namespace portpolicy::report
