// duplicate-published-port: one host port published twice in a compose project, or bound
// twice by hostPort/nodePort in one set of Kubernetes manifests.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "core/text.h"
#include "registry/suggest.h"
#include "rules/rule.h"

namespace portpolicy::rules {

namespace {

constexpr RuleInfo kInfo{
    "PP302", "duplicate-published-port", "host port published twice in one deployment",
    core::Severity::kError, true,
    R"md(## What it does
Flags a host port that is published a second time within one deployment:

- one Compose project: `compose.yaml` or `docker-compose.yml` (either extension) with its
  `.override` file, which Compose loads together, and the files it pulls in with `include:`.
  Each other `docker-compose.*.yml` / `compose.*.yaml` file next to it is an alternative
  merged onto the main file alone (`docker compose -f compose.yaml -f compose.prod.yaml`),
  so it is checked together with the main file, never with its siblings. A Compose file
  with another name is a project of its own.
- one set of Kubernetes manifests (the manifests of one folder): a Service's `nodePort` is
  opened on every node, so it collides with any other nodePort or hostPort of the set. A
  `hostPort` collides with another in the same pod, and with any hostPort of a DaemonSet,
  which runs on every node; two other workloads asking for the same hostPort are placed on
  different nodes by the scheduler and do not collide. One object written twice (the same
  kind, namespace and name, as a patch is) is one object.
- kind's cluster configuration (`kind: Cluster`): two `extraPortMappings` with the same
  `hostPort` on the one host machine.

The finding is reported at the second binding and names the first. Port ranges
(`8000-8010:8000-8010`) count for every port they cover. The transport is tcp unless the
file says otherwise (`/udp`, `protocol: UDP`): 53/tcp and 53/udp do not collide. Two
bindings to different host addresses (`127.0.0.1:8080` and `127.0.0.2:8080`) do not
collide; a binding without an address takes every interface and collides with both. The
same mapping repeated for the same service (for example in `compose.yaml` and again in
`compose.override.yaml`) is merged into one by Compose and is not flagged. Host port 0 (and
`nodePort: 0`) asks for one to be allocated and never collides.

## Why is this bad?
A host port can be bound once per address and transport. The second container fails to
start with "port is already allocated", and which one wins depends on start order. For
Kubernetes, a second Service asking for a taken nodePort is rejected by the API server, and
pods asking for the same hostPort cannot run on the same node, so they stay Pending once
the nodes run out.

## Example
```yaml
services:
  web:
    image: shop-web:1.4
    ports:
      - "8080:80"
  admin:
    image: shop-admin:1.4
    ports:
      - "8080:3000"
```

## Use instead
```yaml
services:
  web:
    image: shop-web:1.4
    ports:
      - "8080:80"
  admin:
    image: shop-admin:1.4
    ports:
      - "8081:3000"
```

## Options
None.

## References
- Compose file reference: ports; merging Compose files (ports are unique per service)
- Kubernetes: Service type NodePort; container ports and hostPort
)md",
    "compose.yaml"};

// Where a Compose file comes in its project's load order: 0 the main file, 1 its override,
// 2 another file of the project; nullopt for a file that is a project of its own.
std::optional<int> compose_rank(std::string_view name) {
  const std::string n = core::to_lower(name);
  for (std::string_view stem : {"compose", "docker-compose"}) {
    if (!n.starts_with(stem)) continue;
    const std::string_view rest = std::string_view(n).substr(stem.size());
    if (rest == ".yaml" || rest == ".yml") return 0;
    if (rest == ".override.yaml" || rest == ".override.yml") return 1;
    if (rest.starts_with('.') && (rest.ends_with(".yaml") || rest.ends_with(".yml"))) return 2;
  }
  return std::nullopt;
}

// The text of the block-sequence item holding byte `pos`: from its "- " line to the last
// line indented deeper than the dash. Just the line when it is in no list item.
std::string_view item_block(std::string_view text, std::uint32_t pos) {
  const auto line_begin = [&](std::size_t p) {
    const std::size_t nl = p == 0 ? std::string_view::npos : text.rfind('\n', p - 1);
    return nl == std::string_view::npos ? std::size_t{0} : nl + 1;
  };
  const auto first_char = [&](std::size_t b) {
    std::size_t c = b;
    while (c < text.size() && text[c] == ' ') ++c;
    return c;
  };
  const auto blank = [&](std::size_t c) {
    return c >= text.size() || text[c] == '\n' || text[c] == '\r' || text[c] == '#';
  };
  std::size_t begin = line_begin(std::min<std::size_t>(pos, text.size()));
  std::size_t c = first_char(begin);
  const std::size_t line_end = text.find('\n', begin);
  std::string_view only_line =
      text.substr(begin, line_end == std::string_view::npos ? line_end : line_end - begin);
  if (c >= text.size() || text[c] != '-') {
    const std::size_t key_col = c - begin;
    for (;;) {
      if (begin == 0) return only_line;
      begin = line_begin(begin - 1);
      c = first_char(begin);
      if (blank(c) || c - begin >= key_col) continue;
      if (text[c] != '-') return only_line;
      break;
    }
  }
  const std::size_t dash_col = c - begin;
  std::size_t end = text.find('\n', begin);
  while (end != std::string_view::npos) {
    const std::size_t next = end + 1;
    const std::size_t nc = first_char(next);
    if (!blank(nc) && nc - next <= dash_col) break;
    end = text.find('\n', next);
  }
  return text.substr(begin, end == std::string_view::npos ? end : end - begin);
}

// The value of `key:` inside a block or flow mapping, unquoted; empty when absent.
std::string value_of(std::string_view block, std::string_view key) {
  for (std::size_t at = block.find(key); at != std::string_view::npos; at = block.find(key, at + 1)) {
    const char before = at == 0 ? ' ' : block[at - 1];
    const std::size_t colon = at + key.size();
    if ((before != ' ' && before != '{' && before != ',' && before != '\n' && before != '-') ||
        colon >= block.size() || block[colon] != ':') {
      continue;
    }
    std::size_t b = colon + 1;
    while (b < block.size() && block[b] == ' ') ++b;
    std::size_t e = b;
    while (e < block.size() && std::string_view(",}# \r\n").find(block[e]) == std::string_view::npos) ++e;
    std::string_view v = block.substr(b, e - b);
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
      v = v.substr(1, v.size() - 2);
    return std::string(v);
  }
  return {};
}

// Docker's short syntax split at the colons that separate its parts (not those inside
// [::1] or ${VAR:-8080}): offsets of each part.
std::vector<std::pair<std::size_t, std::size_t>> mapping_parts(std::string_view s) {
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '[' || s[i] == '{') ++depth;
    if ((s[i] == ']' || s[i] == '}') && depth > 0) --depth;
    if (s[i] == ':' && depth == 0) {
      parts.emplace_back(start, i);
      start = i + 1;
    }
  }
  parts.emplace_back(start, s.size());
  return parts;
}

