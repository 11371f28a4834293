// YAML: Docker Compose files, Kubernetes manifests and Helm templates, GitHub Actions
// workflows, Helm values, Spring application.yml, OpenTelemetry collector configs, Ansible
// and any other YAML holding port keys.
//
// The file is parsed once per document into a small tree of mappings, sequences and scalars
// that remember their byte offsets. Each document is classified by its content (and the
// file's name), then walked with the key path in hand: a per-kind table of key paths says
// what a value holds (a port, a compose port mapping, environment variables, a command
// line...); everything else falls back to the generic rules that key names decide.
#include <tree_sitter/api.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "extract/formats.h"
#include "extract/shared/hostport.h"
#include "extract/shared/port_keys.h"

namespace portpolicy::extract {

namespace {

using core::Role;
using core::Transport;

// ---------------------------------------------------------------------------------------
// Small text helpers

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_name_char(char c) { return is_alnum(c) || c == '_' || c == '.' || c == '-'; }
bool is_host_char(char c) { return is_alnum(c) || c == '.' || c == '-' || c == '_'; }


template <std::size_t N>
bool has_word(const std::vector<std::string>& words, const std::array<std::string_view, N>& table) {
  for (const std::string& w : words) {
    if (std::find(table.begin(), table.end(), w) != table.end()) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Key-name knowledge shared by every kind of document

// Words that make a port key name a count or a setting about ports, not a port:
// max_ports, ports_count, port_timeout.
constexpr std::array<std::string_view, 14> kNotPortWords = {
    "count", "num",     "total", "limit",   "timeout", "retries", "interval",
    "size",  "percent", "ratio", "workers", "threads", "enabled", "enable"};

// Words in a key path that say the port belongs to something the program talks to.
constexpr std::array<std::string_view, 37> kClientWords = {
    "client",     "clients",   "remote",     "upstream",  "upstreams", "destination",
    "exporter",   "exporters", "database",   "databases", "db",        "datasource",
    "redis",      "postgres",  "postgresql", "pg",        "mysql",     "mariadb",
    "mongo",      "mongodb",   "smtp",       "mail",      "imap",      "ldap",
    "kafka",      "broker",    "brokers",    "rabbitmq",  "amqp",      "elasticsearch",
    "opensearch", "memcached", "cassandra",  "zookeeper", "sentinel",  "statsd",
    "wait"};

// Words in a key path that say the program itself listens there.
constexpr std::array<std::string_view, 7> kListenWords = {"receivers", "receiver", "listen",     "listener",
                                                          "listeners", "bind",     "entrypoints"};

// Words of an address key that may name the program's own address: whether it listens
// there depends on the section (an endpoint under receivers: listens, under exporters: not).
constexpr std::array<std::string_view, 4> kOwnAddressWords = {"endpoint", "endpoints", "address", "addr"};

// Words in a key path that say the port is in a firewall rule.
constexpr std::array<std::string_view, 6> kRuleWords = {"firewall", "firewalld", "ufw",
                                                        "iptables", "nftables",  "acl"};

// Keys of a schema or a limit: numbers beside a port, not ports (port: {minimum: 1}).
constexpr std::array<std::string_view, 12> kSchemaKeys = {
    "minimum",   "maximum",  "exclusiveminimum", "exclusivemaximum", "multipleof", "minlength",
    "maxlength", "minitems", "maxitems",         "weight",           "priority",   "replicas"};

// Keys whose values are prose: a URL in a description is documentation, not configuration.
constexpr std::array<std::string_view, 10> kProseKeys = {
    "description", "summary", "help", "comment", "comments", "note", "notes", "message", "usage", "title"};

// Port keys whose name alone says the role (compared lower-case without separators).
struct KeyRole {
  std::string_view key;
  Role role;
};
constexpr KeyRole kKeyRoles[] = {
    {"hostport", Role::kPublish},      {"nodeport", Role::kPublish},     {"published", Role::kPublish},
    {"publishedport", Role::kPublish}, {"externalport", Role::kPublish}, {"publicport", Role::kPublish},
    {"containerport", Role::kListen},  {"targetport", Role::kListen},    {"listenport", Role::kListen},
    {"bindport", Role::kListen},       {"fromport", Role::kRule},        {"toport", Role::kRule},
};

// Commands whose bare host:port arguments are destinations ("wait-for-it db:5432").
constexpr std::array<std::string_view, 6> kAddressCommands = {"wait-for-it", "wait-for-it.sh", "wait-for",
                                                              "wait-for.sh", "dockerize",      "wait4x"};

// Words of a variable name that say it holds command-line options: JAVA_OPTS, EXTRA_ARGS.
constexpr std::array<std::string_view, 8> kCommandVariableWords = {"opts",  "options", "args", "arguments",
                                                                   "flags", "command", "cmd",  "cmdline"};

// Commands that take a destination as two arguments: "nc -z db 5432", "telnet mail 25".
constexpr std::array<std::string_view, 4> kHostThenPortCommands = {"nc", "ncat", "netcat", "telnet"};

// A key that names a port number, not a count or setting about ports.
bool is_port_name(std::string_view key) {
  if (!is_port_key(key)) return false;
  const auto words = key_words(key);
  if (has_word(words, kNotPortWords)) return false;
  // max_port is a bound of a range, max_ports a count.
  constexpr std::array<std::string_view, 1> kPlural = {"ports"};
  constexpr std::array<std::string_view, 2> kBounds = {"max", "min"};
  return !(has_word(words, kPlural) && has_word(words, kBounds));
}

std::string squashed_lower(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (is_alnum(c)) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

// The role that the nearest key speaking of listening, a rule or a client gives, looking
// from `key` up its ancestors `path` (root first).
std::optional<Role> section_role(std::string_view key, std::span<const std::string_view> path) {
  const auto decide = [](std::string_view seg) -> std::optional<Role> {
    const auto words = key_words(seg);
    if (has_word(words, kListenWords)) return Role::kListen;
    if (has_word(words, kRuleWords)) return Role::kRule;
    if (has_word(words, kClientWords)) return Role::kConnect;
    return std::nullopt;
  };
  if (auto r = decide(key)) return r;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    if (auto r = decide(*it)) return r;
  }
  return std::nullopt;
}

// The role of a port under `key`, whose ancestors are `path` (root first): the key's own
// name, else the nearest section that says it.
Role port_role(std::string_view key, std::span<const std::string_view> path) {
  const std::string k = squashed_lower(key);
  for (const KeyRole& kr : kKeyRoles) {
    if (k == kr.key) return kr.role;
  }
  // healthCheckNodePort, httpNodePort, metricsHostPort: node and host ports are published.
  if (k.ends_with("nodeport") || k.ends_with("hostport")) return Role::kPublish;
  return section_role(key, path).value_or(Role::kListen);
}

// An environment variable holding a port: the program's own (PORT=3000) unless the name
// says it is a client's setting (REDIS_PORT, DB_PORT).
Role variable_role(std::string_view name) {
  return has_word(key_words(name), kClientWords) ? Role::kConnect : Role::kListen;
}

// ---------------------------------------------------------------------------------------
// Port specifications: "8080", "8000-8010", "${PORT:-3000}", "${PORT}"

struct Span {
  std::uint32_t offset;  // into the searched string
  std::uint32_t length;
};

// The digits of one element at s[i]: a number, or a ${NAME...} variable whose default
// (":-", "-", ":=", "=", or Spring's ":") is a number. Advances `i`; false when malformed.
bool spec_element(std::string_view s, std::size_t& i, std::vector<Span>& out) {
  if (i < s.size() && is_digit(s[i])) {
    const std::size_t b = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i - b > 6) return false;
    out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(i - b)});
    return true;
  }
  if (s.substr(i, 2) != "${") return false;
  std::size_t j = i + 2;
  while (j < s.size() && (is_alnum(s[j]) || s[j] == '_' || s[j] == '.')) ++j;
  if (j == i + 2) return false;
  const std::size_t close = s.find('}', j);
  if (close == std::string_view::npos) return false;
  std::string_view op_and_default = s.substr(j, close - j);
  i = close + 1;
  for (std::string_view op : {":-", ":=", "-", "=", ":"}) {
    if (op_and_default.starts_with(op)) {
      const std::string_view def = op_and_default.substr(op.size());
      if (!def.empty() && def.size() <= 6 && std::all_of(def.begin(), def.end(), is_digit)) {
        out.push_back({static_cast<std::uint32_t>(j + op.size()), static_cast<std::uint32_t>(def.size())});
      }
      return true;
    }
  }
  return op_and_default.empty() || op_and_default.front() == '?' || op_and_default.front() == ':';
}

// The port numbers of a whole spec (surrounding blanks allowed), or nullopt when `s` is
// something else. A variable without a default is a valid spec with no number.
std::optional<std::vector<Span>> parse_spec(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_blank(s[i])) ++i;
  std::size_t end = s.size();
  while (end > i && is_blank(s[end - 1])) --end;
  if (i == end) return std::nullopt;
  const std::string_view body = s.substr(0, end);
  std::vector<Span> out;
  if (!spec_element(body, i, out)) return std::nullopt;
  if (i < body.size() && body[i] == '-') {
    ++i;
    if (!spec_element(body, i, out)) return std::nullopt;
  }
  if (i != body.size()) return std::nullopt;
  return out;
}

