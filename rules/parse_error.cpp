// parse-error: a configuration file, or a part of one, that could not be read.
#include "rules/rule.h"

namespace portpolicy::rules {

namespace {

constexpr RuleInfo kInfo{
    "PP103", "parse-error", "file that does not parse, or nests too deep to read", core::Severity::kInfo, true,
    R"md(## What it does
Reports, at the place it happens, that a file could not be read whole: a YAML, JSON or
TOML file that does not parse (an unclosed flow sequence, a tab in the indentation, a
truncated object, an unclosed string), or brackets or code nested too deep to read (more
than 4096 levels of brackets; code nested more than 400 levels deep). The message gives
the parser's view of what is wrong. What error recovery still reads is still checked, so a
port after the broken line is usually found; but some may be missed, and this finding says
so rather than passing in silence. A Helm template is YAML only once rendered, so its
parse errors are not reported.

Severity `info` by default: the run does not fail. `--fail-on-parse-error` makes it an
error, as does `rules: {parse-error: error}` in `.portpolicy.yaml`.

## Why is this bad?
A file that does not parse is not what the program that reads it will accept, and a
linter that cannot read a file cannot vouch for the ports in it: "clean" and "not read"
must not look the same.

## Example
```yaml
services:
  web:
    ports: ["8080:80"
```

## Use instead
```yaml
services:
  web:
    ports: ["8080:80"]
```

## Options
`--fail-on-parse-error` (command line) raises the severity to error.

## References
- YAML 1.2, JSON (RFC 8259), TOML 1.0
)md",
    "compose.yaml"};

void check(const RuleContext& ctx, std::vector<Hit>& out) {
  for (std::size_t i = 0; i < ctx.problems.size(); ++i) {
    Hit h;
    h.problem = i;
    h.message = ctx.problems[i].message;
    h.suggest = false;
    out.push_back(std::move(h));
  }
}

}  // namespace

extern const Rule kParseError{&kInfo, &check};

}  // namespace portpolicy::rules
