// privileged-port: a listen port below 1024, which only root may bind.
#include "rules/rule.h"

namespace portpolicy::rules {

namespace {

constexpr RuleInfo kInfo{
    "PP301", "privileged-port", "listen port below 1024 (needs root or CAP_NET_BIND_SERVICE)",
    core::Severity::kWarning, false,
    R"md(## What it does
Flags a port below 1024 that a program listens on: a `listen` directive, a socket bound in
code, a container port, an `EXPOSE`. Port 0 ("any free port") is not flagged, nor are ports
the program only connects to. Off by default.

## Why is this bad?
On Linux and the BSDs only root, or a process holding `CAP_NET_BIND_SERVICE`, may bind a
port below 1024 (unless `net.ipv4.ip_unprivileged_port_start` is lowered). A service that
listens there must start as root or be granted the capability, which widens what a bug in
it can do; rootless containers and restricted platforms refuse to start it at all. Let
the service listen on a high port and map or proxy the well-known one to it.

## Example
```dockerfile
FROM nginx:1.27-alpine
EXPOSE 80
```

## Use instead
```dockerfile
FROM nginxinc/nginx-unprivileged:1.27-alpine
EXPOSE 8080
```

## Options
Off by default; turn it on in `.portpolicy.yaml` with `rules: {privileged-port: warning}`.

## References
- capabilities(7): `CAP_NET_BIND_SERVICE`
- Linux `net.ipv4.ip_unprivileged_port_start` (ip-sysctl documentation)
- RFC 6335, section 6 (System ports)
)md",
    "Dockerfile"};

void check(const RuleContext& ctx, std::vector<Hit>& out) {
  for (std::size_t i = 0; i < ctx.ports.size(); ++i) {
    const auto& f = ctx.ports[i];
    if (f.literal.role != core::Role::kListen || f.literal.value == 0 || f.literal.value > 1023) continue;
    out.push_back({i, "listen port " + std::to_string(f.literal.value) +
                          " is below 1024: binding it needs root or CAP_NET_BIND_SERVICE"});
  }
}

}  // namespace

extern const Rule kPrivilegedPort{&kInfo, &check};

}  // namespace portpolicy::rules
