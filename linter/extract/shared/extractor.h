// What every format's extractor sees and produces.
#pragma once

#include <tree_sitter/api.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/port_literal.h"
#include "core/source_file.h"

namespace portpolicy::extract {

/// A parsed tree that frees itself.
struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};
using Tree = std::unique_ptr<TSTree, TreeDeleter>;

/// When the scan of one file must stop: past it, parsing and queries give up.
using Deadline = std::optional<std::chrono::steady_clock::time_point>;

/// Thrown when a file's scan runs past its deadline; the scanner reports the file as skipped.
class BudgetExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Something about a file that kept part of it from being read: a parse error, nesting too
/// deep to read. Offsets are bytes into the file.
struct FileProblem {
  std::uint32_t offset = 0;
  std::string kind;     ///< "parse-error"
  std::string message;  ///< "YAML does not parse: an unclosed flow sequence"
};

/// One tree-sitter parser per grammar, for one thread: parsers are reused across files.
class ParserCache {
 public:
  ParserCache() = default;
  ParserCache(const ParserCache&) = delete;
  ParserCache& operator=(const ParserCache&) = delete;
  ~ParserCache();

  /// Parses `text` with grammar `language` ("yaml", "json", ...); nullptr if the grammar is
  /// unknown or the text nests brackets too deep to parse safely (see too_deep()). Throws
  /// BudgetExceeded when the deadline set by set_deadline() passes while parsing.
  /// `old`, when given, is an earlier tree of the text edited (ts_tree_edit) into `text`:
  /// what did not change is reused.
  Tree parse(std::string_view language, std::string_view text, const TSTree* old = nullptr);

  /// The deadline of the file being scanned (none: no limit).
  void set_deadline(Deadline d) { deadline_ = d; }
  const Deadline& deadline() const { return deadline_; }

 private:
  std::map<std::string, TSParser*, std::less<>> parsers_;
  Deadline deadline_;
};

/// Where brackets in `text` first nest deeper than a parser can take (4096 levels), or
/// nullopt. Such text is not parsed whole: the tree-sitter runtime aborts the process when
/// it frees a tree about 65535 levels deep.
std::optional<std::uint32_t> too_deep(std::string_view text);

/// Throws BudgetExceeded when `d` has passed.
void check_deadline(const Deadline& d);

/// Where an extractor writes what it finds.
struct ExtractContext {
  const core::SourceFile& file;
  ParserCache& parsers;
  std::vector<core::PortLiteral>& out;
  std::vector<FileProblem>* problems = nullptr;  ///< where file problems go; nullptr: dropped

  /// Records a problem with the file at byte `offset`.
  void problem(std::uint32_t offset, std::string kind, std::string message) const {
    if (problems) problems->push_back({offset, std::move(kind), std::move(message)});
  }

  /// Records a port at bytes [start, end) of the file; its value is read from those bytes.
  void add(std::uint32_t start, std::uint32_t end, core::Role role, std::string_view format,
           std::string context, std::optional<core::Transport> transport = std::nullopt) const;
};

/// The first place a parse failed: where, and what the parser says ("unexpected ']'",
/// "missing '}'"); nullopt when the tree has no error. `base` is added to the offset (for a
/// tree of a part of the file).
struct ParseError {
  std::uint32_t offset = 0;
  std::string what;
};
std::optional<ParseError> first_parse_error(TSNode root, std::string_view text, std::uint32_t base = 0);

/// Records a file's parse error when its tree has one and, for YAML, JSON and TOML, the
/// language's strict parser (strict_parse.h) agrees: "<language> does not parse: <its
/// message>; what follows may be read only in part", at the place it names. A template
/// ({{ ... }}, {% ... %}, <% ... %>) is not the language until rendered, and is not judged.
/// `text` is what was parsed (JSONC's trailing commas may be blanked in it). Returns whether
/// one was recorded.
bool report_parse_error(const ExtractContext& ctx, TSNode root, std::string_view text, std::string_view language,
                        std::uint32_t base = 0);

/// Blanks out every template action {{ ... }} (Helm, Jinja, Go templates, GitHub
/// expressions) and Jinja tag {% ... %} (and {# ... #} where the others are), keeping byte
/// offsets and newlines, so that templated values are never ports and the rest still parses.
/// An action alone on its line (control flow) becomes spaces; one beside other text becomes
/// `word` followed by `pad` ("x", 'x' for YAML; "null", ' ' for JSON), as spaces would leave
/// "image: {{a}}/{{b}}:{{c}}" reading as "image:  /  :  ", a broken mapping. Returns whether
/// there was any.
bool blank_templates(std::string& text, std::string_view word, char pad);

/// Parses `text` (the file, or the part of it that starts at byte `base`) for an extractor.
/// What brackets hold deeper than 4096 levels is blanked out first, and reported as a
/// "too-deep" problem, so that the rest of the file is still read.
/// `old` as for ParserCache::parse().
Tree parse_for(const ExtractContext& ctx, std::string_view language, std::string_view text, std::uint32_t base = 0,
               const TSTree* old = nullptr);

/// Reads one file's port literals.
using ExtractFn = void (*)(const ExtractContext& ctx);

}  // namespace portpolicy::extract
