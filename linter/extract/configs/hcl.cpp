// Terraform, Nomad, Consul and Packer HCL: port attributes (from_port, container_port,
// port, ports = [...]), the docker provider's ports { internal external }, variable
// defaults, addresses and URLs in strings; a protocol sibling gives the transport.
// The file is lexed by hand: the published HCL grammar needs a newer tree-sitter ABI.
#include <algorithm>
#include <cctype>
#include <span>
#include <string>
#include <vector>

#include "core/text.h"
#include "extract/shared/line_settings.h"
#include "extract/shared/port_keys.h"
#include "extract/formats.h"
#include "extract/shared/hostport.h"
#include "extract/shared/lines.h"

namespace portpolicy::extract {

namespace {

constexpr std::string_view kFormat = "hcl";

// Keys with a fixed side, by their words joined with '_' (containerPort -> container_port).
// `frame` limits a key to attributes directly inside a block or object of that name.
struct KeyRole {
  std::string_view key;
  core::Role role;
  std::string_view frame;
};
constexpr KeyRole kKeyRoles[] = {
    {"from_port", core::Role::kRule, ""},
    {"to_port", core::Role::kRule, ""},
    {"port_range", core::Role::kRule, ""},
    {"destination_port_range", core::Role::kRule, ""},
    {"destination_port_ranges", core::Role::kRule, ""},
    {"source_port_range", core::Role::kRule, ""},
    {"host_port", core::Role::kPublish, ""},
    {"external_port", core::Role::kPublish, ""},
    {"published_port", core::Role::kPublish, ""},
    {"public_port", core::Role::kPublish, ""},
    {"lb_port", core::Role::kPublish, ""},
    {"node_port", core::Role::kPublish, ""},
    {"external", core::Role::kPublish, "ports"},
    {"static", core::Role::kPublish, "port"},
    {"internal", core::Role::kListen, "ports"},
    {"to", core::Role::kListen, "port"},
    {"container_port", core::Role::kListen, ""},
    {"target_port", core::Role::kListen, ""},
    {"instance_port", core::Role::kListen, ""},
    {"listener_port", core::Role::kListen, ""},
    {"internal_port", core::Role::kListen, ""},
    {"health_check_port", core::Role::kConnect, ""},
};

// Words of enclosing block types and labels that make a port part of a traffic rule.
constexpr std::string_view kRuleFrameWords[] = {"ingress", "egress",   "firewall", "security", "acl",
                                                "inbound", "outbound", "allow",    "allowed",  "deny"};

// Words of enclosing block types and labels that make a port one the program connects to.
constexpr std::string_view kConnectFrameWords[] = {"health",   "healthcheck", "check",
                                                   "provider", "backend",     "connection",
                                                   "redirect", "upstream",    "upstreams"};

// Keys whose strings are prose: a "localhost:8080" there is an example, not a setting.
constexpr std::string_view kProseKeys[] = {"description", "comment", "comments", "summary", "help", "title"};

// Keys that name the transport of their block's ports, and the IP protocol numbers used for
// them (AWS accepts "6" for tcp).
constexpr std::string_view kProtocolKeys[] = {"protocol", "ip_protocol"};
struct ProtocolNumber {
  std::string_view number;
  core::Transport transport;
};
constexpr ProtocolNumber kProtocolNumbers[] = {{"6", core::Transport::kTcp},
                                               {"17", core::Transport::kUdp},
                                               {"132", core::Transport::kSctp},
                                               {"33", core::Transport::kDccp}};

// ---- Lexer --------------------------------------------------------------------------

enum class Kind { kIdent, kNumber, kString, kHeredoc, kPunct, kNewline };

struct Token {
  Kind kind;
  std::uint32_t start;    // file offset of text
  std::string_view text;  // a string's or heredoc's content, without quotes
};

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The index of the quote closing a string whose content starts at `i`, or of the line end
// or text end when it is unterminated. Templates inside ("${...}", "%{...}") may hold braces
// and strings of their own; an explicit stack reads any nesting without recursion.
std::size_t string_end(std::string_view s, std::size_t i) {
  std::vector<int> open{-1};  // innermost last: -1 a string, n > 0 a template n braces deep
  while (i < s.size() && s[i] != '\n') {
    const char c = s[i];
    if (open.back() < 0) {
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '"') {
        open.pop_back();
        if (open.empty()) return i;
      } else if ((c == '$' || c == '%') && i + 1 < s.size() && s[i + 1] == '{') {
        open.push_back(1);
        ++i;
      }
    } else if (c == '{') {
      ++open.back();
    } else if (c == '}') {
      if (--open.back() == 0) open.pop_back();
    } else if (c == '"') {
      open.push_back(-1);
    }
    ++i;
  }
  return std::min(i, s.size());
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  auto push = [&](Kind k, std::size_t start, std::size_t end) {
    out.push_back({k, static_cast<std::uint32_t>(start), s.substr(start, end - start)});
  };
  std::size_t i = s.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\n') {
      push(Kind::kNewline, i, i + 1);
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
    } else if (c == '#' || (c == '/' && i + 1 < s.size() && s[i + 1] == '/')) {
      const auto nl = s.find('\n', i);
      i = nl == std::string_view::npos ? s.size() : nl;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      const auto close = s.find("*/", i + 2);
      // A block comment spanning lines still ends the statement it follows.
      if (s.substr(i, close == std::string_view::npos ? s.npos : close - i).find('\n') !=
          std::string_view::npos) {
        push(Kind::kNewline, i, i);
      }
      i = close == std::string_view::npos ? s.size() : close + 2;
    } else if (c == '"') {
      const std::size_t end = string_end(s, i + 1);
      push(Kind::kString, i + 1, end);
      i = end < s.size() && s[end] == '"' ? end + 1 : end;
    } else if (c == '<' && s.substr(i, 2) == "<<" && i + 2 < s.size() &&
               (is_ident_start(s[i + 2]) || s[i + 2] == '-')) {
      // <<EOF or <<-EOF: content runs to a line holding only the marker.
      std::size_t k = i + 2 + (s[i + 2] == '-' ? 1 : 0);
      const std::size_t m = k;
      while (k < s.size() && is_ident_char(s[k])) ++k;
      const std::string_view marker = s.substr(m, k - m);
      const auto nl = s.find('\n', k);
      if (marker.empty() || nl == std::string_view::npos) {
        i = k;
        continue;
      }
      std::size_t line = nl + 1;
      std::size_t end = s.size();
      std::size_t next = s.size();
      while (line < s.size()) {
        auto line_end = s.find('\n', line);
        if (line_end == std::string_view::npos) line_end = s.size();
        if (core::trim(s.substr(line, line_end - line)) == marker) {
          end = line;
          next = line_end;
          break;
        }
        line = line_end + 1;
      }
      push(Kind::kHeredoc, nl + 1, end);
      i = next;
    } else if (is_digit(c)) {
      std::size_t k = i;
      while (k < s.size() && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '.')) ++k;
      push(Kind::kNumber, i, k);
      i = k;
    } else if (is_ident_start(c)) {
      std::size_t k = i;
      while (k < s.size() && is_ident_char(s[k])) ++k;
      push(Kind::kIdent, i, k);
      i = k;
    } else if ((c == '=' || c == '!' || c == '<' || c == '>') && i + 1 < s.size() &&
               (s[i + 1] == '=' || (c == '=' && s[i + 1] == '>'))) {
      push(Kind::kPunct, i, i + 2);  // ==, !=, <=, >=, =>: never an assignment
      i += 2;
    } else {
      push(Kind::kPunct, i, i + 1);
      ++i;
    }
  }
  return out;
}

