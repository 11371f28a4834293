// Output formats of `portpolicy check`. Each format is one file in linter/report/ that
// defines its render function, and one line in formats.def.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "check/checker.h"
#include "registry/registry.h"

namespace portpolicy::report {

/// How text output looks.
struct TextStyle {
  bool color = false;        ///< ANSI colours (only on a terminal, never with NO_COLOR)
  bool source = false;       ///< the source line with a caret under the number
  bool quiet = false;        ///< findings only, no summary
  bool statistics = false;   ///< a count per rule after the findings
  bool show_suppressed = false;
};

/// What a format renders: the check's result, the registry it was judged against, and
/// (for text) how it should look.
struct Output {
  const check::CheckResult& result;
  const registry::Registry& registry;
  TextStyle style;
  std::string root;  ///< absolute; dashboard formats give paths relative to it (project_root())
};

using RenderFn = std::string (*)(const Output& out);

/// A registered output format.
struct CheckFormat {
  std::string_view name;     ///< the --format value
  std::string_view summary;  ///< one line for --help
  RenderFn render;
};

#define PP_FORMAT(name, summary, fn) std::string fn(const Output& out);
#include "report/formats.def"
#undef PP_FORMAT

/// Every format, in formats.def order.
std::span<const CheckFormat> check_formats();

/// The format called `name`; nullptr when there is none.
const CheckFormat* find_check_format(std::string_view name);

// Helpers the formats share.

/// Findings by severity, and those suppressed.
struct Counts {
  std::size_t error = 0, warning = 0, info = 0, suppressed = 0;
  std::size_t total() const { return error + warning + info; }
};
Counts count(const check::CheckResult& r);

/// What the machine formats report, in order: every finding (suppressed ones included,
/// marked), then the unused ignore comments (`--report-unused-ignores`).
std::vector<const check::Diagnostic*> reported(const check::CheckResult& r);

/// The baseline's matching key of each of `diags`, as 16 hex digits: the path relative to
/// `root` (project_root()), rule code, port value, the fingerprint of the trimmed source
/// line and the occurrence among equal ones, so that it survives edits elsewhere in the file
/// and does not depend on the folder the run started from. Unique within a run.
std::vector<std::string> finding_keys(const std::vector<const check::Diagnostic*>& diags, const std::string& root);

/// The text of line `line` (1-based) of `path` as the scan read it; empty when the file
/// can no longer be read or has changed since.
std::string source_line(const check::CheckResult& r, const std::string& path, std::uint32_t line);

/// The folder findings' paths are made relative to for dashboards: the nearest folder at or
/// above the working directory that holds `.git`, else the working directory. Absolute.
std::string project_root();

/// `path` relative to `root` with '/' separators ("./" and ".." resolved); empty when the
/// file is not under `root`.
std::string relative_to(const std::string& root, const std::string& path);

/// `s` with the control characters XML 1.0 cannot hold, even escaped, as '?'.
std::string xml_safe(std::string_view s);

/// "path:line:col: severity: message [CODE rule]", the text format's line.
std::string headline(const check::Diagnostic& d);

}  // namespace portpolicy::report
