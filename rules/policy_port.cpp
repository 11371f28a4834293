// policy-port: a port the team's own policy in .portpolicy.yaml does not allow.
#include <algorithm>

#include "rules/rule.h"

namespace portpolicy::rules {

namespace {

constexpr RuleInfo kInfo{
    "PP303", "policy-port", "port against the team policy in .portpolicy.yaml", core::Severity::kError, true,
    R"md(## What it does
Applies the team's own port policy, set under `policy:` in `.portpolicy.yaml`:

- `deny`: ports and ranges never to use; any literal in them is flagged.
- `allow`: when set, the only ports and ranges that may be used; any literal outside all of
  them is flagged.
- `listen-range`: a range that every port a program listens on must lie in.

The message names the clause and the configuration file. Silent when no policy is
configured. Port 0 where it means "any free port" (see reserved-port) and numbers above
65535 (see invalid-port) are left alone.

## Why is this bad?
Teams reserve port ranges for a reason: firewall rules, service meshes, host-port
allocations and other teams' services are planned around them. A port outside the agreed
ranges collides with those plans long after review, when the deployment fails or traffic
is silently dropped.

## Example
```yaml
# .portpolicy.yaml: policy: {deny: [6000-6063], listen-range: 50000-59999}
services:
  display:
    ports:
      - "6001:6001"
```

## Use instead
```yaml
# .portpolicy.yaml: policy: {deny: [6000-6063], listen-range: 50000-59999}
services:
  display:
    ports:
      - "56001:56001"
```

## Options
In `.portpolicy.yaml`:
```yaml
policy:
  allow: [8080, 49152-65535]
  deny: [23, 6000-6063]
  listen-range: 50000-59999
```
Suggested replacements are drawn from the suggestion range, never from a denied span.

## References
- `portpolicy init` writes a commented starter configuration
)md",
    "compose.yaml"};

std::string spans_text(const std::vector<core::PortSpan>& spans) {
  std::string s;
  for (const core::PortSpan& p : spans) {
    if (!s.empty()) s += ", ";
    s += p.first == p.last ? std::to_string(p.first) : std::to_string(p.first) + "-" + std::to_string(p.last);
  }
  return s;
}

const core::PortSpan* containing(const std::vector<core::PortSpan>& spans, std::uint64_t v) {
  const auto it =
      std::find_if(spans.begin(), spans.end(), [&](const core::PortSpan& s) { return s.contains(v); });
  return it == spans.end() ? nullptr : &*it;
}

void check(const RuleContext& ctx, std::vector<Hit>& out) {
  for (std::size_t i = 0; i < ctx.ports.size(); ++i) {
    const auto& f = ctx.ports[i];
    const std::uint64_t v = f.literal.value;
    const bool listen = f.literal.role == core::Role::kListen;
    if (v > registry::kMaxPort || zero_means_any_port(f)) continue;
    const PolicyInForce in_force = ctx.policy(f.path);
    const core::Policy& policy = in_force.policy;
    const std::string where = in_force.file.empty() ? std::string("the configuration") : std::string(in_force.file);
    const std::string port = "port " + std::to_string(v);
    if (const core::PortSpan* d = containing(policy.deny, v)) {
      out.push_back({i, port + " is denied by the team policy (policy.deny: " + spans_text({*d}) + " in " +
                            where + ")"});
    } else if (!policy.allow.empty() && containing(policy.allow, v) == nullptr) {
      out.push_back({i, port + " is outside the ports the team policy allows (policy.allow: " +
                            spans_text(policy.allow) + " in " + where + ")"});
    } else if (listen && policy.listen_range && !policy.listen_range->contains(v)) {
      out.push_back({i, "listen " + port + " is outside the team's listen range (policy.listen-range: " +
                            spans_text({*policy.listen_range}) + " in " + where + ")"});
    }
  }
}

}  // namespace

extern const Rule kPolicyPort{&kInfo, &check};

}  // namespace portpolicy::rules
