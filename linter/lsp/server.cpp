#include "lsp/server.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <regex>

#include "check/fix.h"
#include "check/suppress.h"
#include "config/config.h"
#include "core/source_file.h"
#include "explain/explain.h"

namespace portpolicy::lsp {

using nlohmann::json;

namespace {

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kServerNotInitialized = -32002;

// LSP DiagnosticSeverity.
int severity_of(core::Severity s) {
  switch (s) {
    case core::Severity::kError: return 1;
    case core::Severity::kWarning: return 2;
    case core::Severity::kInfo: return 3;
  }
  return 3;
}

// UTF-16 code units in the first `bytes` bytes of `line` (LSP counts characters so).
std::uint32_t utf16_units(std::string_view line, std::size_t bytes) {
  std::uint32_t units = 0;
  for (std::size_t i = 0; i < bytes && i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += c >= 0xF0 ? 2 : 1;
  }
  return units;
}

// The byte offset in `line` of UTF-16 position `units` (clamped to the line).
std::size_t byte_of_units(std::string_view line, std::uint32_t units) {
  std::uint32_t seen = 0;
  std::size_t i = 0;
  while (i < line.size() && seen < units) {
    const auto c = static_cast<unsigned char>(line[i]);
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    seen += c >= 0xF0 ? 2 : 1;
    i += len;
  }
  return std::min(i, line.size());
}

json position(const core::SourceFile& file, core::LineCol at) {
  const std::uint32_t line = at.line == 0 ? 0 : at.line - 1;
  const std::string_view text = file.line_text(at.line == 0 ? 1 : at.line);
  return {{"line", line}, {"character", utf16_units(text, at.column == 0 ? 0 : at.column - 1)}};
}

json range(const core::SourceFile& file, core::LineCol begin, core::LineCol end) {
  return {{"start", position(file, begin)}, {"end", position(file, end)}};
}

json lsp_diagnostic(const core::SourceFile& file, const check::Diagnostic& d, int severity,
                    const std::string& rule_docs) {
  std::string message = d.message;
  if (d.test_code) message += " (test code)";
  json out = {{"range", range(file, d.begin, d.end_pos)},
              {"severity", severity},
              {"code", d.code},
              {"source", "portpolicy"},
              {"message", message},
              {"data", {{"rule", d.rule}}}};
  if (const std::size_t at = rule_docs.find("{code}"); at != std::string::npos) {
    std::string href = rule_docs;
    href.replace(at, 6, d.code);
    out["codeDescription"] = {{"href", href}};
  }
  return out;
}

json publish(const std::string& uri, json diagnostics, std::optional<int> version = std::nullopt) {
  json params = {{"uri", uri}, {"diagnostics", std::move(diagnostics)}};
  if (version) params["version"] = *version;
  return {{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", std::move(params)}};
}

bool is_config(const std::string& path) {
  return std::filesystem::path(path).filename() == config::kConfigFileName;
}

// "FILE:LINE:COLUMN: message" as configuration errors read.
std::optional<std::tuple<std::string, std::uint32_t, std::uint32_t, std::string>> config_error_parts(
    const std::string& what) {
  static const std::regex re(R"(^(.+?):(\d+):(\d+): ([\s\S]*)$)");
  std::smatch m;
  if (!std::regex_match(what, m, re)) return std::nullopt;
  return std::make_tuple(m[1].str(), static_cast<std::uint32_t>(std::stoul(m[2].str())),
                         static_cast<std::uint32_t>(std::stoul(m[3].str())), m[4].str());
}

// A comment that silences `code` on `line` (1-based) of the file, in its own syntax: at the
// end of the line where the format has trailing comments, else a comment line above it.
std::optional<json> ignore_edit(const core::SourceFile& file, std::uint32_t line, const std::string& code) {
  const check::CommentSyntax syntax = check::comment_syntax_for(file.path(), file.text());
  const std::string marker = "portpolicy: ignore[" + code + "]";
  const std::string_view text = file.line_text(line);
  const std::string_view body = text.ends_with('\r') ? text.substr(0, text.size() - 1) : text;
  for (const auto& opener : syntax.line) {
    if (opener.where == check::CommentSyntax::Where::kLineStart) continue;
    const json at = position(file, {line, static_cast<std::uint32_t>(body.size() + 1)});
    return json{{"range", {{"start", at}, {"end", at}}}, {"newText", "  " + std::string(opener.text) + " " + marker}};
  }
  if (!syntax.line.empty()) {
    const std::size_t indent = body.find_first_not_of(" \t");
    const std::string lead(body.substr(0, indent == std::string_view::npos ? 0 : indent));
    const json at = {{"line", line - 1}, {"character", 0}};
    return json{{"range", {{"start", at}, {"end", at}}},
                {"newText", lead + std::string(syntax.line.front().text) + " " + marker + "\n"}};
  }
  if (!syntax.block.empty()) {
    const json at = position(file, {line, static_cast<std::uint32_t>(body.size() + 1)});
    std::string comment = " ";
    comment.append(syntax.block.front().open).append(" ").append(marker).append(" ").append(syntax.block.front().close);
    return json{{"range", {{"start", at}, {"end", at}}}, {"newText", comment}};
  }
  return std::nullopt;
}

// The byte offset of an LSP position (line, UTF-16 character) in `text`, clamped to the
// text: a line past the end is the end, a character past the line is the line's end.
std::size_t byte_offset(const std::string& text, const json& pos) {
  const std::int64_t line = pos.at("line").get<std::int64_t>();
  const std::int64_t character = pos.at("character").get<std::int64_t>();
  std::size_t start = 0;
  for (std::int64_t l = 0; l < line; ++l) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) return text.size();
    start = nl + 1;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  const auto units = static_cast<std::uint32_t>(std::clamp<std::int64_t>(character, 0, UINT32_MAX));
  return start + byte_of_units(std::string_view(text).substr(start, end - start), units);
}

}  // namespace

void apply_range_edit(std::string& text, const json& range, const std::string& new_text) {
  std::size_t begin = byte_offset(text, range.at("start"));
  std::size_t end = byte_offset(text, range.at("end"));
  if (end < begin) std::swap(begin, end);
  text.replace(begin, end - begin, new_text);
}

std::optional<std::string> path_of_uri(const std::string& uri) {
  constexpr std::string_view kScheme = "file://";
  if (!uri.starts_with(kScheme)) return std::nullopt;
  std::string out;
  for (std::size_t i = kScheme.size(); i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
      out += static_cast<char>(std::stoi(uri.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += uri[i];
    }
  }
  if (out.empty() || out[0] != '/') return std::nullopt;  // file://host/... is not local
  return out;
}

std::string uri_of_path(const std::string& path) {
  std::string out = "file://";
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || std::strchr("/-._~", ch) != nullptr) {
      out += ch;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

void Server::handle(const json& message, std::vector<json>& out) {
  const auto reply_error = [&out](const json& id, int code, const std::string& what) {
    out.push_back({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", what}}}});
  };
  if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
    // A response from the client (to nothing we asked) is dropped; anything else is invalid.
    if (message.is_object() && message.contains("id") && (message.contains("result") || message.contains("error"))) {
      return;
    }
    reply_error(message.is_object() && message.contains("id") ? message["id"] : json(nullptr), kInvalidRequest,
                "not a JSON-RPC request or notification");
    return;
  }
  const std::string method = message["method"];
  const json params = message.value("params", json::object());
  const bool is_request = message.contains("id");
  try {
    if (!is_request) {
      if (method == "exit") {
        exited_ = true;
        return;
      }
      if (!initialized_ || shutdown_) return;
      if (method == "initialized" && watch_configs_) {
        // Ask to hear of configuration files changed outside the editor too.
        const json watcher = {{"globPattern", "**/" + std::string(config::kConfigFileName)}};
        out.push_back({{"jsonrpc", "2.0"},
                       {"id", "portpolicy/watch-configs"},
                       {"method", "client/registerCapability"},
                       {"params",
                        {{"registrations", json::array({{{"id", "portpolicy-configs"},
                                                         {"method", "workspace/didChangeWatchedFiles"},
                                                         {"registerOptions", {{"watchers", json::array({watcher})}}}}})}}}});
        return;
      }
      notification(method, params);  // diagnostics follow from flush(), once changes pause
      return;
    }
    const json id = message["id"];
    if (method != "initialize" && !initialized_) return reply_error(id, kServerNotInitialized, "not initialized");
    if (shutdown_) return reply_error(id, kInvalidRequest, "the server is shutting down");
    json result;
    if (!request(method, params, result)) return reply_error(id, kMethodNotFound, "unknown method " + method);
    out.push_back({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  } catch (const json::exception& e) {
    if (is_request) reply_error(message["id"], kInvalidParams, std::string("invalid params: ") + e.what());
  } catch (const std::exception& e) {
    if (is_request) reply_error(message["id"], kInvalidParams, e.what());
  }
}

bool Server::request(const std::string& method, const json& params, json& result) {
  if (method == "initialize") {
    initialized_ = true;
    const json caps = params.value("capabilities", json::object());
    watch_configs_ = caps.is_object() && caps.contains("workspace") && caps["workspace"].is_object() &&
                     caps["workspace"].value("didChangeWatchedFiles", json::object()).value("dynamicRegistration", false);
    if (const json options = params.value("initializationOptions", json::object());
        options.is_object() && options.contains("ruleDocumentation") && options["ruleDocumentation"].is_string()) {
      rule_docs_ = options["ruleDocumentation"].get<std::string>();
    }
    result = {{"capabilities",
               {{"positionEncoding", "utf-16"},
                {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
                {"hoverProvider", true},
                {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}}}},
              {"serverInfo", {{"name", "portpolicy"}}}};
    return true;
  }
  if (method == "shutdown") {
    shutdown_ = true;
    result = nullptr;
    return true;
  }
  if (method == "textDocument/hover") {
    result = hover(params);
    return true;
  }
  if (method == "textDocument/codeAction") {
    result = code_actions(params);
    return true;
  }
  return false;
}

void Server::notification(const std::string& method, const json& params) {
  if (method == "textDocument/didOpen") {
    const json& td = params.at("textDocument");
    const std::string uri = td.at("uri");
    const std::optional<std::string> path = path_of_uri(uri);
    if (!path) return;
    docs_[uri] = Document{*path, td.at("text").get<std::string>(), td.value("version", 0), std::nullopt};
    dirty_.insert(uri);
    if (is_config(*path)) mark_all_dirty();
  } else if (method == "textDocument/didChange") {
    const std::string uri = params.at("textDocument").at("uri");
    auto it = docs_.find(uri);
    if (it == docs_.end()) return;
    // In order: a change with a range replaces it, one without replaces the whole text.
    for (const json& change : params.at("contentChanges")) {
      const std::string text = change.at("text").get<std::string>();
      if (change.contains("range")) {
        apply_range_edit(it->second.text, change.at("range"), text);
      } else {
        it->second.text = text;
      }
    }
    it->second.version = params.at("textDocument").value("version", it->second.version);
    it->second.result.reset();
    dirty_.insert(uri);
  } else if (method == "textDocument/didSave") {
    const std::string uri = params.at("textDocument").at("uri");
    const std::optional<std::string> path = path_of_uri(uri);
    if (path && is_config(*path)) {
      mark_all_dirty();
      dirty_.insert(uri);
    } else if (docs_.contains(uri)) {
      dirty_.insert(uri);
    }
  } else if (method == "textDocument/didClose") {
    const std::string uri = params.at("textDocument").at("uri");
    docs_.erase(uri);
    dirty_.erase(uri);
    cleared_.push_back(uri);
  } else if (method == "workspace/didChangeWatchedFiles") {
    for (const json& change : params.value("changes", json::array())) {
      const std::optional<std::string> path = path_of_uri(change.value("uri", ""));
      if (path && is_config(*path)) mark_all_dirty();
    }
  }
}

void Server::mark_all_dirty() {
  for (auto& [uri, doc] : docs_) {
    doc.result.reset();
    dirty_.insert(uri);
  }
}

void Server::flush(std::vector<json>& sent) {
  std::vector<json> out;
  for (const std::string& uri : cleared_) out.push_back(publish(uri, json::array()));
  cleared_.clear();
  const std::set<std::string> dirty = std::move(dirty_);
  dirty_.clear();
  for (const std::string& uri : dirty) {
    if (auto it = docs_.find(uri); it != docs_.end()) {
      check_document(uri, it->second, out);
    } else if (const std::optional<std::string> path = path_of_uri(uri); path && is_config(*path)) {
      check_config(*path, out);
    }
  }
  // One publication per document: the last one made.
  std::map<std::string, std::size_t> last;
  for (std::size_t i = 0; i < out.size(); ++i) last[out[i]["params"]["uri"]] = i;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (last[out[i]["params"]["uri"]] == i) sent.push_back(std::move(out[i]));
  }
}

void Server::check_config(const std::string& path, std::vector<json>& out) {
  const std::string uri = uri_of_path(path);
  try {
    (void)config::load_config(path);
    out.push_back(publish(uri, json::array()));
    config_errors_.erase(uri);
  } catch (const config::ConfigError& e) {
    publish_config_error(e.what(), path, out);
  }
}

void Server::publish_config_error(const std::string& what, const std::string& fallback_path, std::vector<json>& out) {
  std::string path = fallback_path;
  std::uint32_t line = 1, column = 1;
  std::string message = what;
  if (const auto parts = config_error_parts(what)) std::tie(path, line, column, message) = *parts;
  const json at = {{"line", line - 1}, {"character", column - 1}};
  const std::string uri = uri_of_path(std::filesystem::absolute(path).lexically_normal().string());
  out.push_back(publish(uri, json::array({{{"range", {{"start", at}, {"end", at}}},
                                           {"severity", 1},
                                           {"source", "portpolicy"},
                                           {"message", message}}})));
  config_errors_.insert(uri);
}

void Server::check_document(const std::string& uri, Document& doc, std::vector<json>& out) {
  if (is_config(doc.path)) return check_config(doc.path, out);
  check::CheckOptions opts;
  opts.scan.texts.emplace(doc.path, doc.text);
  opts.scan.threads = 1;
  opts.report_unused_ignores = true;
  try {
    if (!doc.result) doc.result = check::run_check({doc.path}, opts, reg_);  // else checked for a hover
  } catch (const config::ConfigError& e) {
    doc.result.reset();
    publish_config_error(e.what(), doc.path, out);
    out.push_back(publish(uri, json::array(), doc.version));
    return;
  } catch (const std::exception& e) {
    doc.result.reset();
    const json at = {{"line", 0}, {"character", 0}};
    out.push_back(publish(uri,
                          json::array({{{"range", {{"start", at}, {"end", at}}},
                                        {"severity", 1},
                                        {"source", "portpolicy"},
                                        {"message", std::string("portpolicy could not check this file: ") + e.what()}}}),
                          doc.version));
    return;
  }
  // A configuration that loads again has no error left to show.
  for (const std::string& c : config_errors_) out.push_back(publish(c, json::array()));
  config_errors_.clear();
  const core::SourceFile file(doc.path, doc.text);
  json diags = json::array();
  for (const check::Diagnostic& d : doc.result->diagnostics) {
    if (d.path != doc.path || d.suppressed) continue;
    diags.push_back(lsp_diagnostic(file, d, severity_of(d.severity), rule_docs_));
  }
  for (const check::Diagnostic& d : doc.result->unused_ignores) {
    if (d.path == doc.path) diags.push_back(lsp_diagnostic(file, d, 4, rule_docs_));  // hints
  }
  out.push_back(publish(uri, std::move(diags), doc.version));
}

Server::Document* Server::checked_document(const json& params) {
  const std::string uri = params.at("textDocument").at("uri");
  auto it = docs_.find(uri);
  if (it == docs_.end()) return nullptr;
  if (!it->second.result) {
    std::vector<json> published_later;  // flush() publishes the document's diagnostics
    check_document(uri, it->second, published_later);
  }
  return it->second.result ? &it->second : nullptr;
}

json Server::hover(const json& params) {
  Document* checked = checked_document(params);
  if (checked == nullptr) return nullptr;
  const Document& doc = *checked;
  const core::SourceFile file(doc.path, doc.text);
  const std::int64_t line = params.at("position").at("line").get<std::int64_t>();
  const std::int64_t character = params.at("position").at("character").get<std::int64_t>();
  if (line < 0 || character < 0 || static_cast<std::size_t>(line) >= file.line_count()) return nullptr;
  const std::string_view text = file.line_text(static_cast<std::uint32_t>(line + 1));
  const std::uint32_t offset = static_cast<std::uint32_t>(text.data() - file.text().data()) +
                               static_cast<std::uint32_t>(byte_of_units(text, static_cast<std::uint32_t>(character)));
  for (const scan::PortFinding& p : doc.result->scan.ports) {
    if (p.path != doc.path || offset < p.literal.start || offset > p.literal.end) continue;
    explain::Target target{std::to_string(p.literal.value), static_cast<std::uint32_t>(std::min<std::uint64_t>(p.literal.value, 70000)),
                           p.literal.transport};
    const explain::Explanation e = explain::explain(target, reg_);
    std::string md = "**portpolicy**: port " + std::to_string(p.literal.value) + " (" +
                     std::string(core::to_string(p.literal.role)) + ", " + p.literal.format + ")\n\n```text\n" +
                     explain::render_text({e}, reg_) + "```\n";
    for (const check::Diagnostic& d : doc.result->diagnostics) {
      if (d.path == doc.path && d.start == p.literal.start && d.end == p.literal.end) {
        md += "\n**" + d.code + " " + d.rule + "** (" + std::string(core::to_string(d.severity)) +
              (d.suppressed ? ", suppressed" : "") + "): " + d.message + "\n";
      }
    }
    return {{"contents", {{"kind", "markdown"}, {"value", md}}}, {"range", range(file, p.begin, p.end)}};
  }
  return nullptr;
}

json Server::code_actions(const json& params) {
  json actions = json::array();
  const std::string uri = params.at("textDocument").at("uri");
  Document* checked = checked_document(params);
  if (checked == nullptr) return actions;
  const Document& doc = *checked;
  const core::SourceFile file(doc.path, doc.text);
  const std::int64_t first = params.at("range").at("start").at("line").get<std::int64_t>();
  const std::int64_t last = params.at("range").at("end").at("line").get<std::int64_t>();
  std::set<std::pair<std::uint32_t, std::string>> ignores;
  for (const check::Diagnostic& d : doc.result->diagnostics) {
    const std::int64_t line = static_cast<std::int64_t>(d.begin.line) - 1;
    if (d.path != doc.path || d.suppressed || line < first || line > last) continue;
    const json diag = lsp_diagnostic(file, d, severity_of(d.severity), rule_docs_);
    if (const std::optional<check::Edit> e = check::fix_edit(d, doc.text)) {
      actions.push_back({{"title", "Use port " + e->replacement},
                         {"kind", "quickfix"},
                         {"isPreferred", true},
                         {"diagnostics", json::array({diag})},
                         {"edit",
                          {{"changes",
                            {{uri, json::array({{{"range", range(file, e->begin, e->end_pos)},
                                                 {"newText", e->replacement}}})}}}}}});
    }
    if (!ignores.insert({d.begin.line, d.code}).second) continue;
    if (const std::optional<json> edit = ignore_edit(file, d.begin.line, d.code)) {
      actions.push_back({{"title", "Ignore " + d.code + " " + d.rule + " on this line"},
                         {"kind", "quickfix"},
                         {"diagnostics", json::array({diag})},
                         {"edit", {{"changes", {{uri, json::array({*edit})}}}}}});
    }
  }
  return actions;
}

namespace {

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool send(int fd, const std::vector<json>& messages) {
  for (const json& m : messages) {
    const std::string body = m.dump(-1, ' ', false, json::error_handler_t::replace);
    if (!write_all(fd, "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body)) return false;
  }
  return true;
}

// The largest message body read; a longer one is dropped.
constexpr std::size_t kMaxMessage = std::size_t{256} << 20;

}  // namespace

int serve(const registry::Registry& reg, int in_fd, int out_fd, std::ostream& log, const std::string& rule_docs,
          int debounce_ms) {
  Server server(reg, rule_docs);
  std::string buf;
  char chunk[65536];
  bool eof = false;
  while (!server.exited()) {
    // Every complete message already read.
    for (;;) {
      const std::size_t head_end = buf.find("\r\n\r\n");
      if (head_end == std::string::npos) break;
      std::size_t length = std::string::npos;
      static const std::regex re(R"((?:^|\r\n)content-length:[ \t]*(\d{1,12})[ \t]*(?:\r\n|$))", std::regex::icase);
      std::smatch m;
      const std::string head = buf.substr(0, head_end);
      if (std::regex_search(head, m, re)) length = std::stoull(m[1].str());
      if (length == std::string::npos || length > kMaxMessage) {
        log << "portpolicy lsp: a message header without a usable Content-Length was dropped\n";
        buf.erase(0, head_end + 4);
        continue;
      }
      if (buf.size() < head_end + 4 + length) break;
      const std::string body = buf.substr(head_end + 4, length);
      buf.erase(0, head_end + 4 + length);
      std::vector<json> out;
      json message = json::parse(body, nullptr, false);
      if (message.is_discarded()) {
        out.push_back({{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", kParseError}, {"message", "not JSON"}}}});
      } else {
        server.handle(message, out);
      }
      if (!send(out_fd, out)) return 1;
      if (server.exited()) return server.exit_code();
    }
    if (eof) break;
    // Changes are checked once the client pauses.
    pollfd p{in_fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, server.has_pending() ? debounce_ms : -1);
    if (ready == 0) {
      std::vector<json> out;
      server.flush(out);
      if (!send(out_fd, out)) return 1;
      continue;
    }
    if (ready < 0 && errno == EINTR) continue;
    const ssize_t n = ::read(in_fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      eof = true;
      if (buf.find("\r\n\r\n") == std::string::npos) break;
      continue;
    }
    buf.append(chunk, static_cast<std::size_t>(n));
    if (buf.size() > kMaxMessage + 4096 && buf.find("\r\n\r\n") == std::string::npos) {
      log << "portpolicy lsp: more than 256 MiB without a message header; stopping\n";
      return 1;
    }
  }
  std::vector<json> out;
  server.flush(out);
  send(out_fd, out);
  return server.exited() ? server.exit_code() : 1;
}

}  // namespace portpolicy::lsp
