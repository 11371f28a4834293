#include "extract/shared/port_keys.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/text.h"
#include "extract/shared/hostport.h"

namespace portpolicy::extract {

namespace {

// Words that only ever name the far end of a connection.
constexpr std::string_view kDestinationWords[] = {
    "db",       "database", "databases", "datasource",  "jdbc", "smtp",   "mail",   "mailer", "imap",  "pop3",
    "upstream", "remote",   "client",    "destination", "dest", "syslog", "statsd", "sentry", "proxy",
};

// Backing services an application is a client of.
constexpr std::string_view kBackingServiceWords[] = {
    "redis",     "valkey",    "postgres",  "postgresql", "pg",        "mysql",         "mariadb",
    "mongo",     "mongodb",   "kafka",     "rabbitmq",   "amqp",      "elasticsearch", "opensearch",
    "memcached", "memcache",  "cassandra", "ldap",       "zookeeper", "nats",          "mqtt",
    "consul",    "etcd",      "couchdb",   "couchbase",  "neo4j",     "influxdb",      "clickhouse",
    "mssql",     "sqlserver", "eureka",    "zipkin",     "minio",     "cache",
};

// Sections that configure the program's own server: a port there is served even when a
// host name is written beside it.
constexpr std::string_view kServingSectionWords[] = {
    "server",    "http", "https", "web",    "api",      "grpc",    "metrics", "admin",
    "devserver", "dev",  "serve", "listen", "listener", "ingress", "frontend"};

constexpr std::string_view kWildcardHosts[] = {"0.0.0.0", "::", "[::]", "[::0]", "*", "", "+", "0"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool has_word(std::string_view key, const std::string_view* begin, const std::string_view* end) {
  for (const std::string& w : key_words(key)) {
    for (const std::string_view* x = begin; x != end; ++x) {
      if (w == *x) return true;
    }
  }
  return false;
}

std::size_t digit_run(std::string_view s, std::size_t pos) {
  std::size_t n = 0;
  while (pos + n < s.size() && is_digit(s[pos + n])) ++n;
  return n;
}

// One list item: "8080", "8000-8010", "53/udp". False when the item is anything else.
bool read_item(std::string_view s, std::size_t base, std::vector<ValuePort>& out) {
  const std::size_t n = digit_run(s, 0);
  if (n == 0 || n > 6) return false;
  std::vector<ValuePort> found{
      {static_cast<std::uint32_t>(base), static_cast<std::uint32_t>(n), std::nullopt}};
  std::size_t i = n;
  if (i < s.size() && s[i] == '-') {
    const std::size_t m = digit_run(s, i + 1);
    if (m == 0 || m > 6) return false;
    found.push_back({static_cast<std::uint32_t>(base + i + 1), static_cast<std::uint32_t>(m), std::nullopt});
    i += 1 + m;
  }
  if (i < s.size() && s[i] == '/') {
    const auto t = core::parse_transport(s.substr(i + 1));
    if (!t) return false;
    for (ValuePort& p : found) p.transport = t;
    i = s.size();
  }
  if (i != s.size()) return false;
  out.insert(out.end(), found.begin(), found.end());
  return true;
}

std::vector<ValuePort> numbers_at(std::string_view value, std::size_t base, int depth) {
  std::vector<ValuePort> out;
  // Leading and trailing white space are not part of the value.
  std::size_t b = 0;
  std::size_t e = value.size();
  while (b < e && (value[b] == ' ' || value[b] == '\t')) ++b;
  while (e > b && (value[e - 1] == ' ' || value[e - 1] == '\t')) --e;
  const std::string_view v = value.substr(b, e - b);
  base += b;
  if (v.empty()) return out;
  if (v.starts_with("${") && v.ends_with("}")) {
    // ${NAME<op>DEFAULT}: the default is what the program uses when NAME is unset.
    std::size_t i = 2;
    while (i < v.size() - 1 && (std::isalnum(static_cast<unsigned char>(v[i])) || v[i] == '_' || v[i] == '.'))
      ++i;
    if (i == 2 || i >= v.size() - 1 || depth > 4) return out;
    std::size_t d = i;
    if (v.substr(i, 2) == ":-" || v.substr(i, 2) == ":=") {
      d = i + 2;
    } else if (v[i] == ':' || v[i] == '-' || v[i] == '=') {
      d = i + 1;
    } else {
      return out;
    }
    return numbers_at(v.substr(d, v.size() - 1 - d), base + d, depth + 1);
  }
  // A list of items separated by commas and/or spaces.
  std::size_t i = 0;
  while (i < v.size()) {
    std::size_t j = i;
    while (j < v.size() && v[j] != ',' && v[j] != ' ' && v[j] != '\t') ++j;
    if (j > i && !read_item(v.substr(i, j - i), base + i, out)) return {};
    i = j + 1;
  }
  return out;
}

// The number or range that a whole part is; empty when the part is anything else.
std::vector<ValuePort> part_numbers(const ValueField& p) {
  if (p.text.find_first_of(", \t") != std::string_view::npos) return {};
  std::vector<ValuePort> out = port_numbers_in_value(p.text);
  for (ValuePort& v : out) v.offset += p.offset;
  return out;
}

}  // namespace

std::vector<ValuePort> ports_in_connection_string(std::string_view value) {
  std::vector<ValuePort> out;
  if (value.find(';') == std::string_view::npos || value.find('=') == std::string_view::npos) return out;
  std::size_t i = 0;
  while (i <= value.size()) {
    std::size_t end = value.find(';', i);
    if (end == std::string_view::npos) end = value.size();
    const std::string_view segment = value.substr(i, end - i);
    const std::size_t eq = segment.find('=');
    if (eq != std::string_view::npos) {
      const std::string_view key = core::trim(segment.substr(0, eq));
      const auto at = static_cast<std::uint32_t>(i + eq + 1);
      const std::string_view v = segment.substr(eq + 1);
      if (is_port_key(key)) {
        for (ValuePort p : port_numbers_in_value(v)) {
          p.offset += at;
          out.push_back(p);
        }
      } else if (is_address_key(key) || core::iequals(key, "data source")) {
        const std::size_t comma = v.rfind(',');
        if (comma != std::string_view::npos) {  // host,port
          for (ValuePort p : port_numbers_in_value(v.substr(comma + 1))) {
            p.offset += at + static_cast<std::uint32_t>(comma + 1);
            out.push_back(p);
          }
        } else {
          for (const StringPort& p : find_ports_in_text(v, HostMode::kAnyHost)) {
            out.push_back({at + p.offset, p.length, p.transport});
          }
        }
      }
    }
    i = end + 1;
  }
  return out;
}

std::vector<StringPort> ports_in_string_value(std::string_view value, bool address_key) {
  std::vector<StringPort> out =
      find_ports_in_text(value, address_key ? HostMode::kAnyHost : HostMode::kUrlsOnly);
  for (const ValuePort& p : ports_in_connection_string(value)) {
    bool seen = false;
    for (const StringPort& q : out) seen = seen || q.offset == p.offset;
    if (seen) continue;
    StringPort sp;
    sp.offset = p.offset;
    sp.length = p.length;
    sp.value = core::parse_uint(value.substr(p.offset, p.length)).value_or(0);
    sp.transport = p.transport;
    out.push_back(sp);
  }
  std::sort(out.begin(), out.end(),
            [](const StringPort& a, const StringPort& b) { return a.offset < b.offset; });
  return out;
}

std::vector<ValueField> split_colons(std::string_view value) {
  std::vector<ValueField> out;
  int braces = 0;
  int brackets = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '{') ++braces;
    if (c == '}' && braces > 0) --braces;
    if (c == '[') ++brackets;
    if (c == ']' && brackets > 0) --brackets;
    if (c == ':' && braces == 0 && brackets == 0) {
      out.push_back({value.substr(start, i - start), static_cast<std::uint32_t>(start)});
      start = i + 1;
    }
  }
  out.push_back({value.substr(start), static_cast<std::uint32_t>(start)});
  return out;
}

