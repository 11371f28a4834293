#include "extract/line_settings.h"

#include "extract/port_keys.h"

#include <algorithm>
#include <span>
#include <string>

#include "extract/hostport.h"

namespace portpolicy::extract {

namespace {

// Words that make a port-named key a measure about ports rather than a port:
// port_timeout, port-open-timeout, port_retries, port_offset...
constexpr std::string_view kMeasureWords[] = {
    "timeout",  "timeouts", "interval", "retries", "retry",   "count",   "size",     "limit",      "delay",
    "ttl",      "wait",     "backlog",  "buffer",  "threads", "workers", "num",      "percent",    "weight",
    "priority", "index",    "offset",   "enable",  "enabled", "disable", "disabled", "forwarding", "reuse"};

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
    "openssl",    "nslookup", "dig"};

// Programs whose short flags never take a port (mkdir -p, ps -p 1, ulimit -l 64, xargs -P 4).
constexpr std::string_view kNoPortPrograms[] = {
    "mkdir", "ps",      "kill",    "ulimit",  "xargs",    "make",     "ls",      "wc",    "grep",  "tail",
    "head",  "sort",    "tar",     "cp",      "mv",       "rm",       "ln",      "chmod", "chown", "sleep",
    "seq",   "useradd", "adduser", "usermod", "groupadd", "addgroup", "install", "patch", "sed",   "unzip",
    "zip",   "git",     "pip",     "pip3",    "apt-get",  "apk",      "yum",     "dnf",   "npm",   "yarn",
    "find",  "cut",     "tr",      "read",    "printf",   "echo"};

// Short flags that take a port or a listen address; the long ones are read from their
// names (--port, --http-port, -Dserver.port=8080, -port, --bind, --listen-address).
struct ShortFlag {
  std::string_view flag;
  bool clients_only;  // "-P" is a port only for clients (mysql -P 3306, scp -P 2222)
};
constexpr ShortFlag kShortFlags[] = {
    {"-p", false},  // flask run -p 5000, rails s -p 3000, ssh -p 2222
    {"-P", true},   // mysql -P 3306, scp -P 2222
    {"-l", false},  // serve -l 3000, nc -l 1234
    {"-b", false},  // gunicorn -b 0.0.0.0:8000, rails s -b 0.0.0.0
    {"-S", false},  // php -S 0.0.0.0:8000
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

void add_found(const LineSink& sink, std::size_t pos, std::string_view s, HostMode mode,
               std::optional<core::Role> role, std::string_view context) {
  for (const StringPort& p : find_ports_in_text(s, mode)) {
    const core::Role r = is_wildcard_host(host_before_port(s, p.offset))
                             ? core::Role::kListen
                             : role.value_or(core::Role::kConnect);
    sink.add(pos + p.offset, p.length, r, std::string(context), p.transport);
  }
}

// ssh -L [bind:]port:host:hostport (and -R): the forwarded port is published, the far one is
// connected to. Nothing when `value` has another shape (curl -L takes no forward).
void add_ssh_forward(const LineSink& sink, std::size_t pos, std::string_view value, std::string_view flag) {
  std::vector<std::pair<std::size_t, std::string_view>> parts;  // split at ':' outside [v6]
  std::size_t begin = 0;
  int depth = 0;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    if (i < value.size() && value[i] == '[') ++depth;
    if (i < value.size() && value[i] == ']') --depth;
    if (i == value.size() || (value[i] == ':' && depth == 0)) {
      parts.emplace_back(begin, value.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  if (parts.size() < 3 || parts.size() > 4) return;
  const auto& [near_pos, near] = parts[parts.size() - 3];
  const auto& [far_pos, far] = parts.back();
  if (!all_digits(near) || !all_digits(far) || parts[parts.size() - 2].second.empty()) return;
  sink.add(pos + near_pos, near.size(), core::Role::kPublish, std::string(flag));
  sink.add(pos + far_pos, far.size(), core::Role::kConnect, std::string(flag));
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
  } else {
    // Option strings (JAVA_OPTS="-Dserver.port=8080", command=gunicorn -b :8000) read as
    // command lines; that also finds their URLs, known host:port and defaults.
    add_command_ports(sink, pos, len);
    return;
  }
  add_default_ports(sink, pos, len);
}

void add_command_ports(const LineSink& sink, std::size_t pos, std::size_t len) {
  enum class Program { kServer, kClient, kNoPorts };
  const std::string_view text = sink.line.text().substr(pos, len);
  const std::vector<Word> words = split_words(text, kCommandDelimiters);
  Program program = Program::kServer;
  std::size_t prev_end = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    const std::string_view gap = text.substr(prev_end, w.pos - prev_end);
    prev_end = w.pos + w.text.size();
    if (gap.find_first_of(";|&(`\n") != std::string_view::npos) program = Program::kServer;
    const std::string_view name = basename(w.text);
    if (contains(kClientPrograms, name)) program = Program::kClient;
    if (contains(kNoPortPrograms, name)) program = Program::kNoPorts;
    const bool client = program == Program::kClient;
    const Word* next = i + 1 < words.size() ? &words[i + 1] : nullptr;
    if (contains(kPositionalPortPrograms, w.text) && next != nullptr) {
      for (const auto& [off, n] : port_numbers(next->text)) {
        sink.add(pos + next->pos + off, n, core::Role::kListen, std::string(w.text));
      }
      continue;
    }
    if (const std::size_t n = assignment_name(w.text); n > 0) {
      // PORT=3000 node server.js, export PORT=3000, -e PORT=3000, PORT="3000"
      const bool quoted = w.text.size() == n + 1 && next != nullptr && next->pos == prev_end + 1 &&
                          (text[prev_end] == '"' || text[prev_end] == '\'');
      if (quoted) {
        add_setting_ports(sink, w.text.substr(0, n), pos + next->pos, next->text.size());
        prev_end = next->pos + next->text.size();
        ++i;
      } else {
        add_setting_ports(sink, w.text.substr(0, n), pos + w.pos + n + 1, w.text.size() - n - 1);
      }
      continue;
    }
    if (w.text.size() < 2 || w.text[0] != '-') continue;
    const std::size_t eq = w.text.find('=');
    const std::string_view flag = w.text.substr(0, eq);
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
    const bool is_short = flag.size() == 2;
    bool short_flag = false;
    for (const ShortFlag& f : kShortFlags) {
      if (flag == f.flag && program != Program::kNoPorts && (client || !f.clients_only)) short_flag = true;
    }
    if (client && (flag == "-L" || flag == "-R")) add_ssh_forward(sink, pos + value_pos, value, flag);
    const bool port_flag = !is_short && is_port_number_key(bare);
    const bool address_flag = !is_short && !port_flag && (holds_address(bare) || is_listen_key(bare));
    if (port_flag || short_flag) {
      const core::Role r = client ? core::Role::kConnect : role_for_name(bare);
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
  add_found(sink, pos, text, HostMode::kKnownHosts, core::Role::kConnect, "command");
  add_default_ports(sink, pos, len);
}

void add_default_ports(const LineSink& sink, std::size_t pos, std::size_t len) {
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
    if (is_port_number_key(name)) {
      for (const auto& [o, n] : port_numbers(fallback)) {
        sink.add(pos + k + off + o, n, role_for_name(name), std::string(name));
      }
    } else if (holds_address(name)) {
      add_found(sink, pos + k + off, fallback, HostMode::kAnyHost,
                is_listen_key(name) ? core::Role::kListen : core::Role::kConnect, name);
    }
  }
}

}  // namespace portpolicy::extract
