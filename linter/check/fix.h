// Fixes: the edit that moves a finding's port to its suggestion, planned over a check's
// findings, previewed as a unified diff or written back atomically. `check --fix` and the
// editor's quick fix both take their edits from fix_edit().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/checker.h"
#include "check/diagnostic.h"
#include "core/source_file.h"

namespace portpolicy::check {

/// Replace the bytes [start, end) of the file at `path` with `replacement`.
struct Edit {
  std::string path;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  core::LineCol begin;    ///< 1-based line and byte column of `start`
  core::LineCol end_pos;  ///< of `end`
  std::string replacement;
};

/// The edit that fixes `d` in `text` (the file's content as checked): the literal's digits
/// become the suggested port. nullopt, with the reason in `why_not`, when there is no single
/// unambiguous edit: no suggestion, a finding about the whole file, a suppressed finding, a
/// literal not written as plain decimal digits (YAML base 60, hex), one end of a range, or
/// text that no longer holds the literal.
std::optional<Edit> fix_edit(const Diagnostic& d, std::string_view text, std::string* why_not = nullptr);

/// `text` with `edits` applied (edits of one file, not overlapping, in any order).
std::string apply_edits(std::string_view text, std::vector<Edit> edits);

/// A unified diff (git's format, paths a/ and b/) from `before` to `after` of `path`.
std::string unified_diff(const std::string& path, std::string_view before, std::string_view after);

/// What --fix does with a check's findings.
struct FixPlan {
  struct File {
    std::string path;
    std::string before;
    std::string after;
    std::vector<Edit> edits;
    std::vector<std::size_t> fixed;  ///< indices into CheckResult::diagnostics
  };
  std::vector<File> files;  ///< sorted by path; only files with edits
  /// Findings left as they are, with the reason (indices into CheckResult::diagnostics).
  std::vector<std::pair<std::size_t, std::string>> not_fixable;
  /// Files whose content changed since the check read them: nothing planned there.
  std::vector<std::string> changed;
};

/// Plans the fixes of every unsuppressed finding at or above `threshold`. Several findings
/// on one literal share its edit (the first one's suggestion).
FixPlan plan_fixes(const CheckResult& result, core::Severity threshold);

/// Writes `file.after` over `file.path` atomically (a temporary file beside it, renamed over
/// it, its mode kept), unless the file on disk is no longer `file.before`: then nothing is
/// written and the reason is returned. Returns the error, or empty on success.
std::string write_fixed(const FixPlan::File& file);

}  // namespace portpolicy::check