// ---- Reader -------------------------------------------------------------------------

// A block or object body holds attributes; lists, calls and index brackets only hold the
// expression of the attribute being read in the body around them.
enum class FrameKind { kBody, kList, kParens, kIndex };

struct Pending {
  std::uint32_t start;
  std::uint32_t end;
  core::Role role;
  std::string context;
};

struct Frame {
  FrameKind kind;
  std::string name;                 // block type or attribute key, words joined by '_'
  std::vector<std::string> labels;  // block labels: resource "aws_security_group" "web"
  std::string key;                  // the attribute being read (bodies only)
  bool in_value = false;            // reading an attribute's expression (bodies only)
  std::optional<core::Transport> transport;
  std::vector<Pending> pending;  // ports that wait for a protocol sibling
  std::size_t body = 0;          // index of the body this frame belongs to (itself for bodies)
};

// How many enclosing frames can say what a port is for: real files nest far less, and a
// bound keeps pathological nesting linear.
constexpr std::size_t kMaxContextFrames = 32;

std::string normalized(std::string_view name) {
  std::string out;
  for (const std::string& w : key_words(name)) {
    if (!out.empty()) out += '_';
    out += w;
  }
  return out;
}

bool has_word(std::string_view name, std::span<const std::string_view> table) {
  for (const std::string& w : key_words(name)) {
    if (std::find(table.begin(), table.end(), w) != table.end()) return true;
  }
  return false;
}