bool every_interface(std::string_view ip) {
  return ip.empty() || ip == "0.0.0.0" || ip == "::" || ip == "[::]";
}

enum class Kind : std::uint8_t { kCompose, kHostPort, kNodePort, kKindNode };

struct Binding {
  std::size_t index = 0;
  int rank = 0;  // load order of the file within its project
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;
  core::Transport transport = core::Transport::kTcp;
  std::string ip;      // host address; empty for every interface
  std::string owner;   // compose service
  std::string target;  // the container side, as written
  Kind kind = Kind::kCompose;
  std::uint32_t doc = 0;  // Kubernetes: where the document holding it starts
  std::string object;     // Kubernetes: kind/namespace/name of that document's object
  bool daemonset = false;
};

std::string ports_label(std::uint64_t lo, std::uint64_t hi, core::Transport t) {
  const std::string tr(core::to_string(t));
  if (lo == hi) return "host port " + std::to_string(lo) + "/" + tr;
  return "host ports " + std::to_string(lo) + "-" + std::to_string(hi) + "/" + tr;
}

std::optional<core::Transport> protocol_in(std::string_view block) {
  const std::string p = value_of(block, "protocol");
  return p.empty() ? std::nullopt : core::parse_transport(p);
}

// A nodePort in Kubernetes' default range that no literal of the tree uses and no earlier
// finding was offered, picked by a hash of the finding's place so that it is stable.
std::uint32_t free_node_port(const RuleContext& ctx, std::size_t index, std::set<std::uint64_t>& offered) {
  const scan::PortFinding& f = ctx.ports[index];
  std::uint64_t seed = 0xcbf29ce484222325ULL;  // FNV-1a: fixed forever
  for (unsigned char c : f.path + ":" + std::to_string(f.literal.start)) seed = (seed ^ c) * 0x100000001b3ULL;
  const std::uint32_t port = registry::suggest_port(seed, {30000, 32767}, [&](std::uint32_t c) {
    return offered.count(c) != 0 || std::any_of(ctx.ports.begin(), ctx.ports.end(),
                                                [&](const auto& p) { return p.literal.value == c; });
  });
  offered.insert(port);
  return port;
}

