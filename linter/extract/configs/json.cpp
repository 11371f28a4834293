// JSON (and JSONC): port keys, docker/devcontainer/launchSettings keys, URLs and addresses
// in strings, host:port object keys (nginx unit listeners) and package.json scripts.
#include <string>
#include <vector>

#include "core/text.h"
#include "extract/shared/command.h"
#include "extract/formats.h"
#include "extract/shared/hostport.h"
#include "extract/shared/mapped_text.h"
#include "extract/shared/port_keys.h"
#include "extract/shared/ts_children.h"

namespace portpolicy::extract {

namespace {

using core::Role;

constexpr std::string_view kFormat = "json";
constexpr int kMaxDepth = 256;

// How the value of a key is read.
enum class Reads : std::uint8_t {
  kPort,        // numbers and numeric strings (also in arrays and name->port maps below)
  kMapping,     // like kPort, and "8080:80" strings are published:inner
  kForward,     // devcontainer forwardPorts: 3000 or "service:5432", both forwarded
  kListenUrls,  // URLs the program serves on ("http://localhost:5000;https://localhost:5001")
  // The readings below take command lines; keep them last (see visit).
  kCommands,    // shell commands (package.json scripts, devcontainer *Command)
  kArguments,   // a program's arguments (launch.json args, runtimeArgs)
  kDockerArgs,  // docker run arguments (devcontainer runArgs)
};

struct KeyRule {
  std::string_view key;  // compared case-insensitively
  Reads reads;
  Role role;
};

// Keys whose role the name alone does not tell. Other keys: is_port_key names are ports
// (role from the surroundings, see port_role_in_section), keys naming commands are
// commands, address keys hold host:port, and URLs anywhere are destinations.
constexpr KeyRule kKeyRules[] = {
    {"forwardPorts", Reads::kForward, Role::kPublish},
    {"appPort", Reads::kMapping, Role::kPublish},
    {"portsAttributes", Reads::kPort, Role::kPublish},
    {"hostPort", Reads::kPort, Role::kPublish},
    {"nodePort", Reads::kPort, Role::kPublish},
    {"publishedPort", Reads::kPort, Role::kPublish},
    {"published", Reads::kPort, Role::kPublish},
    {"externalPort", Reads::kPort, Role::kPublish},
    {"FromPort", Reads::kPort, Role::kRule},  // CloudFormation security group rules
    {"ToPort", Reads::kPort, Role::kRule},
    {"from_port", Reads::kPort, Role::kRule},
    {"to_port", Reads::kPort, Role::kRule},
    {"containerPort", Reads::kPort, Role::kListen},
    {"targetPort", Reads::kPort, Role::kListen},
    {"internalPort", Reads::kPort, Role::kListen},
    {"sslPort", Reads::kPort, Role::kListen},
    {"ports", Reads::kMapping, Role::kListen},
    {"applicationUrl", Reads::kListenUrls, Role::kListen},
    {"urls", Reads::kListenUrls, Role::kListen},
    {"ASPNETCORE_URLS", Reads::kListenUrls, Role::kListen},
    {"scripts", Reads::kCommands, Role::kListen},
    {"runArgs", Reads::kDockerArgs, Role::kPublish},
};

// Sections whose string values are addresses or connection strings whatever their own key
// ("ConnectionStrings": {"Cache": "redis:6379"}), and sections whose URLs are served
// ("Kestrel": {"Endpoints": {"Http": {"Url": "http://localhost:5001"}}}).
constexpr std::string_view kAddressSectionWords[] = {"connection", "connections", "upstreams", "endpoints",
                                                     "brokers",    "hosts",       "urls",      "peers"};
constexpr std::string_view kServedSections[] = {"Kestrel"};

// Keys that make an object a description of a value (JSON Schema, option metadata), not
// a name->port map: "port": {"type": "integer", "minimum": 1, "maximum": 65535}.
constexpr std::string_view kDescriptionKeys[] = {
    "type", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "description",
    "enum", "format",  "title",   "examples",         "pattern",          "$ref",
    "min",  "max"};

// Keys whose words name a command line, or a program's arguments.
constexpr std::string_view kCommandWords[] = {"command", "cmd", "commands"};
constexpr std::string_view kArgumentWords[] = {"args", "arguments", "argv"};

// Files read as JSON with comments and trailing commas (JSONC, JSON5-minded tools).
bool is_jsonc(std::string_view path) {
  const std::string lower = core::to_lower(path);
  const std::size_t slash = lower.find_last_of('/');
  const std::string_view name = std::string_view(lower).substr(slash == std::string::npos ? 0 : slash + 1);
  if (name.ends_with(".jsonc") || name.ends_with(".json5")) return true;
  for (std::string_view prefix : {"tsconfig", "jsconfig", "devcontainer", ".devcontainer", "renovate", ".eslintrc",
                                  "tslint", "typedoc", "api-extractor", ".babelrc", "babel.config", ".swcrc",
                                  "nest-cli", "turbo", "deno", "biome", ".oxlintrc"}) {
    if (name.starts_with(prefix)) return true;
  }
  return lower.find(".vscode/") != std::string::npos || lower.find(".devcontainer/") != std::string::npos;
}

// `text` with every comma that only a closing bracket follows (white space and comments
// aside) turned into a space: what JSONC allows, made JSON.
std::string without_trailing_commas(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (c == '"') {
      for (++i; i < out.size() && out[i] != '"'; ++i) {
        if (out[i] == '\\') ++i;
      }
      continue;
    }
    if (c == '/' && i + 1 < out.size() && out[i + 1] == '/') {
      while (i < out.size() && out[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < out.size() && out[i + 1] == '*') {
      const std::size_t end = out.find("*/", i + 2);
      i = end == std::string::npos ? out.size() : end + 1;
      continue;
    }
    if (c != ',') continue;
    std::size_t j = i + 1;
    for (;;) {
      while (j < out.size() && (out[j] == ' ' || out[j] == '\t' || out[j] == '\n' || out[j] == '\r')) ++j;
      if (j + 1 < out.size() && out[j] == '/' && out[j + 1] == '/') {
        while (j < out.size() && out[j] != '\n') ++j;
      } else if (j + 1 < out.size() && out[j] == '/' && out[j + 1] == '*') {
        const std::size_t end = out.find("*/", j + 2);
        j = end == std::string::npos ? out.size() : end + 2;
      } else {
        break;
      }
    }
    if (j < out.size() && (out[j] == '}' || out[j] == ']')) out[i] = ' ';
  }
  return out;
}

class JsonReader {
 public:
  explicit JsonReader(const ExtractContext& ctx) : ctx_(ctx), text_(ctx.file.text()) {
    // A template of JSON (config.json.j2, .gotmpl): its actions read as null.
    if (text_.find("{{") == std::string_view::npos && text_.find("{%") == std::string_view::npos) return;
    std::string blanked(text_);
    if (blank_templates(blanked, "null", ' ')) {
      blanked_ = std::move(blanked);
      text_ = blanked_;
    }
  }

  void run() {
    Tree tree = parse_for(ctx_, "json", text_);
    if (!tree) return;
    const TSNode root = ts_tree_root_node(tree.get());
    if (is_dashboard(root)) return;
    if (ts_node_has_error(root)) {
      // JSONC (tsconfig.json, .vscode/settings.json, devcontainer.json...) allows trailing
      // commas as well as comments.
      if (is_jsonc(ctx_.file.path())) {
        report_parse_error(ctx_, root, without_trailing_commas(text_), "JSON");
      } else {
        report_parse_error(ctx_, root, text_, "JSON");
      }
    }
    visit(root, std::nullopt, false, 0);
  }

 private:
  // The rule in force for a value: from its key, or inherited into arrays and port maps.
  struct Rule {
    Reads reads;
    Role role;
    std::optional<core::Transport> transport;
  };

  std::string_view node_text(TSNode n) const {
    const std::uint32_t b = ts_node_start_byte(n);
    const std::uint32_t e = ts_node_end_byte(n);
    return e <= text_.size() && b <= e ? text_.substr(b, e - b) : std::string_view{};
  }

  // A string node's content, decoded, with file offsets.
  std::optional<MappedText> string_value(TSNode n) const {
    if (std::string_view(ts_node_type(n)) != "string") return std::nullopt;
    const std::string_view raw = node_text(n);
    if (raw.size() < 2 || raw.front() != '"' || raw.back() != '"') return std::nullopt;
    return decode_escapes(raw.substr(1, raw.size() - 2), ts_node_start_byte(n) + 1, Escapes::kJson);
  }

  // A Grafana dashboard (a top-level object with "panels" and "schemaVersion"): panel
  // layout, column orders and thresholds, whose keys name the fields of the data shown
  // ("net.peer.port": 12 is a column's position), never the dashboard's own ports.
  bool is_dashboard(TSNode root) const {
    for (const TSNode doc : named_children(root)) {
      if (std::string_view(ts_node_type(doc)) != "object") continue;
      bool panels = false, schema = false;
      for (const TSNode c : named_children(doc)) {
        if (std::string_view(ts_node_type(c)) != "pair") continue;
        const std::string k = key_of(c);
        panels = panels || k == "panels";
        schema = schema || k == "schemaVersion";
      }
      return panels && schema;
    }
    return false;
  }

  std::string key_of(TSNode pair) const {
    const TSNode k = ts_node_child_by_field_name(pair, "key", 3);
    if (ts_node_is_null(k)) return {};
    const std::optional<MappedText> m = string_value(k);
    return m ? m->text : std::string();
  }

  void add(std::uint32_t start, std::uint32_t end, Role role, const std::string& context,
           std::optional<core::Transport> transport) {
    ctx_.add(start, end, role, kFormat, context, transport);
  }

  void add_in(const MappedText& m, std::uint32_t offset, std::uint32_t length, Role role,
              const std::string& context, std::optional<core::Transport> transport) {
    if (const std::optional<FileRange> r = m.file_range(offset, length))
      add(r->start, r->end, role, context, transport);
  }

  // `keyed`: `n` is the value of the key that set `rule` (not an element of an array there).
  void visit(TSNode n, const std::optional<Rule>& rule, bool keyed, int depth) {
    if (depth > kMaxDepth) return;
    const std::string_view type = ts_node_type(n);
    if (type == "object") {
      object(n, rule, keyed, depth);
    } else if (type == "number" || type == "string") {
      if (rule) scalar(n, *rule, path_string());
    } else if (type == "array" && rule && rule->reads >= Reads::kCommands && argv(n, rule->reads)) {
      // an exec-form command ["node", "server.js", "--port", "3000"], or arguments
    } else {
      // arrays, the document, ERROR and other wrappers: read what is inside.
      for (const TSNode c : named_children(n)) visit(c, rule, false, depth + 1);
    }
  }

  void object(TSNode obj, const std::optional<Rule>& inherited, bool keyed, int depth) {
    struct Pair {
      TSNode node;
      std::string key;
      TSNode value;
    };
    std::vector<Pair> pairs;
    for (const TSNode c : named_children(obj)) {
      if (std::string_view(ts_node_type(c)) != "pair") continue;
      pairs.push_back({c, key_of(c), ts_node_child_by_field_name(c, "value", 5)});
    }
    // What the siblings say about every port of this object.
    std::optional<core::Transport> transport;
    bool remote_host = false;  // a host that is not a wildcard: the object describes a destination
    bool all_scalars = true;
    for (const Pair& p : pairs) {
      for (std::string_view d : kDescriptionKeys) all_scalars = all_scalars && p.key != d;
      if (ts_node_is_null(p.value)) continue;
      const std::string_view vt = ts_node_type(p.value);
      if (vt == "object" || vt == "array") all_scalars = false;
      const std::optional<MappedText> v = string_value(p.value);
      if (!v) continue;
      const std::vector<std::string> words = key_words(p.key);
      if (!words.empty() && (words.back() == "protocol" || words.back() == "transport")) {  // IpProtocol too
        transport = core::parse_transport(v->text);
      }
      if (is_address_key(p.key) && !is_listen_key(p.key) && !is_port_key(p.key)) {
        remote_host = remote_host || !is_wildcard_host(v->text);
      }
    }
    // A name->port map under a port key ({"http": 8080, "grpc": 9090}) keeps the key's rule;
    // `all_scalars` is false for nested values and for descriptions of a value.
    const bool port_rule =
        inherited && (inherited->reads == Reads::kPort || inherited->reads == Reads::kMapping ||
                      inherited->reads == Reads::kForward);
    const std::optional<Rule> map_rule = port_rule && keyed && all_scalars ? inherited : std::nullopt;
    for (const Pair& p : pairs) {
      host_port_key(p.node, p.key, inherited);
      if (ts_node_is_null(p.value)) continue;
      path_.push_back(p.key);
      std::optional<Rule> rule = rule_for(p.key, remote_host);
      if (!rule && map_rule) rule = map_rule;
      if (!rule && inherited && inherited->reads == Reads::kCommands) rule = inherited;  // "scripts": {...}
      if (rule && !rule->transport) rule->transport = transport;
      const std::string_view vt = ts_node_type(p.value);
      if (vt == "string" && !rule) {
        plain_string(p.value, p.key);
      } else {
        visit(p.value, rule, true, depth + 1);
      }
      path_.pop_back();
    }
  }

  // The rule a key sets for its value; nullopt for keys that say nothing about ports.
  // The key is the last element of path_.
  std::optional<Rule> rule_for(const std::string& key, bool remote_host) const {
    for (const KeyRule& r : kKeyRules) {
      if (core::iequals(r.key, key)) return Rule{r.reads, r.role, std::nullopt};
    }
    for (const std::string& w : key_words(key)) {
      for (std::string_view c : kCommandWords) {
        if (w == c) return Rule{Reads::kCommands, Role::kListen, std::nullopt};
      }
      for (std::string_view c : kArgumentWords) {
        if (w == c) return Rule{Reads::kArguments, Role::kListen, std::nullopt};
      }
    }
    if (is_port_key(key)) return Rule{Reads::kPort, port_role_in_section(path_, remote_host), std::nullopt};
    return std::nullopt;
  }

  std::string path_string() const {
    std::string s;
    for (const std::string& k : path_) {
      if (!s.empty()) s += '.';
      s += k;
    }
    return s;
  }

  // A number or string under a rule.
  void scalar(TSNode n, const Rule& rule, const std::string& context) {
    const std::string_view type = ts_node_type(n);
    if (type == "number") {
      // A number under a command or argument key ("command_path": 12) is no port.
      if (rule.reads >= Reads::kListenUrls) return;
      const std::string_view t = node_text(n);
      if (t.empty() || t.size() > 6 || !core::parse_uint(t)) return;  // 1.5, -1, 1e3 are no ports
      const std::uint32_t b = ts_node_start_byte(n);
      add(b, b + static_cast<std::uint32_t>(t.size()), rule.role, context, rule.transport);
      return;
    }
    const std::optional<MappedText> m = string_value(n);
    if (!m) return;
    switch (rule.reads) {
      case Reads::kPort:
      case Reads::kMapping:
        if (rule.reads == Reads::kMapping) {
          const std::vector<MappedPort> mapped = ports_in_mapping(m->text);
          if (mapped.size() > 1) {
            for (const MappedPort& p : mapped) {
              add_in(*m, p.port.offset, p.port.length, p.role, context, p.port.transport);
            }
            return;
          }
        }
        for (const ValuePort& p : port_numbers_in_value(m->text)) {
          add_in(*m, p.offset, p.length, rule.role, context, p.transport ? p.transport : rule.transport);
        }
        return;
      case Reads::kForward: {
        std::vector<ValuePort> bare = port_numbers_in_value(m->text);
        if (bare.empty()) {
          for (const StringPort& p : find_ports_in_text(m->text, HostMode::kAnyHost)) {
            bare.push_back({p.offset, p.length, p.transport});
          }
        }
        for (const ValuePort& p : bare) add_in(*m, p.offset, p.length, rule.role, context, p.transport);
        return;
      }
      case Reads::kListenUrls:
        for (const StringPort& p : find_ports_in_text(m->text, HostMode::kKnownHosts)) {
          add_in(*m, p.offset, p.length, Role::kListen, context, p.transport);
        }
        return;
      case Reads::kCommands:
      case Reads::kArguments:
      case Reads::kDockerArgs: {
        const CommandStart start =
            rule.reads == Reads::kCommands ? CommandStart::kProgram : CommandStart::kArguments;
        for (const CommandPort& p : find_ports_in_command(m->text, start)) {
          add_in(*m, p.offset, p.length, p.role, context, p.transport);
        }
        return;
      }
    }
  }

  // An array of strings read as one command line (kCommands), a program's arguments
  // (kArguments) or docker run's (kDockerArgs); false when it holds anything else.
  bool argv(TSNode array, Reads reads) {
    std::vector<MappedText> args;
    for (const TSNode c : named_children(array)) {
      if (std::string_view(ts_node_type(c)) == "comment") continue;
      std::optional<MappedText> m = string_value(c);
      if (!m) return false;
      args.push_back(std::move(*m));
    }
    std::vector<std::string_view> views;
    if (reads == Reads::kDockerArgs) views = {"docker", "run"};
    const auto first = static_cast<std::uint32_t>(views.size());
    for (const MappedText& a : args) views.push_back(a.text);
    const CommandStart start = reads == Reads::kArguments ? CommandStart::kArguments : CommandStart::kProgram;
    const std::string context = path_string();
    for (const CommandPort& p : find_ports_in_argv(views, start)) {
      if (p.arg >= first) add_in(args[p.arg - first], p.offset, p.length, p.role, context, p.transport);
    }
    return true;
  }

  // A string whose key says nothing about ports: URLs, host:port under address keys.
  void plain_string(TSNode n, const std::string& key) {
    const std::optional<MappedText> m = string_value(n);
    if (!m) return;
    bool address = is_address_key(key);
    if (path_.size() >= 2) {
      for (const std::string& w : key_words(path_[path_.size() - 2])) {
        for (std::string_view a : kAddressSectionWords) address = address || w == a;
      }
    }
    bool served = false;
    for (const std::string& k : path_) {
      for (std::string_view s : kServedSections) served = served || core::iequals(k, s);
    }
    for (const StringPort& p : ports_in_string_value(m->text, address)) {
      const Role role = served ? Role::kListen : address_role_in_section(path_, p.wildcard_host);
      add_in(*m, p.offset, p.length, role, path_string(), p.transport);
    }
  }

  // Object keys that are themselves addresses ("0.0.0.0:8080": {...}) or port numbers
  // under a port key ("80/tcp": {}, "3000": {"label": "app"}).
  void host_port_key(TSNode pair, const std::string& key, const std::optional<Rule>& inherited) {
    const TSNode k = ts_node_child_by_field_name(pair, "key", 3);
    if (ts_node_is_null(k)) return;
    const std::optional<MappedText> m = string_value(k);
    if (!m || m->text.empty()) return;
    const std::string context = path_string();
    if (inherited && (inherited->reads == Reads::kPort || inherited->reads == Reads::kMapping)) {
      for (const ValuePort& p : port_numbers_in_value(m->text)) {
        add_in(*m, p.offset, p.length, inherited->role, context, p.transport);
      }
      return;
    }
    const std::vector<StringPort> found = find_ports_in_text(m->text, HostMode::kKnownHosts);
    if (found.size() != 1 || found[0].in_url || found[0].offset + found[0].length != m->text.size()) return;
    const std::string_view host = std::string_view(m->text).substr(0, found[0].offset - 1);
    bool listening = is_wildcard_host(host);
    for (const std::string& p : path_) listening = listening || is_listen_key(p);
    add_in(*m, found[0].offset, found[0].length, listening ? Role::kListen : Role::kConnect,
           context + "." + key, found[0].transport);
  }

  const ExtractContext& ctx_;
  std::string blanked_;  // the file with its template actions blanked, when it has any
  std::string_view text_;
  std::vector<std::string> path_;  // keys from the root to the value being read
};

}  // namespace

void extract_json(const ExtractContext& ctx) { JsonReader(ctx).run(); }

}  // namespace portpolicy::extract
