// insecure-service-port: listening on or publishing the port of a cleartext legacy service.
#include <algorithm>

#include "rules/rule.h"

namespace portpolicy::rules {

namespace {

// Registry service names of remote-login, file-transfer, mail-retrieval and news
// protocols that send passwords and data in the clear, with what replaces each. Protocols
// where cleartext is normal or negotiated per connection (http, smtp, dns, ldap, snmp)
// are deliberately not listed.
struct Insecure {
  std::string_view service;
  std::string_view instead;
};
constexpr Insecure kInsecure[] = {
    {"ftp-data", "SFTP over ssh (22) or FTPS (990)"},
    {"ftp", "SFTP over ssh (22) or FTPS (990)"},
    {"telnet", "ssh (22)"},
    {"tftp", "SFTP over ssh (22) or HTTPS"},
    {"rtelnet", "ssh (22)"},
    {"pop2", "pop3s (995)"},
    {"pop3", "pop3s (995)"},
    {"nntp", "nntps (563)"},
    {"imap", "imaps (993)"},
    {"imap3", "imaps (993)"},
    {"exec", "ssh (22)"},
    {"login", "ssh (22)"},
    {"shell", "ssh (22)"},
    {"uucp", "SFTP over ssh (22)"},
};

const Insecure* insecure(std::string_view service) {
  const auto* it = std::find_if(std::begin(kInsecure), std::end(kInsecure),
                                [&](const Insecure& x) { return x.service == service; });
  return it == std::end(kInsecure) ? nullptr : it;
}

constexpr RuleInfo kInfo{
    "PP204", "insecure-service-port", "listening on the port of a cleartext legacy service",
    core::Severity::kWarning, true,
    R"md(## What it does
Flags a port that a program listens on or that a mapping publishes when the IANA registry
assigns it, over the transport in use, to a legacy protocol that carries logins and data
in the clear:

| Service | Port | Use instead |
|---|---|---|
| ftp-data, ftp | 20, 21 | SFTP over ssh (22) or FTPS (990) |
| telnet, rtelnet | 23, 107 | ssh (22) |
| tftp | 69 | SFTP over ssh (22) or HTTPS |
| pop2, pop3 | 109, 110 | pop3s (995) |
| nntp | 119 | nntps (563) |
| imap, imap3 | 143, 220 | imaps (993) |
| exec (rexec), login (rlogin), shell (rsh) | 512-514/tcp | ssh (22) |
| uucp | 540 | SFTP over ssh (22) |

Transport matters: 512/udp is biff and 514/udp is syslog, so only tcp is flagged there;
when the file does not name the transport, both tcp and udp are judged and the message
says which carry the legacy service. Ports a program only connects to are not flagged,
and neither are protocols where cleartext is normal or negotiated per connection (http,
smtp, dns, ldap, snmp).

## Why is this bad?
These protocols send user names, passwords and the data itself unencrypted; anyone on the
path can read or alter them, and the r-services trust the client's address. Scanners and
auditors flag a listener on these ports on sight, and a service listening there invites
clients to speak the old protocol to it.

## Example
```yaml
services:
  files:
    image: ftp-server:2.1
    ports:
      - "21:21"
```

## Use instead
```yaml
services:
  files:
    image: sftp-server:2.1
    ports:
      - "2022:22"
```

## Options
None.

## References
- RFC 8314 (implicit TLS for mail submission and access: imaps, pop3s)
- RFC 4253 (the SSH transport layer protocol)
- IANA Service Name and Transport Protocol Port Number Registry
)md",
    "compose.yaml"};

void check(const RuleContext& ctx, std::vector<Hit>& out) {
  const std::string& date = ctx.registry.meta().updated;
  for (std::size_t i = 0; i < ctx.ports.size(); ++i) {
    const auto& f = ctx.ports[i];
    const core::Role role = f.literal.role;
    if (role != core::Role::kListen && role != core::Role::kPublish) continue;
    if (f.literal.value == 0 || f.literal.value > registry::kMaxPort) continue;
    const auto port = static_cast<std::uint32_t>(f.literal.value);
    std::vector<core::Transport> hit;
    const registry::Record* row = nullptr;
    const Insecure* what = nullptr;
    for (core::Transport t : judged_transports(f)) {
      for (const registry::Record* r : ctx.registry.records_for(port, t)) {
        if (r->kind != registry::Kind::kAssigned) continue;
        const Insecure* x = insecure(r->name);
        if (x == nullptr || (what != nullptr && x->service != what->service)) continue;
        if (what == nullptr) {
          what = x;
          row = r;
        }
        hit.push_back(t);
        break;
      }
    }
    if (what == nullptr) continue;
    const std::string kind = role == core::Role::kListen ? "listen" : "published";
    out.push_back({i, kind + " port " + port_label(port, hit) + " is assigned to " +
                          std::string(what->service) + " by IANA (" + std::string(row->description) +
                          "; registry " + date +
                          "): a legacy protocol that sends logins and data in the clear; prefer " +
                          std::string(what->instead)});
  }
}

}  // namespace

extern const Rule kInsecureServicePort{&kInfo, &check};

}  // namespace portpolicy::rules
