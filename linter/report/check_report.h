// Output of `portpolicy check`: compiler-style text, JSON and GitHub Actions annotations.
#pragma once

#include <string>

#include "check/checker.h"

namespace portpolicy::report {

/// How text output looks.
struct TextStyle {
  bool color = false;        ///< ANSI colours (only on a terminal, never with NO_COLOR)
  bool source = false;       ///< the source line with a caret under the number
  bool quiet = false;        ///< findings only, no summary
  bool statistics = false;   ///< a count per rule after the findings
  bool show_suppressed = false;
};

/// `path:line:col: warning: message [PP201 reserved-port]` per finding, then a summary.
std::string check_text(const check::CheckResult& r, const TextStyle& style);

/// `{"findings": [...], "summary": {...}}`: the stable, documented machine format.
std::string check_json(const check::CheckResult& r, const std::string& registry_date);

/// GitHub Actions workflow commands (`::warning file=...,line=...::message`).
std::string check_github(const check::CheckResult& r);

}  // namespace portpolicy::report