// Splits s at top-level occurrences of `sep` (not inside ${...} or [...]).
std::vector<std::pair<std::size_t, std::size_t>> split_top(std::string_view s, char sep) {
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '{' || c == '[') ++depth;
    if ((c == '}' || c == ']') && depth > 0) --depth;
    if (c == sep && depth == 0) {
      parts.emplace_back(start, i - start);
      start = i + 1;
    }
  }
  parts.emplace_back(start, s.size() - start);
  return parts;
}

// One port found in a value, with offsets into that value.
struct Found {
  Span span;
  Role role;
  std::optional<Transport> transport;
};

// Docker's short port syntax: [[HOST_IP:]HOST_PORTS:]CONTAINER_PORTS[/PROTOCOL], where
// ports may be ranges or ${VAR:-default}. Empty when `s` is not one.
std::vector<Found> parse_port_mapping(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && is_blank(s[b])) ++b;
  while (e > b && is_blank(s[e - 1])) --e;
  std::optional<Transport> transport;
  const auto slashes = split_top(s.substr(b, e - b), '/');
  if (slashes.size() > 2) return {};
  if (slashes.size() == 2) {
    transport = core::parse_transport(s.substr(b + slashes[1].first, slashes[1].second));
    if (!transport) return {};
    e = b + slashes[0].second;
  }
  const std::string_view body = s.substr(b, e - b);
  const auto parts = split_top(body, ':');
  std::vector<Found> out;
  const auto add = [&](std::size_t part, Role role, bool may_be_empty) {
    const auto [off, len] = parts[part];
    if (len == 0 && may_be_empty) return true;
    auto spec = parse_spec(body.substr(off, len));
    if (!spec) return false;
    for (const Span& sp : *spec) {
      out.push_back({{static_cast<std::uint32_t>(b + off + sp.offset), sp.length}, role, transport});
    }
    return true;
  };
  const std::size_t n = parts.size();
  if (n > 1 && !add(n - 2, Role::kPublish, n > 2)) return {};
  if (!add(n - 1, Role::kListen, false)) return {};
  return out;
}

// The host written just before the ':' at `colon` ("0.0.0.0", "[::]", "db", "${HOST}",
// "" for ":8080").
std::string_view host_before(std::string_view s, std::size_t colon) {
  std::size_t b = colon;
  if (b > 1 && (s[b - 1] == ']' || s[b - 1] == '}' || s[b - 1] == '>')) {
    const char open_char = s[b - 1] == ']' ? '[' : s[b - 1] == '}' ? '{' : '<';
    const std::size_t open = s.rfind(open_char, b - 2);
    return open == std::string_view::npos ? s.substr(b - 1, 1) : s.substr(open, colon - open);
  }
  while (b > 0 && (is_host_char(s[b - 1]) || s[b - 1] == '*')) --b;
  return s.substr(b, colon - b);
}

