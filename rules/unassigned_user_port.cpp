// unassigned-user-port: an Unassigned port in the User range 1024-49151.
#include "rules/rule.h"

namespace portpolicy::rules {

namespace {

constexpr RuleInfo kInfo{
    "PP203", "unassigned-user-port", "unassigned port in the User range 1024-49151",
    core::Severity::kInfo, false,
    R"md(## What it does
Flags a port in the User range 1024-49151 that the IANA registry lists as Unassigned for
the transport in use, including ports whose assignment was withdrawn. When the file does
not name the transport, tcp and udp are both judged and a port that a service holds over
either of them is not flagged. Off by default: most in-house services live on unassigned
User ports, and this rule is for teams that want every such choice to be visible.

## Why is this bad?
Anyone may apply for a User port, and IANA assigns them every month. A service deployed on
an unassigned one today may share its number with a registered protocol tomorrow, which
confuses firewalls, scanners and people reading the configuration. The Dynamic/Private
range 49152-65535 is never assigned and is the place for ports chosen locally.

## Example
```yaml
services:
  worker:
    ports:
      - "48999:8080"
```

## Use instead
```yaml
services:
  worker:
    ports:
      - "58999:8080"
```

## Options
Off by default; turn it on in `.portpolicy.yaml` with `rules: {unassigned-user-port: info}`
(or `warning`, `error`).

## References
- RFC 6335, section 8.1.2 (User ports) and section 6 (the Dynamic/Private range)
- IANA Service Name and Transport Protocol Port Number Registry
)md",
    "compose.yaml"};

void check(const RuleContext& ctx, std::vector<Hit>& out) {
  const std::string& date = ctx.registry.meta().updated;
  for (std::size_t i = 0; i < ctx.ports.size(); ++i) {
    const auto& f = ctx.ports[i];
    if (f.literal.value < 1024 || f.literal.value >= registry::kFirstDynamicPort) continue;
    const auto port = static_cast<std::uint32_t>(f.literal.value);
    const std::vector<core::Transport> hit =
        affected_transports(ctx.registry, f, registry::Status::kUnassigned);
    if (hit.empty()) continue;
    const std::vector<const registry::Record*> rows = ctx.registry.records_for(port, hit.front());
    std::string what = "unassigned";
    for (const registry::Record* r : rows) {
      if (r->kind == registry::Kind::kWithdrawn)
        what = "unassigned (withdrawn: " + std::string(r->description) + ")";
    }
    out.push_back({i, "port " + port_label(port, hit) + " is an " + what + " User port (" +
                          row_summary(rows) + "; registry " + date +
                          "): IANA may assign it to another service at any time"});
  }
}

}  // namespace

extern const Rule kUnassignedUserPort{&kInfo, &check};

}  // namespace portpolicy::rules