std::vector<MappedPort> ports_in_mapping(std::string_view value) {
  const std::vector<ValueField> parts = split_colons(value);
  if (parts.size() > 3) return {};
  std::size_t first = 0;
  if (parts.size() == 3) {
    if (parts[0].text.empty() || !part_numbers(parts[0]).empty()) return {};  // must be the host ip
    first = 1;
  }
  const std::vector<ValuePort> inner = part_numbers(parts.back());
  if (inner.empty()) return {};
  const std::optional<core::Transport> transport = inner.front().transport;
  std::vector<MappedPort> out;
  for (std::size_t k = first; k + 1 < parts.size(); ++k) {
    const std::vector<ValuePort> outer = part_numbers(parts[k]);
    if (outer.empty()) {
      // "ip::80" and "${HOST_PORT}:80" publish on a port not written here.
      if ((parts[k].text.empty() && parts.size() == 3) || parts[k].text.starts_with('$')) continue;
      return {};
    }
    for (ValuePort v : outer) {
      if (!v.transport) v.transport = transport;
      out.push_back({v, core::Role::kPublish});
    }
  }
  for (const ValuePort& v : inner) out.push_back({v, core::Role::kListen});
  return out;
}

std::vector<ValuePort> port_numbers_in_value(std::string_view value) { return numbers_at(value, 0, 0); }

