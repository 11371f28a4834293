// `portpolicy check`: scan, judge every port literal with the enabled rules, suggest
// replacements, apply suppressions and the baseline, sort.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "check/diagnostic.h"
#include "config/config.h"
#include "registry/registry.h"
#include "scan/scanner.h"

namespace portpolicy::check {

/// How to check.
struct CheckOptions {
  scan::ScanOptions scan;
  std::optional<std::string> config_path;  ///< --config: overrides the walk-up search
  bool inline_ignores = true;              ///< false: --no-inline-ignores
  bool report_unused_ignores = false;      ///< fill CheckResult::unused_ignores
  std::optional<std::string> baseline;     ///< --baseline FILE: report only new findings
  std::optional<std::string> diff_ref;     ///< --diff REF: only lines changed since REF
  std::string today;                       ///< YYYY-MM-DD for suppression expiry; empty: the clock
  std::optional<std::uintmax_t> max_file_size;  ///< --max-file-size: wins over the configuration's
  bool fail_on_parse_error = false;        ///< --fail-on-parse-error: parse-error findings are errors
};

/// What a check found.
struct CheckResult {
  scan::ScanResult scan;
  std::vector<Diagnostic> diagnostics;  ///< sorted by path, offset, code; suppressed ones flagged
  std::vector<Diagnostic> unused_ignores;  ///< inline ignores that silenced nothing
  std::vector<std::string> config_files;   ///< the configurations in force
};

/// Runs the check. Throws config::ConfigError, discover::DiscoverError, BaselineError (a
/// missing or invalid --baseline file), DiffError (--diff outside git, or a bad ref).
CheckResult run_check(const std::vector<std::string>& paths, const CheckOptions& options,
                      const registry::Registry& reg);

}  // namespace portpolicy::check
