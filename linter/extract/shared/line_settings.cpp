#include "extract/shared/line_settings.h"

#include "extract/shared/port_keys.h"

#include <algorithm>
#include <span>
#include <string>

#include "core/text.h"
#include "extract/shared/hostport.h"

namespace portpolicy::extract {

namespace {

// Words that make a port-named key a measure about ports rather than a port:
// port_timeout, port-open-timeout, port_retries, port_offset, or a flag (HAVE_GETSERVBYPORT,
// is_port_open)...
constexpr std::string_view kMeasureWords[] = {
    "timeout",  "timeouts",   "interval", "retries", "retry",  "count",   "size",    "limit",
    "delay",    "ttl",        "wait",     "backlog", "buffer", "threads", "workers", "num",
    "percent",  "weight",     "priority", "index",   "offset", "enable",  "enabled", "disable",
    "disabled", "forwarding", "reuse",    "have",    "has",    "is",     "amount",  "amounts", "quantity",
    "length",   "len",        "capacity", "step",    "increment", "width", "delta"};

// Words that make a port or address name the far side: something the program talks to.
constexpr std::string_view kConnectWords[] = {
    "db",          "database", "redis",         "postgres",  "postgresql", "pg",       "mysql",
    "mariadb",     "mongo",    "mongodb",       "memcached", "memcache",   "smtp",     "mail",
    "imap",        "ldap",     "elasticsearch", "elastic",   "kafka",      "rabbitmq", "amqp",
    "nats",        "broker",   "upstream",      "backend",   "remote",     "target",   "dest",
    "destination", "client",   "proxy",         "cassandra", "zookeeper",  "consul",   "etcd",
    "statsd",      "origin",   "peer",          "master",    "primary"};

// Last words of names whose value is a listen address, so that a bare number there is its
// port: "listen = 9000", "--listen 3000", "bind = 8080" (but not "listen.mode = 0660").
constexpr std::string_view kListenAddressWords[] = {"listen", "bind", "listener", "listeners"};

// Programs that talk to a server: their port flags (-p 5432, --port 6379) name its port.
constexpr std::string_view kClientPrograms[] = {
    "curl",       "wget",     "ssh",   "scp",        "sftp",      "rsync",     "psql",
    "pg_isready", "pg_dump",  "mysql", "mysqladmin", "mysqldump", "redis-cli", "mongo",
    "mongosh",    "nc",       "ncat",  "netcat",     "telnet",    "grpcurl",   "grpc_health_probe",
    "openssl",    "nslookup", "dig",   "autossh"};

// Programs whose short flags never take a port (mkdir -p, ps -p 1, ulimit -l 64, xargs -P 4,
// strace -p 1234, taskset -p 3 1234).
constexpr std::string_view kNoPortPrograms[] = {
    "mkdir",  "ps",      "kill",   "ulimit",  "xargs",   "make",    "ls",       "wc",       "grep",
    "tail",   "head",    "sort",   "tar",     "cp",      "mv",      "rm",       "ln",       "chmod",
    "chown",  "sleep",   "seq",    "useradd", "adduser", "usermod", "groupadd", "addgroup", "install",
    "patch",  "sed",     "unzip",  "zip",     "git",     "pip",     "pip3",     "apt-get",  "apk",
    "yum",    "dnf",     "npm",    "yarn",    "find",    "cut",     "tr",       "read",     "printf",
    "echo",   "strace",  "ltrace", "gdb",     "perf",    "top",     "htop",     "renice",   "taskset",
    "ionice", "pidstat", "pmap",   "prlimit", "chrt",    "nsenter", "pgrep",    "pkill",    "cscope",
    "ctags",  "split"};

// Short flags that take a port or a listen address; the long ones are read from their
// names (--port, --http-port, -Dserver.port=8080, -port, --bind, --listen-address).
struct ShortFlag {
  std::string_view flag;
  bool clients_only;         // "-P" is a port only for clients (mysql -P 3306, scp -P 2222)
  std::string_view program;  // when set, a port only in that program's command (serve -l 3000)
  bool port_programs = false;  // a port only in the command of a p_flag_is_port() program
};
constexpr ShortFlag kShortFlags[] = {
    {"-p", false, "", true},  // flask run -p 5000, rails s -p 3000, ssh -p 2222 (not go test -p 4)
    {"-P", true, ""},        // mysql -P 3306, scp -P 2222
    {"-l", false, "serve"},  // serve -l 3000 (elsewhere -l counts loops, lines, logins...)
    {"-b", false, ""},       // gunicorn -b 0.0.0.0:8000, rails s -b 0.0.0.0
    {"-S", false, ""},       // php -S 0.0.0.0:8000
};

// Programs whose first plain argument is the port they serve on.
constexpr std::string_view kPositionalPortPrograms[] = {"http.server", "SimpleHTTPServer"};

// Characters that end a word in a command line: quotes, exec-form JSON punctuation and
// shell operators.
constexpr std::string_view kCommandDelimiters = "\"'`,[]();|&<>";

bool has_any_word(std::string_view name, std::span<const std::string_view> table) {
  for (const std::string& w : key_words(name)) {
    if (std::find(table.begin(), table.end(), w) != table.end()) return true;
  }
  return false;
}

bool contains(std::span<const std::string_view> table, std::string_view w) {
  return std::find(table.begin(), table.end(), w) != table.end();
}

std::string_view basename(std::string_view w) {
  const auto slash = w.find_last_of('/');
  return slash == std::string_view::npos ? w : w.substr(slash + 1);
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// "NAME=" at the start of `w`: the length of NAME, or 0.
std::size_t assignment_name(std::string_view w) {
  std::size_t n = 0;
  while (n < w.size() && is_name_char(w[n])) ++n;
  if (n == 0 || n >= w.size() || w[n] != '=' || (w[0] >= '0' && w[0] <= '9')) return 0;
  return n;
}

// Programs whose arguments say more about ports than their flags do.
enum class Family {
  kOther,
  kNetcat,     // nc -l 8080, nc -lp 8080, nc -zv db 5432, nc -u host 53
  kSocat,      // socat TCP-LISTEN:8080,fork TCP:backend:80
  kContainer,  // docker run -p 8080:80 -p 53:53/udp
  kSsh,        // ssh -L 8080:localhost:80, ssh -D 1080
  kKubectl,    // kubectl port-forward svc/web 8080:80
  kFirewall,   // iptables --dport 22, ufw allow 53/udp, firewall-cmd --add-port=8080/tcp
  kWaitFor,    // wait-for-it db:5432
};
struct FamilyName {
  std::string_view program;
  Family family;
};
constexpr FamilyName kFamilies[] = {
    {"nc", Family::kNetcat},
    {"ncat", Family::kNetcat},
    {"netcat", Family::kNetcat},
    {"socat", Family::kSocat},
    {"docker", Family::kContainer},
    {"podman", Family::kContainer},
    {"nerdctl", Family::kContainer},
    {"ssh", Family::kSsh},
    {"autossh", Family::kSsh},
    {"kubectl", Family::kKubectl},
    {"oc", Family::kKubectl},
    {"iptables", Family::kFirewall},
    {"ip6tables", Family::kFirewall},
    {"ufw", Family::kFirewall},
    {"firewall-cmd", Family::kFirewall},
    {"wait-for-it", Family::kWaitFor},
    {"wait-for-it.sh", Family::kWaitFor},
    {"wait-for", Family::kWaitFor},
    {"wait-for.sh", Family::kWaitFor},
};

Family family_of(std::string_view program) {
  for (const FamilyName& f : kFamilies) {
    if (f.program == program) return f.family;
  }
  return Family::kOther;
}

// netcat's short flags that take a value (OpenBSD nc, ncat, GNU netcat): -p 8080, -w 3.
constexpr std::string_view kNetcatValueFlags = "IiMmOPpqsTVWwXxecgo";
// ncat's long options that take no value; every other long option does (--wait 3).
constexpr std::string_view kNetcatSwitches[] = {"listen",  "udp",  "keep-open", "verbose",     "nodns",
                                                "ssl",     "sctp", "send-only", "recv-only",   "broker",
                                                "chat",    "crlf", "telnet",    "no-shutdown", "zero",
                                                "version", "help", "ipv4",      "ipv6"};

// Firewall flags naming the ports a rule matches or redirects to.
constexpr std::string_view kFirewallPortFlags[] = {"--dport",
                                                   "--sport",
                                                   "--dports",
                                                   "--sports",
                                                   "--destination-port",
                                                   "--source-port",
                                                   "--destination-ports",
                                                   "--source-ports",
                                                   "--to-ports",
                                                   "--to-port",
                                                   "--add-port",
                                                   "--remove-port",
                                                   "--query-port"};

// Where each simple command of a command line starts: a word after ';', '|', '&', '(', a
// backquote or a line break.
bool starts_command(std::string_view gap) { return gap.find_first_of(";|&(`\n") != std::string_view::npos; }

// A redirection's target (> out.log) or file descriptor (2>&1) rather than an argument.
bool is_redirection(std::string_view text, const Word& w, std::string_view gap) {
  const std::size_t end = w.pos + w.text.size();
  return gap.find_first_of("<>") != std::string_view::npos ||
         (end < text.size() && (text[end] == '<' || text[end] == '>'));
}

// The number or range of one piece of a mapping: "8080", "8000-8010", "${PORT:-8080}".
std::vector<std::pair<std::size_t, std::size_t>> mapping_numbers(std::string_view s) {
  if (s.starts_with("${") && s.ends_with("}")) {
    for (std::string_view op : {":-", ":=", "-", "="}) {
      const std::size_t at = s.find(op);
      if (at == std::string_view::npos) continue;
      const std::size_t from = at + op.size();
      auto numbers = port_numbers(s.substr(from, s.size() - 1 - from));
      for (auto& n : numbers) n.first += from;
      return numbers;
    }
    return {};
  }
  return port_numbers(s);
}

// Splits s at ':' outside ${...} and [...]: (offset, length) of each part.
std::vector<std::pair<std::size_t, std::size_t>> colon_parts(std::string_view s) {
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{' || s[i] == '[') ++depth;
    if ((s[i] == '}' || s[i] == ']') && depth > 0) --depth;
    if (s[i] == ':' && depth == 0) {
      parts.emplace_back(start, i - start);
      start = i + 1;
    }
  }
  parts.emplace_back(start, s.size() - start);
  return parts;
}

// A port mapping [IP:]OUTSIDE:INSIDE[/PROTOCOL] (docker -p, kubectl port-forward): the
// outside ports are published, the inside ones listened on. A single port takes `single`.
void add_mapping(const LineSink& sink, std::size_t pos, std::string_view value, core::Role single,
                 std::string_view context) {
  std::optional<core::Transport> transport;
  if (const std::size_t slash = value.rfind('/'); slash != std::string_view::npos) {
    transport = core::parse_transport(value.substr(slash + 1));
    if (!transport) return;
    value = value.substr(0, slash);
  }
  const auto parts = colon_parts(value);
  if (parts.size() > 3) return;
  const std::size_t n = parts.size();
  for (std::size_t k = n >= 2 ? n - 2 : 0; k < n; ++k) {
    const auto [off, len] = parts[k];
    const core::Role role = n == 1 ? single : k == n - 1 ? core::Role::kListen : core::Role::kPublish;
    for (const auto& [o, m] : mapping_numbers(value.substr(off, len))) {
      sink.add(pos + off + o, m, role, std::string(context), transport);
    }
  }
}

// ssh -L [BIND:]PORT:HOST:HOSTPORT (and -R): the forwarded port is published, the far one
// connected to; -D [BIND:]PORT listens (a SOCKS proxy).
void add_ssh_forward(const LineSink& sink, std::size_t pos, std::string_view value, char kind) {
  const auto parts = colon_parts(value);
  const std::string context = std::string("-") + kind;
  auto add = [&](std::size_t k, core::Role role) {
    for (const auto& [o, m] : port_numbers(value.substr(parts[k].first, parts[k].second))) {
      sink.add(pos + parts[k].first + o, m, role, context);
    }
  };
  if (kind == 'D') {
    if (parts.size() <= 2) add(parts.size() - 1, core::Role::kListen);
    return;
  }
  if (parts.size() != 3 && parts.size() != 4) return;
  add(parts.size() - 3, core::Role::kPublish);
  add(parts.size() - 1, core::Role::kConnect);
}

void add_found(const LineSink& sink, std::size_t pos, std::string_view s, HostMode mode,
               std::optional<core::Role> role, std::string_view context) {
  for (const StringPort& p : find_ports_in_text(s, mode)) {
    const core::Role r = is_wildcard_host(host_before_port(s, p.offset))
                             ? core::Role::kListen
                             : role.value_or(core::Role::kConnect);
    sink.add(pos + p.offset, p.length, r, std::string(context), p.transport);
  }
}

// netcat's words [b, e): -l listens, -u is udp, -p names the port, the positional
// arguments are [HOST] PORT... (a listener's host is where it binds).
void read_netcat(const LineSink& sink, std::size_t pos, std::string_view text, const std::vector<Word>& words,
                 std::size_t b, std::size_t e, std::string_view program) {
  bool listen = false;
  bool udp = false;
  std::vector<const Word*> positional;
  const Word* port = nullptr;
  const Word* proxy = nullptr;
  std::size_t port_skip = 0;  // "-p8080": the value starts inside the word
  for (std::size_t k = b; k < e; ++k) {
    const Word& w = words[k];
    const std::size_t prev_end = k > 0 ? words[k - 1].pos + words[k - 1].text.size() : 0;
    if (is_redirection(text, w, text.substr(prev_end, w.pos - prev_end))) continue;
    if (w.text.starts_with("--")) {
      const std::size_t eq = w.text.find('=');
      const std::string_view name =
          w.text.substr(2, eq == std::string_view::npos ? std::string_view::npos : eq - 2);
      if (name == "listen") listen = true;
      if (name == "udp") udp = true;
      if (eq == std::string_view::npos && !contains(kNetcatSwitches, name) && k + 1 < e) ++k;
      continue;
    }
    if (w.text.size() > 1 && w.text[0] == '-') {
      for (std::size_t c = 1; c < w.text.size(); ++c) {
        const char f = w.text[c];
        if (f == 'l') listen = true;
        if (f == 'u') udp = true;
        if (kNetcatValueFlags.find(f) == std::string_view::npos) continue;
        const Word* value = &w;
        std::size_t skip = c + 1;
        if (skip >= w.text.size()) {
          if (k + 1 >= e) break;
          value = &words[++k];
          skip = 0;
        }
        if (f == 'p') {
          port = value;
          port_skip = skip;
        }
        if (f == 'x') proxy = value;
        break;
      }
      continue;
    }
    positional.push_back(&w);
  }
  const std::optional<core::Transport> transport =
      udp ? std::optional<core::Transport>(core::Transport::kUdp) : std::nullopt;
  const core::Role role = listen ? core::Role::kListen : core::Role::kConnect;
  const std::string context(program);
  if (port != nullptr) {
    for (const auto& [off, n] : port_numbers(port->text.substr(port_skip))) {
      sink.add(pos + port->pos + port_skip + off, n, role, context, transport);
    }
  }
  if (proxy != nullptr)
    add_found(sink, pos + proxy->pos, proxy->text, HostMode::kAnyHost, core::Role::kConnect, "-x");
  // A listener's single argument is its port; a client's first is the host.
  const std::size_t first = listen && positional.size() == 1 ? 0 : 1;
  for (std::size_t k = first; k < positional.size(); ++k) {
    for (const auto& [off, n] : port_numbers(positional[k]->text)) {
      sink.add(pos + positional[k]->pos + off, n, role, context, transport);
    }
  }
}

// socat's addresses: TCP-LISTEN:8080 and UDP-RECVFROM:53 listen; TCP:host:80,
// OPENSSL:host:443 and UDP-SENDTO:host:53 connect. The address type names the transport.
void read_socat(const LineSink& sink, std::size_t pos, const std::vector<Word>& words, std::size_t b,
                std::size_t e) {
  for (std::size_t k = b; k < e; ++k) {
    const Word& w = words[k];
    const std::size_t colon = w.text.find(':');
    if (w.text.starts_with("-") || colon == std::string_view::npos) continue;
    const std::string type = core::to_lower(w.text.substr(0, colon));
    const std::string_view rest = w.text.substr(colon + 1);
    std::optional<core::Transport> transport;
    if (type.starts_with("tcp")) transport = core::Transport::kTcp;
    if (type.starts_with("udp")) transport = core::Transport::kUdp;
    if (type.starts_with("sctp")) transport = core::Transport::kSctp;
    const bool listen = type.ends_with("-listen") || type.ends_with("-l") || type.ends_with("-recvfrom") ||
                        type.ends_with("-recv");
    const std::string context = std::string(w.text.substr(0, colon));
    if (listen) {
      const std::string_view port = rest.substr(0, rest.find(':'));
      for (const auto& [off, n] : port_numbers(port)) {
        sink.add(pos + w.pos + colon + 1 + off, n, core::Role::kListen, context, transport);
      }
      continue;
    }
    if (!transport && type != "openssl" && type != "ssl" && type != "openssl-connect" && type != "proxy")
      continue;
    for (const StringPort& p : find_ports_in_text(rest, HostMode::kAnyHost)) {
      sink.add(pos + w.pos + colon + 1 + p.offset, p.length, core::Role::kConnect, context, transport);
    }
  }
}

// A firewall rule's ports: iptables --dport 22 / --dports 80,443 / --dport 8000:8010,
// ufw allow 53/udp / ufw allow ... port 5432 proto tcp, firewall-cmd --add-port=8080/tcp.
// "-p udp" and "proto udp" name the transport of the whole rule.
void read_firewall(const LineSink& sink, std::size_t pos, std::string_view text,
                   const std::vector<Word>& words, std::size_t b, std::size_t e, bool ufw) {
  std::optional<core::Transport> rule_transport;
  for (std::size_t k = b; k + 1 < e; ++k) {
    const std::string_view f = words[k].text;
    if (f == "-p" || f == "--protocol" || f == "proto")
      rule_transport = core::parse_transport(words[k + 1].text);
  }
  auto add = [&](std::size_t at, std::size_t len, std::optional<core::Transport> transport) {
    sink.add(pos + at, len, core::Role::kRule, "firewall", transport);
  };
  // One port, range (8000-8010, or 8000:8010 as iptables and ufw write it), maybe /proto.
  auto add_ports = [&](const Word& w, std::size_t skip) {
    std::string_view spec = w.text.substr(skip);
    std::optional<core::Transport> transport = rule_transport;
    if (const std::size_t slash = spec.find('/'); slash != std::string_view::npos) {
      transport = core::parse_transport(spec.substr(slash + 1));
      if (!transport) return;
      spec = spec.substr(0, slash);
    }
    const std::size_t colon = spec.find(':');
    const auto first = port_numbers(spec.substr(0, colon));
    const auto second = colon == std::string_view::npos ? first : port_numbers(spec.substr(colon + 1));
    if (first.empty() || second.empty()) return;
    for (const auto& [off, n] : first) add(w.pos + skip + off, n, transport);
    if (colon == std::string_view::npos) return;
    for (const auto& [off, n] : second) add(w.pos + skip + colon + 1 + off, n, transport);
  };
  auto gap_before = [&](std::size_t k) {
    const std::size_t prev_end = words[k - 1].pos + words[k - 1].text.size();
    return text.substr(prev_end, words[k].pos - prev_end);
  };
  constexpr std::string_view kUfwBeforePort[] = {"allow", "deny", "reject", "limit",
                                                 "in",    "out",  "log",    "log-all"};
  for (std::size_t k = b; k < e; ++k) {
    const Word& w = words[k];
    const std::size_t eq = w.text.find('=');
    const std::string_view flag = w.text.substr(0, eq);
    if (contains(kFirewallPortFlags, flag) || (ufw && w.text == "port")) {
      if (eq != std::string_view::npos) {
        add_ports(w, eq + 1);
      } else if (k + 1 < e) {
        add_ports(words[++k], 0);
      }
      while (k + 1 < e && gap_before(k + 1) == ",") add_ports(words[++k], 0);  // --dports 80,443
      continue;
    }
    if (flag == "--to-destination" || flag == "--to") {
      const Word* v = eq != std::string_view::npos ? &w : k + 1 < e ? &words[++k] : nullptr;
      const std::size_t skip = eq != std::string_view::npos ? eq + 1 : 0;
      if (v == nullptr) continue;
      for (const StringPort& p : find_ports_in_text(v->text.substr(skip), HostMode::kAnyHost)) {
        add(v->pos + skip + p.offset, p.length, rule_transport);
      }
      continue;
    }
    if (flag == "--add-forward-port" && eq != std::string_view::npos) {
      // port=80:proto=tcp:toport=8080:toaddr=10.0.0.2
      for (const auto& [off, len] : colon_parts(w.text.substr(eq + 1))) {
        const std::string_view part = w.text.substr(eq + 1 + off, len);
        for (std::string_view key : {"port=", "toport="}) {
          if (!part.starts_with(key)) continue;
          for (const auto& [o, n] : port_numbers(part.substr(key.size()))) {
            add(w.pos + eq + 1 + off + key.size() + o, n, rule_transport);
          }
        }
      }
      continue;
    }
    // ufw allow 22/tcp, ufw deny out 25, ufw allow 80,443/tcp
    if (ufw && k > b && contains(kUfwBeforePort, words[k - 1].text)) {
      add_ports(w, 0);
      while (k + 1 < e && gap_before(k + 1) == ",") add_ports(words[++k], 0);
    }
  }
}

}  // namespace

void LineSink::add(std::size_t pos, std::size_t len, core::Role role, std::string context,
                   std::optional<core::Transport> transport) const {
  const std::uint32_t start = line.file_offset(pos);
  ctx.add(start, start + static_cast<std::uint32_t>(len), role, format, std::move(context), transport);
}

bool is_port_number_key(std::string_view key) { return is_port_key(key) && !is_measure_name(key); }

bool is_measure_name(std::string_view name) { return has_any_word(name, kMeasureWords); }

core::Role role_for_name(std::string_view name) {
  if (is_listen_key(name)) return core::Role::kListen;
  return has_any_word(name, kConnectWords) ? core::Role::kConnect : core::Role::kListen;
}

bool holds_address(std::string_view name) {
  const std::vector<std::string> words = key_words(name);
  return !words.empty() && is_address_key(words.back());
}

bool is_listen_address_name(std::string_view name) {
  const std::vector<std::string> words = key_words(name);
  return !words.empty() && contains(kListenAddressWords, words.back());
}

std::string_view host_before_port(std::string_view s, std::size_t port_pos) {
  if (port_pos == 0 || port_pos > s.size() || s[port_pos - 1] != ':') return {};
  const std::size_t colon = port_pos - 1;
  if (colon > 0 && s[colon - 1] == ']') {
    const std::size_t open = s.rfind('[', colon - 1);
    return open == std::string_view::npos ? std::string_view{} : s.substr(open, colon - open);
  }
  if (colon > 0 && s[colon - 1] == '}') {
    // "${HOST}:8080": a templated host, which is never the wildcard
    const auto open = s.rfind('{', colon - 1);
    return open == std::string_view::npos ? s.substr(0, colon) : s.substr(open, colon - open);
  }
  std::size_t b = colon;
  while (b > 0 &&
         (is_name_char(s[b - 1]) || s[b - 1] == '.' || s[b - 1] == '-' || s[b - 1] == '*' || s[b - 1] == '+'))
    --b;
  return s.substr(b, colon - b);
}

void add_setting_ports(const LineSink& sink, std::string_view key, std::size_t pos, std::size_t len,
                       std::optional<core::Role> role) {
  const std::string_view value = sink.line.text().substr(pos, len);
  const std::string context(key);
  if (is_port_number_key(key)) {
    const core::Role r = role.value_or(role_for_name(key));
    for (const Word& w : split_words(value, "\"',[]")) {
      const auto numbers = port_numbers(w.text);
      for (const auto& [off, n] : numbers) sink.add(pos + w.pos + off, n, r, context);
      if (numbers.empty() && w.text.find(':') != std::string_view::npos) {
        add_found(sink, pos + w.pos, w.text, HostMode::kAnyHost, r, context);
      }
    }
  } else if ((is_listen_key(key) && !is_measure_name(key)) || holds_address(key)) {
    // php-fpm "listen = 9000" as well as "listen = 127.0.0.1:9000"; but "listen.mode = 0660"
    // is about the listener, not its address. Flags ("-t:10") are no addresses.
    const bool listen = is_listen_key(key);
    const bool bare_numbers = is_listen_address_name(key);
    for (const Word& w : split_words(value, "\"',[]")) {
      if (w.text.starts_with("-")) continue;
      std::vector<std::pair<std::size_t, std::size_t>> numbers;
      if (bare_numbers) numbers = port_numbers(w.text);
      for (const auto& [off, n] : numbers) sink.add(pos + w.pos + off, n, core::Role::kListen, context);
      if (numbers.empty()) {
        add_found(sink, pos + w.pos, w.text, HostMode::kAnyHost,
                  listen ? core::Role::kListen : core::Role::kConnect, context);
      }
    }
  } else if (key != "DISPLAY") {  // DISPLAY=:0 names an X display
    // Option strings (JAVA_OPTS="-Dserver.port=8080", command=gunicorn -b :8000) read as
    // command lines; that also finds their URLs, known host:port and defaults.
    add_command_ports(sink, pos, len);
    return;
  } else {
    return;
  }
  add_default_ports(sink, pos, len, key);
}

void add_command_ports(const LineSink& sink, std::size_t pos, std::size_t len) {
  enum class Program { kServer, kClient, kNoPorts };
  const std::string_view text = sink.line.text().substr(pos, len);
  const std::vector<Word> words = split_words(text, kCommandDelimiters);
  Program program = Program::kServer;
  Family family = Family::kOther;
  bool port_forward = false;               // kubectl port-forward: the mappings follow
  std::vector<std::string_view> programs;  // the words of the current command, as program names
  std::vector<std::pair<std::size_t, std::size_t>> settings;  // assignments' values, read as settings
  std::size_t prev_end = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    const std::string_view gap = text.substr(prev_end, w.pos - prev_end);
    prev_end = w.pos + w.text.size();
    if (starts_command(gap)) {
      program = Program::kServer;
      family = Family::kOther;
      port_forward = false;
      programs.clear();
    }
    const std::string_view name = basename(w.text);
    programs.push_back(name);
    if (contains(kClientPrograms, name)) program = Program::kClient;
    if (contains(kNoPortPrograms, name)) program = Program::kNoPorts;
    if (const Family f = family_of(name); f != Family::kOther) {
      family = f;
      if (f == Family::kNetcat || f == Family::kSocat || f == Family::kFirewall) {
        // These read the rest of their simple command themselves.
        std::size_t end = i + 1;
        while (end < words.size() &&
               !starts_command(text.substr(words[end - 1].pos + words[end - 1].text.size(),
                                           words[end].pos - words[end - 1].pos - words[end - 1].text.size())))
          ++end;
        if (f == Family::kNetcat) read_netcat(sink, pos, text, words, i + 1, end, name);
        if (f == Family::kSocat) read_socat(sink, pos, words, i + 1, end);
        if (f == Family::kFirewall) read_firewall(sink, pos, text, words, i + 1, end, name == "ufw");
        i = end - 1;
        prev_end = words[i].pos + words[i].text.size();
        continue;
      }
      if (f == Family::kWaitFor) program = Program::kClient;
      continue;
    }
    const bool client = program == Program::kClient;
    const Word* next = i + 1 < words.size() ? &words[i + 1] : nullptr;
    if (contains(kPositionalPortPrograms, w.text) && next != nullptr) {
      for (const auto& [off, n] : port_numbers(next->text)) {
        sink.add(pos + next->pos + off, n, core::Role::kListen, std::string(w.text));
      }
      continue;
    }
    if (family == Family::kKubectl && w.text == "port-forward") {
      port_forward = true;
      continue;
    }
    if (port_forward && !w.text.starts_with("-") &&
        w.text.find_first_not_of("0123456789:") == std::string_view::npos) {
      add_mapping(sink, pos + w.pos, w.text, core::Role::kPublish, "port-forward");  // 8080:80, :80, 8080
      continue;
    }
    if (family == Family::kWaitFor && !w.text.starts_with("-")) {
      add_found(sink, pos + w.pos, w.text, HostMode::kAnyHost, core::Role::kConnect, name);  // db:5432
      continue;
    }
    if (const std::size_t n = assignment_name(w.text); n > 0) {
      // PORT=3000 node server.js, export PORT=3000, -e PORT=3000, PORT="3000"; a client's
      // arguments name what it connects to (psql "host=db port=5432").
      const std::optional<core::Role> side =
          client ? std::optional<core::Role>(core::Role::kConnect) : std::nullopt;
      const bool quoted = w.text.size() == n + 1 && next != nullptr && next->pos == prev_end + 1 &&
                          (text[prev_end] == '"' || text[prev_end] == '\'');
      if (quoted) {
        add_setting_ports(sink, w.text.substr(0, n), pos + next->pos, next->text.size(), side);
        settings.emplace_back(next->pos, next->text.size());
        prev_end = next->pos + next->text.size();
        ++i;
      } else {
        add_setting_ports(sink, w.text.substr(0, n), pos + w.pos + n + 1, w.text.size() - n - 1, side);
        settings.emplace_back(w.pos + n + 1, w.text.size() - n - 1);
      }
      continue;
    }
    if (w.text.size() < 2 || w.text[0] != '-') continue;
    const std::size_t eq = w.text.find('=');
    const std::string_view flag = w.text.substr(0, eq);
    if (family == Family::kSsh && w.text.size() >= 2 &&
        (flag[1] == 'L' || flag[1] == 'R' || flag[1] == 'D') && w.text[0] == '-' &&
        (w.text.size() == 2 || (w.text[2] >= '0' && w.text[2] <= '9') || w.text[2] == '[')) {
      // ssh -L 8080:db:5432, -L8080:db:5432, -D 1080
      if (w.text.size() > 2) {
        add_ssh_forward(sink, pos + w.pos + 2, w.text.substr(2), w.text[1]);
      } else if (next != nullptr) {
        add_ssh_forward(sink, pos + next->pos, next->text, w.text[1]);
        prev_end = next->pos + next->text.size();
        ++i;
      }
      continue;
    }
    std::string_view value;
    std::size_t value_pos = 0;
    if (eq != std::string_view::npos && eq + 1 < w.text.size()) {
      value = w.text.substr(eq + 1);
      value_pos = w.pos + eq + 1;
    } else if (eq == std::string_view::npos && next != nullptr && !next->text.starts_with("-")) {
      value = next->text;
      value_pos = next->pos;
    } else {
      continue;
    }
    std::string_view bare = flag;
    while (bare.starts_with("-")) bare.remove_prefix(1);
    if (family == Family::kContainer && (flag == "-p" || bare == "publish" || bare == "expose")) {
      add_mapping(sink, pos + value_pos, value, core::Role::kListen, flag);  // -p 8080:80, -p 53:53/udp
      continue;
    }
    const bool is_short = flag.size() == 2;
    bool short_flag = false;
    for (const ShortFlag& f : kShortFlags) {
      if (flag == f.flag && program != Program::kNoPorts && (client || !f.clients_only) &&
          (f.program.empty() || contains(programs, f.program)) &&
          (!f.port_programs || std::any_of(programs.begin(), programs.end(), p_flag_is_port)))
        short_flag = true;
    }
    const bool port_flag = !is_short && is_port_number_key(bare);
    const bool address_flag = !is_short && !port_flag && (holds_address(bare) || is_listen_key(bare));
    if (port_flag || short_flag) {
      // kubectl expose --target-port: the port the pods listen on
      const core::Role r = client                                                ? core::Role::kConnect
                           : family == Family::kKubectl && bare == "target-port" ? core::Role::kListen
                                                                                 : role_for_name(bare);
      for (const auto& [off, n] : port_numbers(value))
        sink.add(pos + value_pos + off, n, r, std::string(flag));
    }
    if (address_flag && !client && is_listen_address_name(bare)) {
      for (const auto& [off, n] : port_numbers(value)) {
        sink.add(pos + value_pos + off, n, core::Role::kListen, std::string(flag));  // --listen 3000
      }
    }
    if (address_flag || short_flag) {
      const bool listen = !client && (short_flag || is_listen_key(bare));
      add_found(sink, pos + value_pos, value, HostMode::kAnyHost,
                listen ? core::Role::kListen : core::Role::kConnect, flag);
    }
  }
  // URLs and known host:port anywhere else on the line (an assignment's value was read as
  // its setting: DISPLAY=:0 is no port).
  for (const StringPort& p : find_ports_in_text(text, HostMode::kKnownHosts)) {
    const bool in_setting = std::any_of(settings.begin(), settings.end(), [&](const auto& r) {
      return p.offset >= r.first && p.offset < r.first + r.second;
    });
    if (in_setting) continue;
    const core::Role r =
        is_wildcard_host(host_before_port(text, p.offset)) ? core::Role::kListen : core::Role::kConnect;
    sink.add(pos + p.offset, p.length, r, "command", p.transport);
  }
  add_default_ports(sink, pos, len);
}

void add_default_ports(const LineSink& sink, std::size_t pos, std::size_t len, std::string_view outer) {
  const std::string_view text = sink.line.text().substr(pos, len);
  for (std::size_t i = text.find("${"); i != std::string_view::npos; i = text.find("${", i + 2)) {
    std::size_t k = i + 2;
    while (k < text.size() && is_name_char(text[k])) ++k;
    const std::string_view name = text.substr(i + 2, k - i - 2);
    if (name.empty() || k >= text.size()) continue;
    if (text[k] == ':') ++k;
    if (k >= text.size() || (text[k] != '-' && text[k] != '=')) continue;
    ++k;
    const std::size_t close = text.find('}', k);
    if (close == std::string_view::npos) continue;
    std::size_t off = 0;
    const std::string_view fallback = unquote(text.substr(k, close - k), off);
    if (fallback.find("${") != std::string_view::npos) continue;  // nested: read when reached
    // PORT="${1:-8080}": the default of any variable assigned to a port name is a port.
    const bool outer_port = !outer.empty() && is_port_number_key(outer) && !holds_address(name);
    if (is_port_number_key(name) || outer_port) {
      const std::string_view named = is_port_number_key(name) ? name : outer;
      for (const auto& [o, n] : port_numbers(fallback)) {
        sink.add(pos + k + off + o, n, role_for_name(named), std::string(named));
      }
    } else if (holds_address(name)) {
      add_found(sink, pos + k + off, fallback, HostMode::kAnyHost,
                is_listen_key(name) ? core::Role::kListen : core::Role::kConnect, name);
    }
  }
}

}  // namespace portpolicy::extract