// The YAML document of a multi-document file that holds byte `pos`: where it starts, and
// the kind, namespace and name of the object it describes (read from its top-level lines).
struct Document {
  std::uint32_t begin = 0;
  std::string kind;
  std::string object;
};

Document document_at(std::string_view text, std::uint32_t pos) {
  Document d;
  std::size_t line = 0;
  for (std::size_t p = 0; p < text.size() && p <= pos;) {
    if (text.substr(p, 3) == "---") line = p;
    const std::size_t nl = text.find('\n', p);
    if (nl == std::string_view::npos) break;
    p = nl + 1;
  }
  d.begin = static_cast<std::uint32_t>(line);
  std::size_t end = text.find("\n---", pos);
  if (end == std::string_view::npos) end = text.size();
  std::string name, ns;
  bool in_metadata = false;
  for (std::size_t p = line; p < end;) {
    std::size_t nl = text.find('\n', p);
    if (nl == std::string_view::npos || nl > end) nl = end;
    const std::string_view l = text.substr(p, nl - p);
    p = nl + 1;
    if (l.empty() || l.front() == '#') continue;
    const bool top = l.front() != ' ' && l.front() != '-';
    if (top) {
      in_metadata = l.starts_with("metadata:");
      if (l.starts_with("kind:")) d.kind = std::string(core::trim(l.substr(5)));
      continue;
    }
    if (!in_metadata) continue;
    const std::string_view t = core::trim(l);
    // The keys right under metadata: (indented once; labels' names are deeper).
    const std::size_t indent = l.find_first_not_of(' ');
    if (indent > 4) continue;
    if (t.starts_with("name:") && name.empty()) name = std::string(core::trim(t.substr(5)));
    if (t.starts_with("namespace:") && ns.empty()) ns = std::string(core::trim(t.substr(10)));
  }
  if (!name.empty()) d.object = d.kind + "/" + ns + "/" + name;
  return d;
}

// Whether two bindings of one group can be bound at the same time on one host.
bool can_collide(const Binding& a, const Binding& b, const RuleContext& ctx) {
  if (a.kind == Kind::kCompose || a.kind == Kind::kKindNode) return true;
  const bool same_file = ctx.ports[a.index].path == ctx.ports[b.index].path;
  if (same_file && a.doc == b.doc) return true;             // one pod, one Service
  if (!a.object.empty() && a.object == b.object) return false;  // one object written twice
  if (a.kind == Kind::kNodePort || b.kind == Kind::kNodePort) return true;  // on every node
  return a.daemonset || b.daemonset;                         // a DaemonSet is on every node too
}

// Compose's `include:` entries of a file: the paths it pulls into its project, resolved from
// its folder (a string, or a mapping whose `path` is a string or a list).
std::vector<std::string> compose_includes(const std::string& path, const std::string& text) {
  std::vector<std::string> out;
  if (text.find("include:") == std::string::npos) return out;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception&) {
    return out;
  }
  if (!root.IsMap() || !root["include"] || !root["include"].IsSequence()) return out;
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  auto add = [&](const YAML::Node& n) {
    if (n.IsScalar()) out.push_back((dir / n.Scalar()).lexically_normal().generic_string());
  };
  for (const YAML::Node& item : root["include"]) {
    if (item.IsScalar()) {
      add(item);
    } else if (item.IsMap() && item["path"]) {
      const YAML::Node p = item["path"];
      if (p.IsSequence()) {
        for (const YAML::Node& x : p) add(x);
      } else {
        add(p);
      }
    }
  }
  return out;
}

std::string normal(const std::string& path) {
  return std::filesystem::path(path).lexically_normal().generic_string();
}

