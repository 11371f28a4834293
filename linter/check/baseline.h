// Baselines: today's findings recorded in a file, so that a later check reports only new
// ones. A finding is matched by path, rule code, port value and a fingerprint of its trimmed
// source line, then by the order of equal findings in the file, never by line number: edits
// elsewhere in the file and moved lines keep matching.
//
//   {"version": 1, "findings": [{"path": "compose.yaml", "code": "PP201",
//     "rule": "reserved-port", "value": 254, "fingerprint": "5c1e0b3a9f2d4e71",
//     "occurrence": 0}]}
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "check/diagnostic.h"

namespace portpolicy::check {

/// A baseline file that cannot be read or is not a portpolicy baseline; the message names it.
class BaselineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The version written in, and required of, baseline files.
inline constexpr int kBaselineVersion = 1;

/// One recorded finding.
struct BaselineEntry {
  std::string path;  ///< as given on the command line when it was recorded
  std::string code;
  std::string rule;  ///< for readers; matching uses the code
  std::uint64_t value = 0;
  std::string fingerprint;
  std::uint32_t occurrence = 0;  ///< index among equal (path, code, value, fingerprint) findings
};

/// FNV-1a of the line without leading and trailing white space, as 16 hex digits.
std::string line_fingerprint(std::string_view line);

/// What the baseline matches a finding by, but its occurrence: `path` (without "./"; the
/// finding's own, or the same file named from elsewhere), the rule code, the port value and
/// the line fingerprint, joined by NULs.
std::string match_key(std::string_view path, const Diagnostic& d);

/// The entries recording `diags` (sorted as check sorts them): those reported, and those
/// that a baseline already silenced; findings silenced by comments are left out.
std::vector<BaselineEntry> make_baseline(const std::vector<Diagnostic>& diags);

/// The baseline file's text: JSON, entries sorted, with the version.
std::string baseline_json(const std::vector<BaselineEntry>& entries);

/// Parses a baseline file's text; `path` names it in errors. Throws BaselineError.
std::vector<BaselineEntry> parse_baseline(std::string_view text, const std::string& path);

/// Reads and parses a baseline file. Throws BaselineError (missing, unreadable, not valid).
std::vector<BaselineEntry> load_baseline(const std::string& path);

/// Writes the baseline of `diags` to `path`; returns the number of entries. Throws
/// BaselineError when the file cannot be written.
std::size_t write_baseline(const std::string& path, const std::vector<Diagnostic>& diags);

/// Marks the findings a baseline entry matches as suppressed (suppressed_by "baseline");
/// returns how many. The n-th of equal findings matches when the baseline holds at least n.
std::size_t apply_baseline(std::vector<Diagnostic>& diags, const std::vector<BaselineEntry>& entries);

}  // namespace portpolicy::check