// A host that means every interface: a program binds there, nobody connects there.
// The word before position `pos`, skipping separators: "hosts" in `hosts => ["es:9200"]`,
// "bootstrap-server" in `--bootstrap-server kafka:9093`.
std::string_view word_before(std::string_view s, std::size_t pos) {
  std::size_t e = pos;
  while (e > 0 &&
         (is_blank(s[e - 1]) || s[e - 1] == '=' || s[e - 1] == '>' || s[e - 1] == '[' || s[e - 1] == '(' ||
          s[e - 1] == '"' || s[e - 1] == '\'' || s[e - 1] == ',' || s[e - 1] == ':')) {
    --e;
  }
  std::size_t b = e;
  while (b > 0 && is_name_char(s[b - 1])) --b;
  std::string_view w = s.substr(b, e - b);
  while (!w.empty() && w.front() == '-') w.remove_prefix(1);
  return w;
}

// ---------------------------------------------------------------------------------------
// The document tree

// A YAML value with its position: a scalar's bytes (without quotes or block header), or a
// mapping's values (each knowing its key) or a sequence's items.
struct Node {
  enum class Kind : std::uint8_t { kNone, kScalar, kMap, kSeq };
  Kind kind = Kind::kNone;
  std::string_view key;     ///< the key of this value in its parent mapping
  std::string_view text;    ///< a scalar's content
  std::uint32_t start = 0;  ///< file offset of `text`
  bool block = false;       ///< a block scalar (| or >): text that stands for lines
  std::vector<Node> children;

  const Node* child(std::string_view k) const {
    if (kind != Kind::kMap) return nullptr;
    for (const Node& c : children) {
      if (c.key == k) return &c;
    }
    return nullptr;
  }
  std::string_view scalar(std::string_view k) const {
    const Node* c = child(k);
    return c != nullptr && c->kind == Kind::kScalar ? core::trim(c->text) : std::string_view{};
  }
};

// Nesting deeper than this is not configuration; it is left out rather than risk the stack.
constexpr int kMaxDepth = 200;

// Builds Nodes from tree-sitter nodes of one document chunk.
class TreeReader {
 public:
  TreeReader(std::string_view chunk, std::uint32_t base) : chunk_(chunk), base_(base) {}

  Node read(TSNode n, int depth) const {
    Node out;
    if (ts_node_is_null(n) || depth > kMaxDepth) return out;
    const std::string_view type = ts_node_type(n);
    if (type == "plain_scalar" || type == "double_quote_scalar" || type == "single_quote_scalar" ||
        type == "block_scalar") {
      scalar(n, type, out);
    } else if (type == "block_mapping" || type == "flow_mapping") {
      out.kind = Node::Kind::kMap;
      for (std::uint32_t i = 0; i < ts_node_named_child_count(n); ++i)
        add_entry(ts_node_named_child(n, i), out, depth);
    } else if (type == "block_sequence" || type == "flow_sequence") {
      out.kind = Node::Kind::kSeq;
      for (std::uint32_t i = 0; i < ts_node_named_child_count(n); ++i)
        add_item(ts_node_named_child(n, i), out, depth);
    } else if (type == "block_node" || type == "flow_node" || type == "document" || type == "stream") {
      for (std::uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
        const TSNode c = ts_node_named_child(n, i);
        const std::string_view ct = ts_node_type(c);
        if (ct == "anchor" || ct == "tag" || ct == "comment" || ct == "alias" || ct == "yaml_directive" ||
            ct == "tag_directive" || ct == "reserved_directive") {
          continue;
        }
        Node inner = read(c, depth + 1);
        if (inner.kind != Node::Kind::kNone) return inner;
      }
    } else if (type != "comment" && type != "alias" && type != "anchor" && type != "tag") {
      recover(n, out, depth);
    }
    return out;
  }

 private:
  void scalar(TSNode n, std::string_view type, Node& out) const {
    std::uint32_t s = ts_node_start_byte(n);
    std::uint32_t e = ts_node_end_byte(n);
    if (e > chunk_.size() || s > e) return;
    if (type == "double_quote_scalar" || type == "single_quote_scalar") {
      const char q = chunk_[s];
      ++s;
      if (e > s && chunk_[e - 1] == q) --e;
    } else if (type == "block_scalar") {
      const std::size_t nl = chunk_.substr(s, e - s).find('\n');
      s = nl == std::string_view::npos ? e : s + static_cast<std::uint32_t>(nl) + 1;
    }
    out.kind = Node::Kind::kScalar;
    out.block = type == "block_scalar";
    out.text = chunk_.substr(s, e - s);
    out.start = base_ + s;
  }

  void add_entry(TSNode pair, Node& map, int depth) const {
    const std::string_view type = ts_node_type(pair);
    if (type != "block_mapping_pair" && type != "flow_pair") {
      if (type == "flow_node") {  // a flow mapping key without a value: {a, b: 1}
        Node key = read(pair, depth + 1);
        if (key.kind == Node::Kind::kScalar) {
          Node none;
          none.key = key.text;
          map.children.push_back(std::move(none));
        }
      }
      return;
    }
    const Node key = read(ts_node_child_by_field_name(pair, "key", 3), depth + 1);
    Node value = read(ts_node_child_by_field_name(pair, "value", 5), depth + 1);
    value.key = key.kind == Node::Kind::kScalar ? core::trim(key.text) : std::string_view{};
    map.children.push_back(std::move(value));
  }

