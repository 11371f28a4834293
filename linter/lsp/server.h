// `portpolicy lsp`: a Language Server (LSP 3.17, JSON-RPC over stdio). Diagnostics for the
// open documents, computed on their unsaved text with the same check as `portpolicy check`;
// hover on any port literal (the registry's answer and the verdict); code actions "Use port
// N" (the --fix edit) and "Ignore <rule> on this line".
#pragma once

#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/checker.h"
#include "registry/registry.h"

namespace portpolicy::lsp {

/// The server's state and its answer to each message; no I/O of its own.
class Server {
 public:
  /// `rule_docs`: where each rule's documentation is, "{code}" standing for the code
  /// ("file:///usr/share/doc/portpolicy/rules/{code}.md"); empty: diagnostics carry no
  /// codeDescription. The client's initializationOptions.ruleDocumentation overrides it.
  explicit Server(const registry::Registry& reg, std::string rule_docs = {})
      : reg_(reg), rule_docs_(std::move(rule_docs)) {}

  /// Handles one message; what to send back (responses and notifications) is appended to
  /// `out`. Never throws: a malformed message gets a JSON-RPC error where it has an id.
  void handle(const nlohmann::json& message, std::vector<nlohmann::json>& out);

  /// Re-checks the documents changed since the last call and appends their diagnostics.
  void flush(std::vector<nlohmann::json>& out);
  /// Changes wait for flush().
  bool has_pending() const { return !dirty_.empty() || !cleared_.empty(); }

  bool exited() const { return exited_; }
  /// The exit code after `exit`: 0 when `shutdown` came first (as LSP says).
  int exit_code() const { return shutdown_ ? 0 : 1; }

 private:
  struct Document {
    std::string path;
    std::string text;
    int version = 0;
    std::optional<check::CheckResult> result;  ///< of `text`; nullopt when not checked yet
  };

  /// False for a method the server does not know.
  bool request(const std::string& method, const nlohmann::json& params, nlohmann::json& result);
  void notification(const std::string& method, const nlohmann::json& params);
  void mark_all_dirty();
  void check_document(const std::string& uri, Document& doc, std::vector<nlohmann::json>& out);
  void check_config(const std::string& path, std::vector<nlohmann::json>& out);
  void publish_config_error(const std::string& what, const std::string& fallback_path,
                            std::vector<nlohmann::json>& out);
  /// The document params.textDocument names, checked now if its text changed since; null
  /// when it is not open or cannot be checked.
  Document* checked_document(const nlohmann::json& params);
  nlohmann::json hover(const nlohmann::json& params);
  nlohmann::json code_actions(const nlohmann::json& params);

  const registry::Registry& reg_;
  std::string rule_docs_;
  std::map<std::string, Document> docs_;
  std::set<std::string> dirty_;
  std::vector<std::string> cleared_;  ///< closed documents whose diagnostics are to be cleared
  std::set<std::string> config_errors_;  ///< config files that carry an error diagnostic now
  bool initialized_ = false;
  bool watch_configs_ = false;  ///< the client registers file watchers when asked
  bool shutdown_ = false;
  bool exited_ = false;
};

/// Serves over file descriptors (standard input and output): Content-Length framing,
/// changes debounced (diagnostics once the client pauses for `debounce_ms`). Logs to `log`.
/// Returns the exit code.
int serve(const registry::Registry& reg, int in_fd, int out_fd, std::ostream& log, const std::string& rule_docs = {},
          int debounce_ms = 150);

/// Replaces `range` (LSP positions: 0-based lines, UTF-16 characters; clamped to the text)
/// with `new_text`: an incremental didChange.
void apply_range_edit(std::string& text, const nlohmann::json& range, const std::string& new_text);

/// "file:///a%20b/c.yaml" -> "/a b/c.yaml"; nullopt for other schemes.
std::optional<std::string> path_of_uri(const std::string& uri);
/// "/a b/c.yaml" -> "file:///a%20b/c.yaml".
std::string uri_of_path(const std::string& path);

}  // namespace portpolicy::lsp
