// TOML (fly.toml, netlify.toml, app settings): port keys with integer or numeric-string
// values, host:port under address keys, URLs in strings, commands under command keys.
#include <algorithm>
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

constexpr std::string_view kFormat = "toml";
constexpr int kMaxDepth = 128;

enum class Reads : std::uint8_t {
  kPort,       // integers and numeric strings
  kCommands,   // command lines (strings) or exec-form arrays
  kArguments,  // a program's arguments (strings or arrays)
};

struct KeyRule {
  std::string_view section;  // the table path ends with this ("" for any table)
  std::string_view key;      // "*" for every port key of that table
  Reads reads;
  Role role;
};

// Keys whose role the name alone does not tell. Other port keys take their role from the
// table they are in (port_role_in_section); keys naming commands are commands.
constexpr KeyRule kKeyRules[] = {
    {"services.ports", "*", Reads::kPort, Role::kPublish},  // fly.toml: the public side
    {"", "internal_port", Reads::kPort, Role::kListen},     // fly.toml: the app's own port
    {"", "external_port", Reads::kPort, Role::kPublish},
    {"", "host_port", Reads::kPort, Role::kPublish},
    {"", "container_port", Reads::kPort, Role::kListen},
    {"processes", "*", Reads::kCommands, Role::kListen},  // fly.toml: name = "command line"
};

constexpr std::string_view kCommandWords[] = {"command", "cmd", "entrypoint", "exec", "run"};
constexpr std::string_view kArgumentWords[] = {"args", "arguments", "argv"};

struct Rule {
  Reads reads;
  Role role;
  std::optional<core::Transport> transport;
};

class TomlReader {
 public:
  explicit TomlReader(const ExtractContext& ctx) : ctx_(ctx), text_(ctx.file.text()) {}

  void run() {
    Tree tree = parse_for(ctx_, "toml", text_);
    if (!tree) return;
    const TSNode root = ts_tree_root_node(tree.get());
    report_parse_error(ctx_, root, text_, "TOML");
    document(root, 0);
  }

 private:
  std::string_view slice(TSNode n) const {
    const std::uint32_t b = ts_node_start_byte(n);
    const std::uint32_t e = ts_node_end_byte(n);
    return b <= e && e <= text_.size() ? text_.substr(b, e - b) : std::string_view{};
  }

  // A string node's content, decoded, with file offsets.
  std::optional<MappedText> string_value(TSNode n) const {
    const std::string_view raw = slice(n);
    const std::uint32_t base = ts_node_start_byte(n);
    for (std::string_view q : {"\"\"\"", "'''", "\"", "'"}) {
      if (raw.size() >= 2 * q.size() && raw.starts_with(q) && raw.ends_with(q)) {
        std::string_view inner = raw.substr(q.size(), raw.size() - 2 * q.size());
        std::uint32_t at = base + static_cast<std::uint32_t>(q.size());
        if (q.size() == 3 && inner.starts_with('\n')) {  // a newline right after """ is trimmed
          inner.remove_prefix(1);
          ++at;
        }
        return decode_escapes(inner, at, q[0] == '"' ? Escapes::kJson : Escapes::kNone);
      }
    }
    return std::nullopt;
  }

  // The parts of a bare, quoted or dotted key.
  void key_parts(TSNode n, std::vector<std::string>& out, int depth) const {
    const std::string_view type = ts_node_type(n);
    if (type == "dotted_key") {
      if (depth > kMaxDepth) return;
      for (const TSNode c : named_children(n)) key_parts(c, out, depth + 1);
    } else if (type == "quoted_key") {
      const std::optional<MappedText> m = string_value(n);
      out.push_back(m ? m->text : std::string(slice(n)));
    } else if (type == "bare_key") {
      out.push_back(std::string(slice(n)));
    }
  }

  static bool is_key(TSNode n) {
    const std::string_view t = ts_node_type(n);
    return t == "bare_key" || t == "quoted_key" || t == "dotted_key";
  }