bool in(std::span<const std::string_view> table, std::string_view word) {
  return std::find(table.begin(), table.end(), word) != table.end();
}

// "NAME=value", an environment entry.
bool is_assignment(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && (std::isalnum(static_cast<unsigned char>(s[n])) || s[n] == '_')) ++n;
  return n > 0 && n < s.size() && s[n] == '=' && !is_digit(s[0]);
}

class Reader {
 public:
  Reader(const ExtractContext& ctx, std::vector<Token> tokens) : ctx_(ctx), tokens_(std::move(tokens)) {}

  void run() {
    push(FrameKind::kBody, "");
    while (i_ < tokens_.size()) {
      Frame& f = frames_.back();
      if (f.kind == FrameKind::kBody && !f.in_value) {
        statement();
      } else {
        expression();
      }
    }
    while (!frames_.empty()) close_frame();
  }

 private:
  const Token& tok(std::size_t k) const { return tokens_[k]; }
  bool punct(std::size_t k, std::string_view p) const {
    return k < tokens_.size() && tokens_[k].kind == Kind::kPunct && tokens_[k].text == p;
  }

  // The body whose attribute is being read.
  Frame& body() { return frames_[frames_.back().body]; }

  void push(FrameKind kind, std::string name, std::vector<std::string> labels = {}) {
    Frame f{kind, std::move(name), std::move(labels), "", false, std::nullopt, {}, 0};
    f.body = kind == FrameKind::kBody || frames_.empty() ? frames_.size() : frames_.back().body;
    frames_.push_back(std::move(f));
  }

