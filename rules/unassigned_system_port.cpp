// unassigned-system-port: an Unassigned port in the System range 0-1023.
#include "rules/rule.h"

namespace portpolicy::rules {

namespace {

constexpr RuleInfo kInfo{
    "PP202", "unassigned-system-port", "unassigned port in the System range 0-1023",
    core::Severity::kWarning, true,
    R"md(## What it does
Flags a port in the System range 0-1023 that the IANA registry lists as Unassigned for the
transport in use, including ports whose assignment was withdrawn (de-registered, removed,
deprecated). When the file does not name the transport, tcp and udp are both judged and
a port that a service holds over either of them is not flagged.

## Why is this bad?
System ports are assigned only through IETF Review or IESG Approval, and RFC 6335 asks that
they not be deployed on before assignment. An unassigned System port can be given to a
standard protocol at any time, and firewalls, scanners and monitoring treat the System
range as standard services.

## Example
```yaml
services:
  metrics:
    ports:
      - "278:8125/udp"
```

## Use instead
```yaml
services:
  metrics:
    ports:
      - "58125:8125/udp"
```

## Options
None.

## References
- RFC 6335, section 8.1.2 (System ports)
- IANA Service Name and Transport Protocol Port Number Registry
)md",
    "compose.yaml"};

void check(const RuleContext& ctx, std::vector<Hit>& out) {
  const std::string& date = ctx.registry.meta().updated;
  for (std::size_t i = 0; i < ctx.ports.size(); ++i) {
    const auto& f = ctx.ports[i];
    if (f.literal.value > 1023) continue;
    const auto port = static_cast<std::uint32_t>(f.literal.value);
    const std::vector<core::Transport> hit = affected_transports(ctx.registry, f, registry::Status::kUnassigned);
    const std::vector<const registry::Record*> rows =
        hit.empty() ? std::vector<const registry::Record*>{} : ctx.registry.records_for(port, hit.front());
    if (hit.empty()) continue;
    std::string what = "unassigned";
    for (const registry::Record* r : rows) {
      if (r->kind == registry::Kind::kWithdrawn) what = "unassigned (withdrawn: " + std::string(r->description) + ")";
    }
    out.push_back({i, "port " + port_label(port, hit) + " is an " + what + " System port (" + row_summary(rows) +
                          "; registry " + date + "): RFC 6335 says not to deploy on it before IANA assigns it"});
  }
}

}  // namespace

extern const Rule kUnassignedSystemPort{&kInfo, &check};

}  // namespace portpolicy::rules