bool names_destination(std::string_view key) {
  return has_word(key, std::begin(kDestinationWords), std::end(kDestinationWords));
}

bool names_backing_service(std::string_view key) {
  return has_word(key, std::begin(kBackingServiceWords), std::end(kBackingServiceWords));
}

std::optional<core::Role> p_flag_role(std::string_view program) {
  static constexpr std::string_view kServers[] = {
      "flask", "rails", "rackup", "puma", "thin", "unicorn", "shotgun", "daphne", "http-server", "live-server",
      "json-server", "static-server", "light-server", "serve", "ws", "hugo", "zola", "hexo", "middleman",
      "next", "nuxt", "gatsby", "docusaurus", "docsify", "storybook", "start-storybook", "ember", "parcel",
      "lt", "localtunnel", "sshd", "dropbear", "memcached", "mosquitto", "redis-server", "redis-sentinel",
      "nats-server", "gnatsd", "iperf", "iperf3", "httpd", "dnsmasq", "named", "postgres", "postmaster",
      "php-cgi", "spawn-fcgi", "tinyproxy"};
  static constexpr std::string_view kClients[] = {
      "ssh", "autossh", "ssh-keyscan", "ssh-copy-id", "redis-cli", "valkey-cli", "keydb-cli",
      "redis-benchmark", "psql", "pg_isready", "pg_dump", "pg_dumpall", "pg_restore", "pg_basebackup",
      "pgbench", "createdb", "dropdb", "createuser", "dropuser", "vacuumdb", "reindexdb", "clusterdb",
      "dig", "nmap", "hping3", "mosquitto_pub", "mosquitto_sub", "nats", "tsh"};
  if (std::find(std::begin(kServers), std::end(kServers), program) != std::end(kServers)) return core::Role::kListen;
  if (std::find(std::begin(kClients), std::end(kClients), program) != std::end(kClients)) return core::Role::kConnect;
  return std::nullopt;
}

bool p_flag_is_port(std::string_view program) { return p_flag_role(program).has_value(); }

bool is_wildcard_host(std::string_view host) {
  for (std::string_view w : kWildcardHosts) {
    if (host == w) return true;
  }
  return false;
}

core::Role port_role_in_section(std::span<const std::string> path, bool remote_host_nearby) {
  if (path.empty()) return remote_host_nearby ? core::Role::kConnect : core::Role::kListen;
  if (is_listen_key(path.back())) return core::Role::kListen;
  // The section holding the port key, then every section above it, nearest first.
  for (std::size_t k = path.size() - 1; k-- > 0;) {
    if (is_listen_key(path[k])) return core::Role::kListen;
    if (names_destination(path[k]) || names_backing_service(path[k])) return core::Role::kConnect;
    if (k == path.size() - 2 &&
        has_word(path[k], std::begin(kServingSectionWords), std::end(kServingSectionWords))) {
      return core::Role::kListen;
    }
  }
  if (names_destination(path.back()) || names_backing_service(path.back())) return core::Role::kConnect;
  return remote_host_nearby ? core::Role::kConnect : core::Role::kListen;
}

core::Role address_role_in_section(std::span<const std::string> path, bool wildcard_host) {
  if (wildcard_host) return core::Role::kListen;
  if (path.empty()) return core::Role::kConnect;
  if (is_listen_key(path.back())) return core::Role::kListen;
  for (const std::string& w : key_words(path.back())) {
    if (w == "addr" || w == "address") return port_role_in_section(path, true);
  }
  return core::Role::kConnect;
}

}  // namespace portpolicy::extract
