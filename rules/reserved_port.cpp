// reserved-port: a port IANA holds as Reserved.
#include "rules/rule.h"

namespace portpolicy::rules {

namespace {

constexpr RuleInfo kInfo{
    "PP201", "reserved-port", "port reserved by IANA", core::Severity::kWarning, true,
    R"md(## What it does
Flags a port that the IANA Service Name and Transport Protocol Port Number Registry lists as
Reserved for the transport in use: 0, 249-255, 1023, 1024, 49151 and others. When the
file does not name the transport, tcp and udp are both judged, the message names the ones
affected, and a port that a service holds over either of them is not flagged (6379 is
redis over tcp, even though 6379/udp is reserved).

Port 0 is flagged only where it can mean nothing but port 0 itself: a port a container or
image declares (`containerPort`, `targetPort`, a Service's `port`, `EXPOSE`, a Compose
`target`) and a destination on another host (`net.Dial("tcp", "db:0")`,
`http://api.example.com:0/`). Everywhere else 0 asks for "any free port" or "none" and is
not flagged: given to bind or listen in any language and shape (`net.Listen("tcp",
"localhost:0")`, `new InetSocketAddress("127.0.0.1", 0)`, `bind(("", 0))`,
`server.listen(0)`), as a connection's local side (`source_address=("", 0)`), as a
Kubernetes `hostPort` or `nodePort`, as the host side of a Compose mapping, and in a
firewall rule.

## Why is this bad?
IANA holds Reserved ports back: they may be assigned later, some sit at range boundaries,
and tools treat them specially. A service deployed on one collides with whatever the
registry later decides, and reviewers cannot tell whether the number was chosen on purpose.

## Example
```yaml
services:
  debug:
    ports:
      - "254:254"
```

## Use instead
```yaml
services:
  debug:
    ports:
      - "51254:51254"
```

## Options
None.

## References
- IANA Service Name and Transport Protocol Port Number Registry
- RFC 6335 (procedures for the port registry)
)md",
    "compose.yaml"};

void check(const RuleContext& ctx, std::vector<Hit>& out) {
  const std::string& date = ctx.registry.meta().updated;
  for (std::size_t i = 0; i < ctx.ports.size(); ++i) {
    const auto& f = ctx.ports[i];
    if (f.literal.value > registry::kMaxPort) continue;
    if (zero_means_any_port(f)) continue;
    const auto port = static_cast<std::uint32_t>(f.literal.value);
    const std::vector<core::Transport> hit = affected_transports(ctx.registry, f, registry::Status::kReserved);
    const std::vector<const registry::Record*> rows =
        hit.empty() ? std::vector<const registry::Record*>{} : ctx.registry.records_for(port, hit.front());
    if (hit.empty()) continue;
    std::string msg = "port " + port_label(port, hit) + " is reserved by IANA (" + row_summary(rows) +
                      "; registry " + date + ")";
    if (port == 0) msg += ": no service can be reached on port 0 (0 given to bind or listen means any free port)";
    for (const registry::Record* r : rows) {
      if (!r->note.empty()) {
        msg += ": " + std::string(r->note);
        break;
      }
    }
    out.push_back({i, msg});
  }
}

}  // namespace

extern const Rule kReservedPort{&kInfo, &check};

}  // namespace portpolicy::rules