void check(const RuleContext& ctx, std::vector<Hit>& out) {
  FileTexts texts(ctx);
  std::set<std::uint64_t> node_ports;  // nodePorts already offered
  std::vector<Binding> bindings;
  // Each binding belongs to one or more groups (projects, manifest sets): (group, binding).
  std::vector<std::pair<std::string, std::size_t>> members;
  // Compose projects by folder: each alternative file (compose.X.yaml) makes a project with
  // the main file; include: pulls files into the projects of the file that includes them.
  std::map<std::string, std::set<std::string>> alternatives;        // folder -> alternative files
  std::map<std::string, std::vector<std::string>> includers;        // file -> files including it
  for (const std::string& file : ctx.files) {
    const std::filesystem::path p(file);
    const auto rank = compose_rank(p.filename().string());
    if (!rank) continue;
    if (*rank == 2) alternatives[p.parent_path().generic_string()].insert(p.filename().string());
    for (const std::string& inc : compose_includes(file, texts.get(file))) includers[inc].push_back(normal(file));
  }
  // The projects a Compose file is part of by its own name.
  const auto own_groups = [&](const std::string& file) {
    const std::filesystem::path p(file);
    const std::string folder = p.parent_path().generic_string();
    const std::string name = p.filename().string();
    const auto rank = compose_rank(name);
    std::vector<std::string> g;
    if (!rank) {
      g.push_back(folder + "\n" + name);  // a project of its own
    } else if (*rank == 2) {
      g.push_back(folder + "\ncompose+" + name);
    } else {
      g.push_back(folder + "\ncompose");
      if (*rank == 0) {
        for (const std::string& alt : alternatives[folder]) g.push_back(folder + "\ncompose+" + alt);
      }
    }
    return g;
  };
  // ... and those of every file that includes it, directly or through others.
  const auto compose_groups = [&](const std::string& file) {
    std::vector<std::string> groups = own_groups(file);
    std::vector<std::string> frontier{normal(file)};
    std::set<std::string> seen(frontier.begin(), frontier.end());
    for (int depth = 0; depth < 8 && !frontier.empty(); ++depth) {
      std::vector<std::string> next;
      for (const std::string& f : frontier) {
        const auto it = includers.find(f);
        if (it == includers.end()) continue;
        for (const std::string& inc : it->second) {
          if (!seen.insert(inc).second) continue;
          for (std::string& g : own_groups(inc)) {
            if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(std::move(g));
          }
          next.push_back(inc);
        }
      }
      frontier = std::move(next);
    }
    return groups;
  };
  for (std::size_t i = 0; i < ctx.ports.size(); ++i) {
    const auto& f = ctx.ports[i];
    const core::PortLiteral& lit = f.literal;
    if (lit.role != core::Role::kPublish || zero_means_any_port(f)) continue;  // 0: allocated
    const bool compose = lit.format == "compose";
    const bool short_syntax = compose && lit.context.ends_with("ports[]");
    const bool long_syntax = compose && lit.context.ends_with("ports[].published");
    const bool kube = lit.format == "kubernetes" &&
                      (lit.context.ends_with(".hostPort") || lit.context.ends_with(".nodePort"));
    const bool kind_node = lit.format == "kind" && lit.context.ends_with(".hostPort");
    if (!short_syntax && !long_syntax && !kube && !kind_node) continue;
    const std::string& text = texts.get(f.path);
    if (lit.end > text.size()) continue;
    // The end of a range "8000-8010" belongs to the binding of its start.
    if (i > 0 && lit.start > 0 && text[lit.start - 1] == '-' && ctx.ports[i - 1].path == f.path &&
        ctx.ports[i - 1].literal.end + 1 == lit.start &&
        ctx.ports[i - 1].literal.role == core::Role::kPublish) {
      continue;
    }
    Binding b;
    b.index = i;
    b.lo = b.hi = lit.value;
    if (i + 1 < ctx.ports.size() && lit.end < text.size() && text[lit.end] == '-' &&
        ctx.ports[i + 1].path == f.path && ctx.ports[i + 1].literal.start == lit.end + 1 &&
        ctx.ports[i + 1].literal.role == core::Role::kPublish) {
      b.hi = std::max(lit.value, ctx.ports[i + 1].literal.value);
    }
    const std::filesystem::path path(f.path);
    const std::string folder = path.parent_path().generic_string();
    std::vector<std::string> groups;
    if (compose) {
      b.kind = Kind::kCompose;
      b.rank = compose_rank(path.filename().string()).value_or(0);
      groups = compose_groups(f.path);
      std::string_view owner = std::string_view(lit.context).substr(0, lit.context.rfind(".ports[]"));
      b.owner =
          std::string(owner.substr(owner.rfind('.') == std::string_view::npos ? 0 : owner.rfind('.') + 1));
    } else if (kind_node) {
      b.kind = Kind::kKindNode;
      groups.push_back(f.path + "\nkind");
    } else {
      b.kind = lit.context.ends_with(".nodePort") ? Kind::kNodePort : Kind::kHostPort;
      const Document d = document_at(text, lit.start);
      b.doc = d.begin;
      b.object = d.object;
      b.daemonset = d.kind == "DaemonSet";
      groups.push_back(folder + "\nkubernetes");
    }
    std::optional<core::Transport> transport = lit.transport;
    if (short_syntax) {
      const ScalarSpan s = scalar_at(text, lit.start, lit.end);
      std::string_view m = std::string_view(text).substr(s.begin, s.end - s.begin);
      m = m.substr(0, m.find('/'));
      const auto parts = mapping_parts(m);
      const std::size_t rel = lit.start - s.begin;
      for (std::size_t p = 0; p + 1 < parts.size(); ++p) {
        if (rel < parts[p].first || rel >= parts[p].second) continue;
        if (p > 0) b.ip = std::string(m.substr(0, parts[p - 1].second));
        b.target = std::string(m.substr(parts.back().first));
      }
    } else {
      const std::string_view block = item_block(text, lit.start);
      if (!transport) transport = protocol_in(block);
      b.ip = value_of(block, long_syntax ? "host_ip" : kind_node ? "listenAddress" : "hostIP");
      b.target = value_of(block, kind_node ? "containerPort" : "target");
    }
    b.transport = transport.value_or(core::Transport::kTcp);
    if (every_interface(b.ip)) b.ip.clear();
    for (std::string& g : groups) members.emplace_back(std::move(g), bindings.size());
    bindings.push_back(std::move(b));
  }
  std::stable_sort(members.begin(), members.end(), [&](const auto& x, const auto& y) {
    const Binding& a = bindings[x.second];
    const Binding& b = bindings[y.second];
    return std::tie(x.first, a.rank, ctx.ports[a.index].path, ctx.ports[a.index].literal.start) <
           std::tie(y.first, b.rank, ctx.ports[b.index].path, ctx.ports[b.index].literal.start);
  });
  std::set<std::size_t> reported;  // a binding is reported once, whatever groups it is in
  std::size_t group_begin = 0;
  for (std::size_t j = 0; j < members.size(); ++j) {
    if (members[group_begin].first != members[j].first) group_begin = j;
    const Binding& second = bindings[members[j].second];
    if (reported.count(second.index)) continue;
    for (std::size_t k = group_begin; k < j; ++k) {
      const Binding& first = bindings[members[k].second];
      if (first.transport != second.transport) continue;
      if (first.hi < second.lo || second.hi < first.lo) continue;
      if (!first.ip.empty() && !second.ip.empty() && first.ip != second.ip) continue;
      if (!can_collide(first, second, ctx)) continue;
      // Compose merges a service's identical port entries into one.
      if (second.kind == Kind::kCompose && first.owner == second.owner && first.ip == second.ip &&
          first.lo == second.lo && first.hi == second.hi && first.target == second.target) {
        break;
      }
      const scan::PortFinding& f1 = ctx.ports[first.index];
      std::string msg = ports_label(second.lo, second.hi, second.transport);
      if (first.lo != second.lo || first.hi != second.hi) {
        msg += " overlaps " + ports_label(first.lo, first.hi, first.transport) + ", published";
      } else {
        msg += " is published twice";
      }
      bool suggest = true;
      if (second.kind == Kind::kCompose) {
        msg += " in this compose project: first at " + location(f1) + " (service " + first.owner +
               "); the second container fails to start with \"port is already allocated\"";
      } else if (second.kind == Kind::kKindNode) {
        msg += " in this kind cluster: first at " + location(f1) +
               " (extraPortMappings); kind fails to create the second node's port mapping";
      } else {
        msg += " in these Kubernetes manifests: first at " + location(f1) + " (" +
               f1.literal.context.substr(f1.literal.context.rfind('.') + 1) + ")";
        if (second.kind == Kind::kNodePort) {
          // A nodePort must lie in the cluster's service-node-port-range, not the suggestion range.
          msg +=
              "; the API server rejects a Service asking for a taken nodePort: leave nodePort out to have "
              "one allocated, or use a free one in the node port range 30000-32767, e.g. " +
              std::to_string(free_node_port(ctx, second.index, node_ports));
          suggest = false;
        } else if (first.daemonset || second.daemonset) {
          msg += "; a DaemonSet holds its hostPort on every node, so the other pod cannot be scheduled";
        } else {
          msg += "; pods asking for the same hostPort cannot run on one node";
        }
      }
      out.push_back({second.index, std::move(msg), suggest});
      reported.insert(second.index);
      break;
    }
  }
  std::sort(out.begin(), out.end(), [](const Hit& a, const Hit& b) { return a.index < b.index; });
}

}  // namespace

extern const Rule kDuplicatePublishedPort{&kInfo, &check};

}  // namespace portpolicy::rules