  void add_item(TSNode item, Node& seq, int depth) const {
    const std::string_view type = ts_node_type(item);
    if (type == "comment") return;
    if (type == "flow_pair") {  // [a: 1] is a sequence holding a one-pair mapping
      Node map;
      map.kind = Node::Kind::kMap;
      add_entry(item, map, depth);
      seq.children.push_back(std::move(map));
      return;
    }
    Node value;
    if (type == "block_sequence_item") {
      for (std::uint32_t i = 0; i < ts_node_named_child_count(item); ++i) {
        const TSNode c = ts_node_named_child(item, i);
        if (std::string_view(ts_node_type(c)) == "comment") continue;
        value = read(c, depth + 1);
        break;
      }
    } else {
      value = read(item, depth + 1);
    }
    seq.children.push_back(std::move(value));
  }

  // An ERROR node or other wrapper: keep the pairs and items it still holds, so that one
  // broken line does not hide the rest of the document.
  void recover(TSNode n, Node& out, int depth) const {
    Node map;
    map.kind = Node::Kind::kMap;
    Node seq;
    seq.kind = Node::Kind::kSeq;
    for (std::uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      const TSNode c = ts_node_named_child(n, i);
      const std::string_view ct = ts_node_type(c);
      if (ct == "block_mapping_pair" || ct == "flow_pair") {
        add_entry(c, map, depth);
      } else if (ct == "block_sequence_item") {
        add_item(c, seq, depth);
      } else {
        Node inner = read(c, depth + 1);
        if (inner.kind == Node::Kind::kMap) {
          for (Node& x : inner.children) map.children.push_back(std::move(x));
        } else if (inner.kind == Node::Kind::kSeq) {
          for (Node& x : inner.children) seq.children.push_back(std::move(x));
        }
      }
    }
    if (!map.children.empty()) {
      out = std::move(map);
    } else if (!seq.children.empty()) {
      out = std::move(seq);
    }
  }

  std::string_view chunk_;
  std::uint32_t base_;
};

// ---------------------------------------------------------------------------------------
// What a key path holds, per kind of document

enum class Holds : std::uint8_t {
  kPort,         // a port number, range or ${VAR:-default}
  kPortMapping,  // Docker's "[ip:]host:container[/proto]" (a mapping with long syntax descends)
  kVariables,    // environment: a mapping or a list of KEY=value
  kNameValue,    // one Kubernetes env item {name, value}
  kLabels,       // container labels: a mapping or a list of key=value
  kCommand,      // a command line or script, a string or a list of arguments
  kNothing,      // never a port (image names hold tags, not ports)
};

struct PathRule {
  std::string_view pattern;  // suffix of the key path: keys split by '/', "*" any key, "-" a list item
  Holds holds;
  Role role = Role::kListen;
  std::optional<Transport> transport = std::nullopt;  // when the key itself says it
  std::string_view kind = {};                         // only in Kubernetes documents of this kind
};

constexpr PathRule kComposeRules[] = {
    {"ports/-", Holds::kPortMapping},
    {"ports/-/target", Holds::kPort, Role::kListen},
    {"ports/-/published", Holds::kPort, Role::kPublish},
    {"ports/-/host_ip", Holds::kNothing},
    {"expose/-", Holds::kPortMapping},
    {"environment", Holds::kVariables},
    {"labels", Holds::kLabels},
    {"command", Holds::kCommand},
    {"entrypoint", Holds::kCommand},
    {"healthcheck/test", Holds::kCommand},
    {"post_start/-/command", Holds::kCommand},
    {"pre_stop/-/command", Holds::kCommand},
    {"image", Holds::kNothing},
};

constexpr PathRule kKubernetesRules[] = {
    {"ports/-/containerPort", Holds::kPort, Role::kListen},
    {"ports/-/hostPort", Holds::kPort, Role::kPublish},
    {"spec/ports/-/port", Holds::kPort, Role::kPublish, std::nullopt, "Service"},
    {"spec/ports/-/targetPort", Holds::kPort, Role::kListen, std::nullopt, "Service"},
    {"spec/ports/-/nodePort", Holds::kPort, Role::kPublish, std::nullopt, "Service"},
    {"ingress/-/ports/-/port", Holds::kPort, Role::kRule, std::nullopt, "NetworkPolicy"},
    {"ingress/-/ports/-/endPort", Holds::kPort, Role::kRule, std::nullopt, "NetworkPolicy"},
    {"egress/-/ports/-/port", Holds::kPort, Role::kRule, std::nullopt, "NetworkPolicy"},
    {"egress/-/ports/-/endPort", Holds::kPort, Role::kRule, std::nullopt, "NetworkPolicy"},
    {"httpGet/port", Holds::kPort, Role::kConnect},
    {"tcpSocket/port", Holds::kPort, Role::kConnect, Transport::kTcp},
    {"grpc/port", Holds::kPort, Role::kConnect},
    {"backend/service/port/number", Holds::kPort, Role::kConnect},
    {"backend/servicePort", Holds::kPort, Role::kConnect},
    {"backendRefs/-/port", Holds::kPort, Role::kConnect},
    {"servers/-/port/number", Holds::kPort, Role::kListen, std::nullopt, "Gateway"},
    {"listeners/-/port", Holds::kPort, Role::kListen, std::nullopt, "Gateway"},
    {"destination/port/number", Holds::kPort, Role::kConnect},
    {"spec/ports/-/number", Holds::kPort, Role::kConnect, std::nullopt, "ServiceEntry"},
    {"spec/ports/-/targetPort", Holds::kPort, Role::kConnect, std::nullopt, "ServiceEntry"},
    {"ingress/-/port/number", Holds::kPort, Role::kListen, std::nullopt, "Sidecar"},
    {"egress/-/port/number", Holds::kPort, Role::kConnect, std::nullopt, "Sidecar"},
    {"operation/ports/-", Holds::kPort, Role::kRule},
    {"operation/notPorts/-", Holds::kPort, Role::kRule},
    {"env/-", Holds::kNameValue},
    {"command", Holds::kCommand},
    {"args", Holds::kCommand},
    {"data/*", Holds::kVariables, Role::kListen, std::nullopt, "ConfigMap"},
    {"image", Holds::kNothing},
};

