// yaml-base60-port: an unquoted compose port mapping that YAML 1.1 reads as a base-60 number.
#include <optional>

#include "core/text.h"
#include "rules/rule.h"

namespace portpolicy::rules {

namespace {

constexpr RuleInfo kInfo{
    "PP102", "yaml-base60-port", "unquoted port mapping that YAML 1.1 reads as a base-60 number",
    core::Severity::kWarning, true,
    R"md(## What it does
Flags an unquoted port mapping in a Compose file (or a GitHub Actions service container)
whose parts after the first are all 0-59, such as `22:22`, `21:21` or `2222:22`. Quoted
mappings (`"22:22"`) and mappings with a part above 59 (`8080:80`) are fine. Reported once
per mapping, at its first number.

## Why is this bad?
YAML 1.1 has base-60 ("sexagesimal") integers: an unquoted `22:22` is the number
22 × 60 + 22 = 1342, not the string "22:22". Parsers that follow YAML 1.1 (PyYAML, which
docker-compose v1 used, and others) hand the tool a number, and the mapping is rejected or
becomes a different port. The same file works with one tool and breaks with the next,
which is why Docker's documentation asks for port mappings to be quoted.

## Example
```yaml
services:
  sshd:
    ports:
      - 2222:22
```

## Use instead
```yaml
services:
  sshd:
    ports:
      - "2222:22"
```

## Options
None.

## References
- YAML 1.1 integer type, base 60: https://yaml.org/type/int.html
- Compose file reference, ports (short syntax): "always specify port mappings as strings"
)md",
    "compose.yaml"};

// The value YAML 1.1 gives `s` as a base-60 integer ([1-9][0-9_]*(:[0-5]?[0-9])+), or
// nullopt when it is not one.
std::optional<std::uint64_t> base60_value(std::string_view s) {
  const std::vector<std::string_view> parts = core::split(s, ':');
  if (parts.size() < 2 || parts[0].empty() || parts[0][0] < '1' || parts[0][0] > '9') return std::nullopt;
  std::uint64_t v = 0;
  for (char c : parts[0]) {
    if (c == '_') continue;
    if (c < '0' || c > '9') return std::nullopt;
    if (v > 1'000'000'000'000ULL) return std::nullopt;  // no port mapping is that long
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string_view p = parts[i];
    if (p.empty() || p.size() > 2 || (p.size() == 2 && p[0] > '5')) return std::nullopt;
    const auto digit = core::parse_uint(p);
    if (!digit) return std::nullopt;
    if (v > 1'000'000'000'000ULL) return std::nullopt;
    v = v * 60 + *digit;
  }
  return v;
}

void check(const RuleContext& ctx, std::vector<Hit>& out) {
  FileTexts texts(ctx);
  for (std::size_t i = 0; i < ctx.ports.size(); ++i) {
    const auto& f = ctx.ports[i];
    if (f.literal.format != "compose" && f.literal.format != "github-actions") continue;
    if (!f.literal.context.ends_with("ports[]")) continue;
    const std::string& text = texts.get(f.path);
    if (f.literal.end > text.size()) continue;  // no longer readable as it was scanned
    const ScalarSpan s = scalar_at(text, f.literal.start, f.literal.end);
    if (s.quote != 0 || s.begin != f.literal.start) continue;  // quoted, or not the mapping's first number
    const std::string_view scalar = std::string_view(text).substr(s.begin, s.end - s.begin);
    const auto v = base60_value(scalar);
    if (!v) continue;
    out.push_back({i,
                   "port mapping " + std::string(scalar) +
                       " is not quoted: YAML 1.1 parsers read it as the base-60 number " +
                       std::to_string(*v) + "; write \"" + std::string(scalar) + "\"",
                   false});
  }
}

}  // namespace

extern const Rule kYamlBase60Port{&kInfo, &check};

}  // namespace portpolicy::rules
