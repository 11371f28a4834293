// Inline suppressions: `portpolicy: ignore[...]` comments, written in each format's own
// comment syntax, that silence findings on their own line, on the line below, or (as
// `portpolicy: ignore-file` near the top) in the whole file.
//
//   ports:
//     # portpolicy: ignore[reserved-port] until=2025-06-30 -- the debug agent needs it
//     - "254:254"
//     - "23:23"  # portpolicy: ignore[PP201, insecure-service-port]
//
// A marker counts only inside a comment: a comment opener of the file's format must come
// before it on the line (outside a quoted string), or the line must lie inside a block
// comment. A marker on a line holding nothing but comments applies to the next line that is
// not itself comment-only; a blank line ends that search. Rule lists take codes or names,
// comma-separated, case-insensitive; a bare `ignore` silences every rule. `until=YYYY-MM-DD`
// makes the marker lapse after that day; text after " -- " is kept as the reason.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "check/diagnostic.h"
#include "core/source_file.h"
#include "rules/rule.h"

namespace portpolicy::check {

/// PP900 invalid-ignore: an ignore comment naming an unknown rule, or malformed.
extern const rules::RuleInfo kInvalidIgnoreInfo;

/// PP901 unused-ignore: an ignore comment that silences nothing (--report-unused-ignores).
extern const rules::RuleInfo kUnusedIgnoreInfo;

/// The tool's own rules about ignore comments, sorted by code. They are not in the rule list
/// (no port literal can break them), but `portpolicy rules` and `portpolicy rule` show them.
std::span<const rules::RuleInfo* const> tool_rules();

/// The tool rule with this code or name (case-insensitive), or nullptr.
const rules::RuleInfo* find_tool_rule(std::string_view code_or_name);

/// The comment syntax of one file format.
struct CommentSyntax {
  /// Where a line-comment opener counts: anywhere outside a string, only after white space
  /// (YAML, shell: `a#b` is not a comment), or only as the first thing on the line (systemd,
  /// .properties, which have no trailing comments).
  enum class Where : std::uint8_t { kAnywhere, kAfterSpace, kLineStart };
  struct LineOpener {
    std::string_view text;
    Where where;
  };
  struct Block {
    std::string_view open;
    std::string_view close;
  };
  std::vector<LineOpener> line;
  std::vector<Block> block;
  std::string_view quotes;  ///< characters that open a string in which nothing is a comment
  bool backslash_escapes = true;
};

/// The comment syntax of the file at `path` (format detected as the scanner does); for a
/// format portpolicy does not know, every common opener (#, //, ;, --, /* */, <!-- -->).
CommentSyntax comment_syntax_for(std::string_view path, std::string_view text);

/// One `portpolicy: ignore` or `portpolicy: ignore-file` comment.
struct IgnoreMarker {
  std::uint32_t start = 0;  ///< byte offset of "portpolicy"
  std::uint32_t end = 0;    ///< one past the directive, its rule list and options
  core::LineCol begin;
  core::LineCol end_pos;
  bool file_wide = false;          ///< ignore-file
  std::uint32_t target_line = 0;   ///< the line a line marker silences; 0: none (end of file)
  std::vector<std::string> rules;  ///< rule names it silences, canonical; empty: every rule
  std::string until;               ///< YYYY-MM-DD; empty: no expiry
  std::string reason;              ///< text after " -- "
  /// What is wrong with it, one message per problem: unknown rule names (the others still
  /// apply) or malformed syntax (then `valid` is false and it silences nothing).
  std::vector<std::string> problems;
  bool valid = true;
};

/// The markers in the comments of `file`, in file order.
std::vector<IgnoreMarker> find_markers(const core::SourceFile& file);

/// Today's local date as YYYY-MM-DD.
std::string local_date();

/// True for a real calendar date written YYYY-MM-DD.
bool is_valid_date(std::string_view s);

/// What applying a file's markers produced besides marking findings.
struct SuppressionOutcome {
  std::vector<Diagnostic> invalid;  ///< PP900, one per problem of a marker
  std::vector<Diagnostic> unused;   ///< PP901, markers (or named rules of one) that silenced nothing
};

/// Applies the markers of `file` to `diags` (the file's findings): a finding a marker covers
/// is marked suppressed (suppressed_by "inline" or "file", suppression_note the reason);
/// a marker that lapsed before `today` (YYYY-MM-DD) leaves its finding reported with the
/// expiry said in the message. Markers are consulted only for not yet suppressed findings.
SuppressionOutcome apply_markers(const core::SourceFile& file, const std::vector<IgnoreMarker>& markers,
                                 std::span<Diagnostic* const> diags, const std::string& today);

}  // namespace portpolicy::check