  void document(TSNode n, int depth) {
    if (depth > kMaxDepth) return;
    std::vector<TSNode> pairs;
    for (const TSNode c : named_children(n)) {
      const std::string_view type = ts_node_type(c);
      if (type == "pair") {
        pairs.push_back(c);
      } else if (type == "table" || type == "table_array_element") {
        table(c);
      } else if (type != "comment") {
        document(c, depth + 1);  // ERROR nodes may still hold tables and pairs
      }
    }
    std::vector<std::string> root;
    section(root, pairs, 0);
  }

  void table(TSNode t) {
    std::vector<std::string> path;
    std::vector<TSNode> pairs;
    for (const TSNode c : named_children(t)) {
      if (path.empty() && is_key(c)) {
        key_parts(c, path, 0);
      } else if (std::string_view(ts_node_type(c)) == "pair") {
        pairs.push_back(c);
      } else if (std::string_view(ts_node_type(c)) == "ERROR") {
        // What error recovery kept of a broken table: its pairs are still the table's.
        for (const TSNode e : named_children(c)) {
          if (std::string_view(ts_node_type(e)) == "pair") pairs.push_back(e);
        }
      }
    }
    section(path, pairs, 0);
  }

  // The pairs of one table (or inline table) at `path`.
  void section(const std::vector<std::string>& path, const std::vector<TSNode>& pairs, int depth) {
    if (depth > kMaxDepth) return;
    struct Pair {
      std::vector<std::string> path;
      TSNode value;
    };
    std::vector<Pair> items;
    for (TSNode p : pairs) {
      Pair item{path, TSNode{}};
      bool have_key = false;
      bool have_value = false;
      for (const TSNode c : named_children(p)) {
        if (!have_key && !have_value && is_key(c)) {
          key_parts(c, item.path, 0);
          have_key = true;
        } else if (!have_value && std::string_view(ts_node_type(c)) != "comment") {
          item.value = c;
          have_value = true;
        }
      }
      if (have_value && item.path.size() > path.size()) items.push_back(std::move(item));
    }
    // What the siblings say about every port of this table.
    std::optional<core::Transport> transport = inherited_transport(path);
    bool remote_host = false;
    for (const Pair& item : items) {
      if (item.path.size() != path.size() + 1) continue;
      const std::optional<MappedText> v = string_value(item.value);
      if (!v || std::string_view(ts_node_type(item.value)) != "string") continue;
      const std::string& key = item.path.back();
      if (core::iequals(key, "protocol") || core::iequals(key, "transport")) {
        if (auto t = core::parse_transport(v->text)) {
          transport = t;
          transports_.push_back({path, *t});
        }
      }
      if (is_address_key(key) && !is_listen_key(key) && !is_port_key(key) && !is_wildcard_host(v->text)) {
        remote_host = true;
      }
    }
    for (const Pair& item : items) {
      std::optional<Rule> rule = rule_for(item.path, remote_host);
      if (rule && !rule->transport) rule->transport = transport;
      value(item.value, item.path, rule, depth + 1);
    }
  }

  // The transport a "protocol" key set in an enclosing table ([[services]] for [[services.ports]]).
  std::optional<core::Transport> inherited_transport(const std::vector<std::string>& path) const {
    for (auto it = transports_.rbegin(); it != transports_.rend(); ++it) {
      if (it->first.size() < path.size() && std::equal(it->first.begin(), it->first.end(), path.begin())) {
        return it->second;
      }
    }
    return std::nullopt;
  }

  static bool section_ends_with(const std::vector<std::string>& path, std::string_view suffix) {
    if (suffix.empty()) return true;
    std::string joined;
    for (std::size_t k = 0; k + 1 < path.size(); ++k) {
      if (!joined.empty()) joined += '.';
      joined += core::to_lower(path[k]);
    }
    if (joined == suffix) return true;
    return joined.size() > suffix.size() && joined.ends_with(suffix) &&
           joined[joined.size() - suffix.size() - 1] == '.';
  }

