// INI files and line configs: "key = value" (my.cnf, php-fpm, supervisord, uwsgi,
// Grafana, postgresql.conf) and "key value" (redis.conf, haproxy.cfg, squid.conf).
#include <algorithm>
#include <cctype>
#include <span>
#include <string>

#include "core/text.h"
#include "extract/shared/line_settings.h"
#include "extract/formats.h"
#include "extract/shared/hostport.h"
#include "extract/shared/lines.h"

namespace portpolicy::extract {

namespace {

constexpr std::string_view kFormat = "ini";
constexpr std::string_view kComments = "#;";

// Sections whose port keys name a server to talk to ([client] port=3306 in my.cnf, while
// [mysqld] port=3306 is the server's own); names with database or broker words
// ([database], [redis], [smtp]) are read the same way.
constexpr std::string_view kClientSections[] = {"client",      "mysql",         "mysqldump", "mysqladmin",
                                                "mysqlimport", "supervisorctl", "remote",    "upstream"};

// Keys whose value is the address a server binds, though the name does not say "listen"
// (uwsgi "http = :8000", "socket = 127.0.0.1:3031", "stats = :9191").
constexpr std::string_view kListenAddressKeys[] = {"socket",         "http",         "https",
                                                   "http-socket",    "https-socket", "uwsgi-socket",
                                                   "fastcgi-socket", "stats",        "http_addr"};

// "key arg arg ..." settings whose n-th argument is a port (redis "replicaof 10.0.0.1 6379",
// sentinel "sentinel monitor mymaster 127.0.0.1 6379 2").
struct PositionalPort {
  std::string_view key;
  std::string_view first_arg;  // required first argument, or empty
  std::size_t index;           // argument holding the port
  core::Role role;
};
constexpr PositionalPort kPositionalPorts[] = {
    {"replicaof", "", 1, core::Role::kConnect},
    {"slaveof", "", 1, core::Role::kConnect},
    {"sentinel", "monitor", 3, core::Role::kConnect},
    {"sentinel", "announce-port", 1, core::Role::kListen},
};

bool in(std::span<const std::string_view> table, std::string_view word) {
  return std::find_if(table.begin(), table.end(),
                      [&](std::string_view t) { return core::iequals(t, word); }) != table.end();
}

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/' ||
         c == '@';
}

bool is_client_section(std::string_view section) {
  // "[program:web]" and "[mysqld.1]" are read by their first part.
  const std::string_view head = section.substr(0, section.find_first_of(":. "));
  return in(kClientSections, head) || role_for_name(head) == core::Role::kConnect;
}

bool read_positional(const LineSink& sink, std::string_view key, std::size_t pos) {
  const std::vector<Word> args = split_words(sink.line.text().substr(pos), "\"'");
  for (const PositionalPort& p : kPositionalPorts) {
    if (!core::iequals(p.key, key) || args.size() <= p.index) continue;
    if (!p.first_arg.empty() && !core::iequals(args[0].text, p.first_arg)) continue;
    for (const auto& [off, n] : port_numbers(args[p.index].text)) {
      sink.add(pos + args[p.index].pos + off, n, p.role, std::string(key));
    }
    return true;
  }
  return false;
}

void read_line(const LineSink& sink, std::string_view section) {
  const std::string_view text = sink.line.text();
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  const std::size_t key_start = i;
  std::size_t key_end;
  std::size_t value;
  const std::size_t eq = text.find('=');
  const bool spaced_key = eq != std::string_view::npos &&
                          std::all_of(text.begin() + static_cast<std::ptrdiff_t>(key_start),
                                      text.begin() + static_cast<std::ptrdiff_t>(eq),
                                      [](char c) { return is_key_char(c) || c == ' ' || c == '\t'; });
  if (spaced_key) {
    // "key = value", also "Key With Spaces = value"
    key_end = eq;
    while (key_end > key_start && (text[key_end - 1] == ' ' || text[key_end - 1] == '\t')) --key_end;
    value = eq + 1;
  } else {
    while (i < text.size() && is_key_char(text[i])) ++i;
    key_end = i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i < text.size() && (text[i] == ':' || text[i] == '=')) {
      value = i + 1;  // "key: value"
    } else if (i > key_end) {
      value = i;  // "key value" (redis.conf, haproxy.cfg)
    } else {
      return;
    }
  }
  const std::string_view key = text.substr(key_start, key_end - key_start);
  if (key.empty()) return;
  while (value < text.size() && (text[value] == ' ' || text[value] == '\t')) ++value;
  if (value >= text.size()) return;
  if (!spaced_key && read_positional(sink, key, value)) return;
  const std::size_t len = text.size() - value;
  if (in(kListenAddressKeys, key)) {
    add_setting_ports(sink, "listen", value, len);
  } else if (is_port_number_key(key) && is_client_section(section)) {
    add_setting_ports(sink, key, value, len, core::Role::kConnect);
  } else {
    add_setting_ports(sink, key, value, len);
  }
}

}  // namespace

void extract_ini(const ExtractContext& ctx) {
  std::string section;
  for (const Line& line : split_lines(ctx.file.text())) {
    const std::string_view t = core::trim(line.text);
    if (t.empty() || is_comment_line(t, kComments) || t.starts_with("!")) continue;
    if (t.starts_with("[")) {
      const auto close = t.find(']');
      section = std::string(core::trim(t.substr(1, close == std::string_view::npos ? t.npos : close - 1)));
      continue;
    }
    const LogicalLine logical(strip_inline_comment(line.text, kComments), line.start);
    read_line(LineSink{ctx, kFormat, logical}, section);
  }
}

}  // namespace portpolicy::extract