constexpr PathRule kWorkflowRules[] = {
    {"services/*/ports/-", Holds::kPortMapping},
    {"container/ports/-", Holds::kPortMapping},
    {"env", Holds::kVariables},
    {"steps/-/run", Holds::kCommand},
    {"services/*/options", Holds::kCommand},
    {"image", Holds::kNothing},
};

// Keys a Compose service may have: a top-level `services:` whose entries use them is Compose.
constexpr std::array<std::string_view, 16> kComposeServiceKeys = {
    "image",   "build",      "ports",    "expose", "environment", "env_file",       "command", "entrypoint",
    "volumes", "depends_on", "networks", "deploy", "healthcheck", "container_name", "restart", "extends"};

enum class DocKind : std::uint8_t { kGeneric, kCompose, kKubernetes, kWorkflow };

// What the file's path says about its documents.
struct FileHints {
  bool compose = false;       // *compose*.yml
  bool workflow = false;      // .github/workflows/
  bool helm_values = false;   // values.yaml in a chart
  bool templated = false;     // held {{ ... }} template actions (blanked out)
  std::string_view root_key;  // ports.yml: the file's name acts as the top key
};

bool has_compose_service(const Node& services) {
  if (services.kind != Node::Kind::kMap) return false;
  for (const Node& s : services.children) {
    for (std::string_view k : kComposeServiceKeys) {
      if (s.child(k) != nullptr) return true;
    }
  }
  return false;
}

DocKind classify(const Node& root, const FileHints& hints) {
  if (root.kind != Node::Kind::kMap) return DocKind::kGeneric;
  if (!root.scalar("apiVersion").empty() && !root.scalar("kind").empty()) return DocKind::kKubernetes;
  if (const Node* jobs = root.child("jobs"); jobs != nullptr && jobs->kind == Node::Kind::kMap) {
    bool job_like = hints.workflow || root.child("on") != nullptr;
    for (const Node& j : jobs->children)
      job_like = job_like || j.child("runs-on") != nullptr || j.child("steps") != nullptr;
    if (job_like) return DocKind::kWorkflow;
  }
  if (const Node* services = root.child("services"); services != nullptr) {
    if (has_compose_service(*services) || (hints.compose && services->kind == Node::Kind::kMap)) {
      return DocKind::kCompose;
    }
  }
  // Compose files of the first version list services at the top.
  if (hints.compose && has_compose_service(root)) return DocKind::kCompose;
  return DocKind::kGeneric;
}

// ---------------------------------------------------------------------------------------
// The walk

class Walker {
 public:
  Walker(const ExtractContext& ctx, std::string_view format, std::span<const PathRule> rules,
         std::string_view kind)
      : ctx_(ctx), format_(format), rules_(rules), kind_(kind) {}

  void walk_root(const Node& root, std::string_view root_key) {
    if (!root_key.empty()) path_.push_back(root_key);
    walk(root, nullptr);
  }

 private:
  void walk(const Node& n, const Node* parent) {
    if (const PathRule* r = match(); r != nullptr && apply(*r, n, parent)) return;
    switch (n.kind) {
      case Node::Kind::kMap:
        for (const Node& c : n.children) {
          path_.push_back(c.key);
          walk(c, &n);
          path_.pop_back();
        }
        break;
      case Node::Kind::kSeq:
        for (const Node& c : n.children) {
          path_.push_back("-");
          walk(c, &n);
          path_.pop_back();
        }
        break;
      case Node::Kind::kScalar:
        generic_scalar(n, parent);
        break;
      case Node::Kind::kNone:
        break;
    }
  }

  const PathRule* match() const {
    for (const PathRule& r : rules_) {
      if (!r.kind.empty() && r.kind != kind_) continue;
      if (suffix_matches(r.pattern)) return &r;
    }
    return nullptr;
  }

  bool suffix_matches(std::string_view pattern) const {
    std::size_t depth = path_.size();
    std::size_t end = pattern.size();
    while (true) {
      const std::size_t slash = pattern.rfind('/', end == 0 ? 0 : end - 1);
      const std::size_t b = slash == std::string_view::npos ? 0 : slash + 1;
      const std::string_view seg = pattern.substr(b, end - b);
      if (depth == 0) return false;
      const std::string_view key = path_[depth - 1];
      if (seg == "*" ? key == "-" : seg != key) return false;
      --depth;
      if (slash == std::string_view::npos) return true;
      end = slash;
    }
  }

  bool apply(const PathRule& r, const Node& n, const Node* parent) {
    switch (r.holds) {
      case Holds::kPort:
        if (n.kind != Node::Kind::kScalar) return false;
        add_spec(n.text, n.start, r.role, r.transport ? r.transport : sibling_protocol(parent));
        return true;
      case Holds::kPortMapping:
        if (n.kind != Node::Kind::kScalar) return false;  // long syntax: its keys have rules
        for (const Found& f : parse_port_mapping(n.text)) add(n.start, f);
        return true;
      case Holds::kVariables:
        variables(n);
        return true;
      case Holds::kNameValue: {
        const Node* value = n.child("value");
        if (n.scalar("name").empty() || value == nullptr || value->kind != Node::Kind::kScalar) return false;
        path_.push_back(n.scalar("name"));
        variable(n.scalar("name"), value->text, value->start);
        path_.pop_back();
        return true;
      }
      case Holds::kLabels:
        labels(n);
        return true;
      case Holds::kCommand:
        command(n);
        return true;
      case Holds::kNothing:
        return true;
    }
    return false;
  }

  // --- emitting

  std::string context() const {
    std::string s;
    for (std::string_view k : path_) {
      if (k == "-") {
        s += "[]";
        continue;
      }
      if (!s.empty()) s += '.';
      s += k;
    }
    return s;
  }

  void add(std::uint32_t base, const Found& f) {
    ctx_.add(base + f.span.offset, base + f.span.offset + f.span.length, f.role, format_, context(),
             f.transport);
  }

  bool add_spec(std::string_view text, std::uint32_t start, Role role, std::optional<Transport> transport) {
    auto spec = parse_spec(text);
    if (!spec) return false;
    for (const Span& s : *spec) add(start, {s, role, transport});
    return true;
  }