  std::optional<Rule> rule_for(const std::vector<std::string>& path, bool remote_host) const {
    const std::string& key = path.back();
    for (const KeyRule& r : kKeyRules) {
      if (!section_ends_with(path, r.section)) continue;
      if (r.key == "*" ? (r.reads == Reads::kCommands || is_port_key(key)) : core::iequals(r.key, key)) {
        return Rule{r.reads, r.role, std::nullopt};
      }
    }
    for (const std::string& w : key_words(key)) {
      for (std::string_view c : kCommandWords) {
        if (w == c) return Rule{Reads::kCommands, Role::kListen, std::nullopt};
      }
      for (std::string_view c : kArgumentWords) {
        if (w == c) return Rule{Reads::kArguments, Role::kListen, std::nullopt};
      }
    }
    if (is_port_key(key)) return Rule{Reads::kPort, port_role_in_section(path, remote_host), std::nullopt};
    return std::nullopt;
  }

  void add_in(const MappedText& m, std::uint32_t offset, std::uint32_t length, Role role,
              const std::vector<std::string>& path, std::optional<core::Transport> transport) {
    if (const std::optional<FileRange> r = m.file_range(offset, length)) {
      ctx_.add(r->start, r->end, role, kFormat, join(path), transport);
    }
  }

  void value(TSNode n, const std::vector<std::string>& path, const std::optional<Rule>& rule, int depth) {
    if (depth > kMaxDepth) return;
    const std::string_view type = ts_node_type(n);
    if (type == "integer") {
      if (!rule || rule->reads != Reads::kPort) return;
      const std::string_view t = slice(n);
      if (t.empty() || t.size() > 6 || !core::parse_uint(t))
        return;  // +80, 0x50, 8_080 are not written ports
      const std::uint32_t b = ts_node_start_byte(n);
      ctx_.add(b, b + static_cast<std::uint32_t>(t.size()), rule->role, kFormat, join(path), rule->transport);
    } else if (type == "string") {
      const std::optional<MappedText> m = string_value(n);
      if (!m) return;
      if (!rule) {
        for (const StringPort& p : ports_in_string_value(m->text, is_address_key(path.back()))) {
          add_in(*m, p.offset, p.length, address_role_in_section(path, p.wildcard_host), path, p.transport);
        }
      } else if (rule->reads == Reads::kPort) {
        for (const ValuePort& p : port_numbers_in_value(m->text)) {
          add_in(*m, p.offset, p.length, rule->role, path, p.transport ? p.transport : rule->transport);
        }
      } else {
        for (const CommandPort& p : find_ports_in_command(m->text, start_of(*rule))) {
          add_in(*m, p.offset, p.length, p.role, path, p.transport);
        }
      }
    } else if (type == "array") {
      if (rule && rule->reads != Reads::kPort && argv(n, path, start_of(*rule))) return;
      for (const TSNode c : named_children(n)) value(c, path, rule, depth + 1);
    } else if (type == "inline_table") {
      std::vector<TSNode> pairs;
      for (const TSNode c : named_children(n)) {
        if (std::string_view(ts_node_type(c)) == "pair") pairs.push_back(c);
      }
      section(path, pairs, depth + 1);
    }
  }

  // An array of strings read as one command's arguments; false when it holds anything else.
  static CommandStart start_of(const Rule& r) {
    return r.reads == Reads::kArguments ? CommandStart::kArguments : CommandStart::kProgram;
  }

  bool argv(TSNode array, const std::vector<std::string>& path, CommandStart start) {
    std::vector<MappedText> args;
    for (const TSNode c : named_children(array)) {
      if (std::string_view(ts_node_type(c)) == "comment") continue;
      if (std::string_view(ts_node_type(c)) != "string") return false;
      std::optional<MappedText> m = string_value(c);
      if (!m) return false;
      args.push_back(std::move(*m));
    }
    std::vector<std::string_view> views;
    for (const MappedText& a : args) views.push_back(a.text);
    for (const CommandPort& p : find_ports_in_argv(views, start)) {
      add_in(args[p.arg], p.offset, p.length, p.role, path, p.transport);
    }
    return true;
  }

  static std::string join(const std::vector<std::string>& path) {
    std::string s;
    for (const std::string& k : path) {
      if (!s.empty()) s += '.';
      s += k;
    }
    return s;
  }

  const ExtractContext& ctx_;
  std::string_view text_;
  std::vector<std::pair<std::vector<std::string>, core::Transport>> transports_;
};

}  // namespace

void extract_toml(const ExtractContext& ctx) { TomlReader(ctx).run(); }

}  // namespace portpolicy::extract