  void close_frame() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    for (const Pending& p : f.pending) {
      ctx_.add(p.start, p.end, p.role, kFormat, p.context, f.transport);
    }
  }

  // At the start of a statement in a body: an attribute, a block, or the body's end.
  void statement() {
    const Token& t = tok(i_);
    if (t.kind == Kind::kNewline || punct(i_, ",")) {
      ++i_;
      return;
    }
    if (punct(i_, "}")) {
      ++i_;
      if (frames_.size() > 1) close_frame();
      return;
    }
    if ((t.kind == Kind::kIdent || t.kind == Kind::kString) && (punct(i_ + 1, "=") || punct(i_ + 1, ":"))) {
      Frame& f = frames_.back();
      f.key = normalized(t.text);
      f.in_value = true;
      i_ += 2;
      return;
    }
    if (t.kind == Kind::kIdent) {
      // type label label ... {
      std::size_t k = i_ + 1;
      std::vector<std::string> labels;
      while (k < tokens_.size() && (tok(k).kind == Kind::kIdent || tok(k).kind == Kind::kString)) {
        labels.emplace_back(tok(k).text);
        ++k;
      }
      if (punct(k, "{")) {
        push(FrameKind::kBody, normalized(t.text), std::move(labels));
        i_ = k + 1;
        return;
      }
      i_ = k;  // words that open no block are no statement either
      return;
    }
    ++i_;  // something this reader does not know: move on
  }

  // Inside an attribute's expression.
  void expression() {
    const Token& t = tok(i_);
    Frame& top = frames_.back();
    Frame& b = body();
    const std::size_t at = i_++;
    switch (t.kind) {
      case Kind::kNewline:
        if (top.kind == FrameKind::kBody) top.in_value = false;
        return;
      case Kind::kNumber:
        if (top.kind != FrameKind::kIndex) number(b, at);
        return;
      case Kind::kString:
      case Kind::kHeredoc:
        if (top.kind != FrameKind::kIndex) string(b, t);
        return;
      case Kind::kIdent:
        return;
      case Kind::kPunct:
        break;
    }
    const char c = t.text[0];
    if (c == '{') {
      push(FrameKind::kBody, b.key);
    } else if (c == '[') {
      const bool index =
          at > 0 && (tok(at - 1).kind == Kind::kIdent || punct(at - 1, "]") || punct(at - 1, ")"));
      push(index ? FrameKind::kIndex : FrameKind::kList, b.key);
    } else if (c == '(') {
      push(FrameKind::kParens, b.key);
    } else if (c == ']' || c == ')') {
      if (top.kind == FrameKind::kList || top.kind == FrameKind::kIndex || top.kind == FrameKind::kParens) {
        close_frame();
      }
    } else if (c == '}') {
      // The end of the body holding this attribute (an unclosed list or call ends with it).
      while (frames_.size() > 1 && frames_.back().kind != FrameKind::kBody) close_frame();
      if (frames_.size() > 1) close_frame();
    } else if (c == ',' && top.kind == FrameKind::kBody) {
      top.in_value = false;
    }
  }

  // The enclosing names, nearest first: the key's body, then its labels, then outer frames.
  bool frames_say(std::span<const std::string_view> words) const {
    std::size_t seen = 0;
    for (auto it = frames_.rbegin(); it != frames_.rend() && seen++ < kMaxContextFrames; ++it) {
      if (it->kind != FrameKind::kBody) continue;
      if (has_word(it->name, words)) return true;
      // the first label is a type (resource "aws_security_group"), the second a free name
      if (!it->labels.empty() && has_word(it->labels.front(), words)) return true;
    }
    return false;
  }

  // Whether the value of `key` in body `b` is a port, and on which side.
  std::optional<core::Role> port_role(const Frame& b) const {
    const std::string& key = b.key;
    for (const KeyRole& k : kKeyRoles) {
      if (k.key == key && (k.frame.empty() || k.frame == b.name)) {
        return k.role == core::Role::kRule || !frames_say(kRuleFrameWords) ? k.role : core::Role::kRule;
      }
    }
    std::string_view name = key;
    if (key == "default" && b.name == "variable" && !b.labels.empty()) {
      name = b.labels.front();  // variable "port" { default = 8080 }
    } else if (!is_port_number_key(key)) {
      // every number in ports { http = 8500 } and port { number = 80 } is one, but not a
      // measure (timeout = 30)
      if (!is_port_number_key(b.name) || is_measure_name(key)) return std::nullopt;
      name = b.name;
    }
    if (!is_port_number_key(name)) return std::nullopt;
    if (frames_say(kRuleFrameWords) || has_word(name, kRuleFrameWords)) return core::Role::kRule;
    if (frames_say(kConnectFrameWords)) return core::Role::kConnect;
    return role_for_name(name);
  }

  void add_port(Frame& b, std::uint32_t start, std::uint32_t end, core::Role role) {
    b.pending.push_back({start, end, role, b.key});
  }

  void number(Frame& b, std::size_t at) {
    const Token& t = tok(at);
    if (!all_digits(t.text) || t.text.size() > 6) return;              // 1.5, 0x50, 10s
    if (at > 0 && (punct(at - 1, "-") || punct(at - 1, "."))) return;  // -1 disables; list.0 indexes
    if (const auto role = port_role(b))
      add_port(b, t.start, t.start + static_cast<std::uint32_t>(t.text.size()), *role);
  }

  void string(Frame& b, const Token& t) {
    if (in(kProtocolKeys, b.key)) {
      b.transport = core::parse_transport(t.text);
      for (const ProtocolNumber& p : kProtocolNumbers) {
        if (t.text == p.number) b.transport = p.transport;
      }
      return;
    }
    if (t.kind == Kind::kString) {
      if (const auto role = port_role(b)) {
        for (const auto& [off, n] : port_numbers(t.text)) {
          add_port(b, t.start + static_cast<std::uint32_t>(off),
                   t.start + static_cast<std::uint32_t>(off + n), *role);
        }
        if (!port_numbers(t.text).empty()) return;
      }
    }
    if (in(kProseKeys, b.key)) return;
    if (t.kind == Kind::kString && is_assignment(t.text)) {
      // env = ["PORT=8080", "UPSTREAM=api:9000"]
      const LogicalLine line(t.text, t.start);
      const std::size_t eq = t.text.find('=');
      add_setting_ports(LineSink{ctx_, kFormat, line}, t.text.substr(0, eq), eq + 1, t.text.size() - eq - 1);
      return;
    }
    // Scripts in heredocs (user_data) only count for their URLs.
    const HostMode mode = t.kind == Kind::kHeredoc                       ? HostMode::kUrlsOnly
                          : holds_address(b.key) || is_listen_key(b.key) ? HostMode::kAnyHost
                                                                         : HostMode::kKnownHosts;
    for (const StringPort& p : find_ports_in_text(t.text, mode)) {
      const bool listen = is_listen_key(b.key) || is_wildcard_host(host_before_port(t.text, p.offset));
      const std::uint32_t start = t.start + p.offset;
      ctx_.add(start, start + p.length, listen ? core::Role::kListen : core::Role::kConnect, kFormat, b.key,
               p.transport);
    }
  }

  const ExtractContext& ctx_;
  std::vector<Token> tokens_;
  std::vector<Frame> frames_;
  std::size_t i_ = 0;
};

}  // namespace

void extract_hcl(const ExtractContext& ctx) { Reader(ctx, tokenize(ctx.file.text())).run(); }

}  // namespace portpolicy::extract