  // Ports inside a string: URLs and host:port under `mode`. A wildcard host is a listener;
  // otherwise the port is a destination unless the key says the value is where it listens.
  // In a multi-line value (an embedded config file or script) '#' lines are comments.
  void add_hostports(std::string_view text, std::uint32_t start, HostMode mode, bool listen_key,
                     Role bare_role = Role::kConnect) {
    const bool multiline = text.find('\n') != std::string_view::npos;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t eol = multiline ? text.find('\n', pos) : text.size();
      if (eol == std::string_view::npos) eol = text.size();
      const std::string_view line = text.substr(pos, eol - pos);
      const auto base = start + static_cast<std::uint32_t>(pos);
      if (!multiline || !core::trim(line).starts_with('#')) {
        for (const StringPort& p : find_ports_in_text(line, mode)) {
          const bool listen = listen_key || is_wildcard_host(host_before(line, p.offset - 1));
          const Role role = listen ? Role::kListen : p.in_url ? Role::kConnect : bare_role;
          add(base, {{p.offset, p.length}, role, p.transport});
        }
      }
      pos = eol + 1;
    }
  }

  // `protocol: UDP` (or IpProtocol: tcp) beside the port says its transport.
  static std::optional<Transport> sibling_protocol(const Node* parent) {
    if (parent == nullptr || parent->kind != Node::Kind::kMap) return std::nullopt;
    for (const Node& c : parent->children) {
      const std::string k = squashed_lower(c.key);
      if (c.kind == Node::Kind::kScalar && (k.ends_with("protocol") || k == "proto")) {
        if (auto t = core::parse_transport(core::trim(c.text))) return t;
      }
    }
    return std::nullopt;
  }

  // --- generic rules: the key decides

  void generic_scalar(const Node& n, const Node* parent) {
    std::size_t i = path_.size();
    while (i > 0 && path_[i - 1] == "-") --i;
    if (i == 0) {
      add_hostports(n.text, n.start, HostMode::kUrlsOnly, false);
      return;
    }
    const std::string_view key = path_[i - 1];
    const bool item = i != path_.size();
    const std::string squashed = squashed_lower(key);
    if (std::find(kProseKeys.begin(), kProseKeys.end(), squashed) != kProseKeys.end()) return;
    const std::span<const std::string_view> above(path_.data(), i - 1);
    if (is_port_name(key)) {
      port_value(n, key, above, parent);
      return;
    }
    // A number under a mapping named for ports: `ports: {http: 80}`, a file named ports.yml.
    if (!item && i >= 2 && path_[i - 2] != "-" && is_port_name(path_[i - 2]) &&
        !has_word(key_words(key), kNotPortWords) && !has_word(key_words(key), kSchemaKeys) &&
        std::find(kSchemaKeys.begin(), kSchemaKeys.end(), squashed) == kSchemaKeys.end()) {
      if (add_spec(n.text, n.start, port_role(path_[i - 2], above.first(i - 2)), sibling_protocol(parent)))
        return;
    }
    if (is_listen_key(key) && add_spec(n.text, n.start, Role::kListen, std::nullopt)) return;
    // {name: REDIS_ADDR, value: "redis:6379"}: an environment entry outside a container spec.
    if (key == "value" && !item && parent != nullptr && !parent->scalar("name").empty()) {
      variable(parent->scalar("name"), n.text, n.start);
      return;
    }
    if (is_address_key(key)) {
      Role bare = Role::kConnect;
      if (has_word(key_words(key), kOwnAddressWords))
        bare = section_role(key, above).value_or(Role::kConnect);
      add_hostports(n.text, n.start, HostMode::kAnyHost, is_listen_key(key), bare);
      return;
    }
    add_hostports(n.text, n.start, HostMode::kUrlsOnly, is_listen_key(key));
  }

  void port_value(const Node& n, std::string_view key, std::span<const std::string_view> above,
                  const Node* parent) {
    const Role role = port_role(key, above);
    if (add_spec(n.text, n.start, role, sibling_protocol(parent))) return;
    if (const auto mapping = parse_port_mapping(n.text); !mapping.empty()) {
      for (const Found& f : mapping) add(n.start, f);
      return;
    }
    for (const StringPort& p : find_ports_in_text(n.text, HostMode::kKnownHosts)) {
      add(n.start, {{p.offset, p.length}, role, p.transport});
    }
  }

  // --- environment variables and labels

  void variables(const Node& n) {
    if (n.kind == Node::Kind::kMap) {
      for (const Node& c : n.children) {
        if (c.kind != Node::Kind::kScalar) continue;
        path_.push_back(c.key);
        variable(c.key, c.text, c.start, c.block);
        path_.pop_back();
      }
    } else if (n.kind == Node::Kind::kSeq) {
      for (const Node& c : n.children) {
        if (c.kind != Node::Kind::kScalar) continue;
        const std::size_t eq = c.text.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string_view name = core::trim(c.text.substr(0, eq));
        path_.push_back(name);
        variable(name, c.text.substr(eq + 1), c.start + static_cast<std::uint32_t>(eq + 1));
        path_.pop_back();
      }
    } else if (n.kind == Node::Kind::kScalar && !path_.empty()) {
      variable(path_.back(), n.text, n.start, n.block);
    }
  }

  // A variable holding a port, an address or command-line options; any other holds URLs,
  // or, when it holds a whole file (a ConfigMap's nginx.conf), host:port with a host that
  // looks like one.
  void variable(std::string_view name, std::string_view value, std::uint32_t start, bool block = false) {
    if (is_port_name(name) && add_spec(value, start, variable_role(name), std::nullopt)) return;
    if (is_address_key(name) || is_port_key(name)) {
      add_hostports(value, start, HostMode::kAnyHost, is_listen_key(name));
      return;
    }
    if (has_word(key_words(name), kCommandVariableWords)) {
      std::vector<Token> tokens;
      command_text(value, start, tokens);
      command_tokens(tokens);
      return;
    }
    const bool file = block || value.find('\n') != std::string_view::npos;
    // A whole file of a format read here (a ConfigMap's nginx.conf, application.properties):
    // read as that format, where its own rules know its ports.
    if (file && embedded(name, value, start)) return;
    add_hostports(value, start, file ? HostMode::kKnownHosts : HostMode::kUrlsOnly, is_listen_key(name));
  }

  bool embedded(std::string_view name, std::string_view value, std::uint32_t start) {
    const std::size_t before = ctx_.out.size();
    const auto end = start + static_cast<std::uint32_t>(value.size());
    if (!extract_embedded(ctx_, name, start, end, context())) return false;
    return ctx_.out.size() > before;  // nothing found there: the generic reading may still find some
  }

  void labels(const Node& n) {
    const auto label = [&](std::string_view name, std::string_view value, std::uint32_t start) {
      if (is_port_name(name) && add_spec(value, start, Role::kListen, std::nullopt)) return;
      add_hostports(value, start, HostMode::kUrlsOnly, false);
    };
    if (n.kind == Node::Kind::kMap) {
      for (const Node& c : n.children) {
        if (c.kind == Node::Kind::kScalar) label(c.key, c.text, c.start);
      }
    } else if (n.kind == Node::Kind::kSeq) {
      for (const Node& c : n.children) {
        if (c.kind != Node::Kind::kScalar) continue;
        const std::size_t eq = c.text.find('=');
        if (eq == std::string_view::npos) continue;
        label(core::trim(c.text.substr(0, eq)), c.text.substr(eq + 1),
              c.start + static_cast<std::uint32_t>(eq + 1));
      }
    }
  }

  // --- command lines and scripts

  struct Token {
    std::string_view text;
    std::uint32_t start;
  };

  void command(const Node& n) {
    std::vector<Token> tokens;
    if (n.kind == Node::Kind::kScalar) {
      command_text(n.text, n.start, tokens);
    } else if (n.kind == Node::Kind::kSeq) {
      for (const Node& c : n.children) {
        if (c.kind == Node::Kind::kScalar) command_text(c.text, c.start, tokens);
      }
    }
    command_tokens(tokens);
  }

  // Each line of a command or script, without shell comments: URLs and host:port (bare
  // names only after a word that takes an address), then its tokens for flags.
  void command_text(std::string_view text, std::uint32_t start, std::vector<Token>& tokens) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t eol = text.find('\n', pos);
      if (eol == std::string_view::npos) eol = text.size();
      std::string_view line = text.substr(pos, eol - pos);
      for (std::size_t h = line.find('#'); h != std::string_view::npos; h = line.find('#', h + 1)) {
        if (h == 0 || is_blank(line[h - 1])) {
          line = line.substr(0, h);
          break;
        }
      }
      const auto base = start + static_cast<std::uint32_t>(pos);
      const auto known = find_ports_in_text(line, HostMode::kKnownHosts);
      for (const StringPort& p : find_ports_in_text(line, HostMode::kAnyHost)) {
        const bool vouched = std::any_of(known.begin(), known.end(),
                                         [&](const StringPort& k) { return k.offset == p.offset; });
        if (!vouched && !p.in_url) {
          const std::string_view host = host_before(line, p.offset - 1);
          const std::string_view w = word_before(line, p.offset - 1 - host.size());
          const bool takes_address =
              is_address_key(w) || std::find(kAddressCommands.begin(), kAddressCommands.end(),
                                             core::to_lower(w)) != kAddressCommands.end();
          if (!takes_address) continue;
        }
        const bool listen = is_wildcard_host(host_before(line, p.offset - 1));
        add(base, {{p.offset, p.length}, listen ? Role::kListen : Role::kConnect, p.transport});
      }
      tokenize(line, base, tokens);
      // A line ends its command unless a backslash continues it.
      if (eol < text.size() && !core::trim(line).ends_with('\\')) {
        tokens.push_back({";", base + static_cast<std::uint32_t>(line.size())});
      }
      pos = eol + 1;
    }
  }

  static void tokenize(std::string_view line, std::uint32_t base, std::vector<Token>& tokens) {
    constexpr std::string_view kOpen = "\"'([{`";
    constexpr std::string_view kClose = "\"')]},;`";
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && is_blank(line[i])) ++i;
      std::size_t e = i;
      while (e < line.size() && !is_blank(line[e])) ++e;
      std::size_t b = i;
      std::size_t t = e;
      while (b < t && kOpen.find(line[b]) != std::string_view::npos) ++b;
      while (t > b && kClose.find(line[t - 1]) != std::string_view::npos) --t;
      if (t > b) tokens.push_back({line.substr(b, t - b), base + static_cast<std::uint32_t>(b)});
      i = e;
    }
  }

  // --port 8000, --port=8000, PORT=3000, -e PORT=3000, -p 8080:80, --publish 8080:80,
  // nc -z db 5432.
  void command_tokens(const std::vector<Token>& tokens) {
    constexpr std::string_view kSeparators[] = {"&&", "||", "|", ";", "do", "then", "else"};
    bool container = false;               // docker/podman run: -p publishes
    bool port_p = false;                  // a program whose -p is a port (ssh -p 2222) ...
    Role p_role = Role::kListen;          // ... and the side it names
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const std::string_view t = tokens[i].text;
      const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
      if (std::find(std::begin(kSeparators), std::end(kSeparators), t) != std::end(kSeparators)) {
        container = false;
        port_p = false;
        continue;
      }
      const std::string_view program = t.substr(t.find_last_of('/') == std::string_view::npos ? 0 : t.find_last_of('/') + 1);
      if (program == "docker" || program == "podman" || program == "nerdctl") container = true;
      if (const auto r = p_flag_role(program)) {
        port_p = true;
        p_role = *r;
      }
      if (std::find(kHostThenPortCommands.begin(), kHostThenPortCommands.end(), t) !=
          kHostThenPortCommands.end()) {
        host_then_port(tokens, i + 1);
        continue;
      }
      const std::size_t eq = t.find('=');
      if (eq != std::string_view::npos && eq > 0) {
        std::string_view name = t.substr(0, eq);
        while (!name.empty() && name.front() == '-') name.remove_prefix(1);
        if (!name.empty() && std::all_of(name.begin(), name.end(), is_name_char) && is_port_name(name)) {
          add_spec(t.substr(eq + 1), tokens[i].start + static_cast<std::uint32_t>(eq + 1),
                   variable_role(name), std::nullopt);
        }
        continue;
      }
      if (next == nullptr || t.size() < 2 || t[0] != '-') continue;
      if (t == "-p" && !container) {
        // flask run -p 5000, ssh -p 2222; elsewhere -p is no port (go test -p 4, autocannon -p 10)
        if (port_p) add_spec(next->text, next->start, p_role, std::nullopt);
        continue;
      }
      if (t == "-p" || t == "--publish") {
        for (const Found& f : parse_port_mapping(next->text)) {
          add(next->start, next->text.find(':') == std::string_view::npos
                               ? Found{f.span, Role::kConnect, f.transport}
                               : f);
        }
        continue;
      }
      std::string_view name = t;
      while (!name.empty() && name.front() == '-') name.remove_prefix(1);
      if (t.starts_with("--") && is_port_name(name))
        add_spec(next->text, next->start, variable_role(name), std::nullopt);
    }
  }

  // The first "host port" pair of arguments after a netcat-like command, before the
  // command ends (flags and their values are skipped: "nc -w 5 db 5432").
  void host_then_port(const std::vector<Token>& tokens, std::size_t from) {
    constexpr std::string_view kEnds[] = {"&&", "||", "|", ";", "do", "then", "done"};
    for (std::size_t j = from; j + 1 < tokens.size() && j < from + 8; ++j) {
      const std::string_view host = tokens[j].text;
      if (std::find(std::begin(kEnds), std::end(kEnds), host) != std::end(kEnds)) return;
      if (host.starts_with('-') || std::none_of(host.begin(), host.end(), is_alpha)) continue;
      const Token& port = tokens[j + 1];
      if (!port.text.empty() && port.text.size() <= 6 &&
          std::all_of(port.text.begin(), port.text.end(), is_digit)) {
        add(port.start, {{0, static_cast<std::uint32_t>(port.text.size())}, Role::kConnect, std::nullopt});
      }
      return;
    }
  }

  const ExtractContext& ctx_;
  std::string_view format_;
  std::span<const PathRule> rules_;
  std::string_view kind_;
  std::vector<std::string_view> path_;
};

