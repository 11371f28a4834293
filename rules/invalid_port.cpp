// invalid-port: a port number outside 0-65535.
#include "rules/rule.h"

namespace portpolicy::rules {

namespace {

constexpr RuleInfo kInfo{
    "PP101", "invalid-port", "port number outside 0-65535", core::Severity::kError, true,
    R"md(## What it does
Flags a port number greater than 65535.

## Why is this bad?
TCP, UDP, SCTP and DCCP carry 16-bit port numbers: 0-65535. A larger number is a typo or a
unit mix-up; depending on the program it is rejected at start-up, or silently truncated to
another port (70000 becomes 4464).

## Example
```yaml
services:
  web:
    ports:
      - "70000:80"
```

## Use instead
```yaml
services:
  web:
    ports:
      - "50000:80"
```

## Options
None.

## References
- RFC 6335, section 6 (port number ranges)
)md",
    "compose.yaml"};

void check(const RuleContext& ctx, std::vector<Hit>& out) {
  for (std::size_t i = 0; i < ctx.ports.size(); ++i) {
    const auto& f = ctx.ports[i];
    if (f.literal.value <= registry::kMaxPort) continue;
    out.push_back({i, "port " + std::to_string(f.literal.value) +
                          " is outside the port space 0-65535: no transport can carry it"});
  }
}

}  // namespace

extern const Rule kInvalidPort{&kInfo, &check};

}  // namespace portpolicy::rules