// ---------------------------------------------------------------------------------------
// The file

// The documents of a stream: each starts at a line beginning with "---". Parsing them one
// by one keeps a broken document from hiding the next ones.
std::vector<std::pair<std::size_t, std::size_t>> document_chunks(std::string_view s) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t eol = s.find('\n', pos);
    if (eol == std::string_view::npos) eol = s.size();
    const std::string_view line = s.substr(pos, eol - pos);
    if (pos > start && line.starts_with("---") && (line.size() == 3 || is_blank(line[3]))) {
      out.emplace_back(start, pos - start);
      start = pos;
    }
    pos = eol + 1;
  }
  out.emplace_back(start, s.size() - start);
  return out;
}

FileHints hints_for(std::string_view path) {
  FileHints h;
  const std::string lower = core::to_lower(path);
  const auto slash = lower.find_last_of("/\\");
  const std::string name = slash == std::string::npos ? lower : lower.substr(slash + 1);
  h.compose = name.find("compose") != std::string::npos;
  h.workflow = lower.find(".github/workflows/") != std::string::npos;
  h.helm_values = name.starts_with("values") &&
                  (name.find(".yaml") != std::string::npos || name.find(".yml") != std::string::npos);
  const auto from = slash == std::string::npos ? 0 : slash + 1;
  const auto stem = path.substr(from, path.find('.', from) - from);
  if (is_port_name(stem)) h.root_key = stem;
  return h;
}

}  // namespace

void extract_yaml(const ExtractContext& ctx) {
  std::string text(ctx.file.text());
  FileHints hints = hints_for(ctx.file.path());
  hints.templated = blank_templates(text, "x", 'x');
  for (const auto& [off, len] : document_chunks(text)) {
    const std::string_view chunk(text.data() + off, len);
    Tree tree = parse_for(ctx, "yaml", chunk, static_cast<std::uint32_t>(off));
    if (!tree) continue;
    // A Helm template is YAML only once rendered: its blanked actions may not parse.
    if (!hints.templated) report_parse_error(ctx, ts_tree_root_node(tree.get()), chunk, "YAML", static_cast<std::uint32_t>(off));
    const TreeReader reader(chunk, static_cast<std::uint32_t>(off));
    const Node root = reader.read(ts_tree_root_node(tree.get()), 0);
    if (root.kind == Node::Kind::kNone) continue;
    const DocKind kind = classify(root, hints);
    std::string_view format = "yaml";
    std::span<const PathRule> rules;
    switch (kind) {
      case DocKind::kCompose:
        format = "compose";
        rules = kComposeRules;
        break;
      case DocKind::kKubernetes:
        format = hints.templated ? "helm" : "kubernetes";
        // kind's own cluster configuration (kind: Cluster, apiVersion kind.x-k8s.io/...): its
        // extraPortMappings map the host machine's ports to a node's, for no pod.
        if (root.scalar("apiVersion").starts_with("kind.x-k8s.io/")) format = "kind";
        rules = kKubernetesRules;
        break;
      case DocKind::kWorkflow:
        format = "github-actions";
        rules = kWorkflowRules;
        break;
      case DocKind::kGeneric:
        format = hints.helm_values ? "helm" : "yaml";
        break;
    }
    Walker walker(ctx, format, rules,
                  kind == DocKind::kKubernetes ? root.scalar("kind") : std::string_view{});
    walker.walk_root(root, kind == DocKind::kGeneric ? hints.root_key : std::string_view{});
  }
}

}  // namespace portpolicy::extract
