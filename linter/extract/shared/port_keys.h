// What key names and whole values say about ports: shared by the key/value formats
// (JSON, TOML, .properties, .env) and by command lines.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/port_literal.h"
#include "core/transport.h"
#include "extract/shared/hostport.h"

namespace portpolicy::extract {

/// One port number inside a value. `offset` is relative to the value searched.
struct ValuePort {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  std::optional<core::Transport> transport;  ///< from a "/udp" or "/tcp" suffix
};

/// The port numbers a value holds when its key already says it is a port: "8080", "0",
/// "80,443", "80 443", "8000-8010", "53/udp", and the defaults of "${PORT:-3000}",
/// "${PORT-3000}", "${PORT:=3000}" and Spring's "${PORT:3000}". Empty for anything else
/// ("$PORT", "30s", "8080abc", "1.5").
std::vector<ValuePort> port_numbers_in_value(std::string_view value);

/// One colon-separated field of a value; `offset` is relative to the value.
struct ValueField {
  std::string_view text;
  std::uint32_t offset = 0;
};

/// Splits "a:b:c" on the colons that are outside ${...} and [...] ("[::1]:8080:80" has 3).
std::vector<ValueField> split_colons(std::string_view value);

/// One side of a port mapping.
struct MappedPort {
  ValuePort port;
  core::Role role = core::Role::kListen;
};

/// The ports of a docker-style mapping "[ip:]published:inner[/proto]": "8080:80",
/// "127.0.0.1:5432:5432", "53:53/udp", "9000-9001:9000-9001", "${HOST_PORT}:80"; a lone
/// "80" is the inner side. Published sides are kPublish, the inner side kListen; the
/// transport of the inner side applies to both. Empty when `value` is no mapping.
std::vector<MappedPort> ports_in_mapping(std::string_view value);

/// The ports of a semicolon-separated connection string: "Host=db;Port=5432;Database=app"
/// (any port key), "Server=tcp:sql.example.com,1433;..." (SQL Server's host,port),
/// "Address=redis:6379;...". Empty when `value` is no such string.
std::vector<ValuePort> ports_in_connection_string(std::string_view value);

/// The ports of a string value whose key is no port key: URLs, host:port when the key is
/// an address key (kAnyHost), and connection-string ports, in order and each once.
std::vector<StringPort> ports_in_string_value(std::string_view value, bool address_key);

/// True when a name says it holds the address of something the program talks to rather
/// than serves: db, database, datasource, jdbc, smtp, mail, upstream, remote, client, proxy...
bool names_destination(std::string_view key);

/// True when a name names a backing service that applications connect to (redis, postgres,
/// mysql, mongodb, kafka, rabbitmq, elasticsearch, memcached, ldap...). In an application's
/// settings such a section is a client; in a deployment's variables it may be the service.
bool names_backing_service(std::string_view key);

/// True when `program` (a command's name, its folder left out) is one whose short `-p` flag
/// takes a port: servers (flask, rails, puma, http-server, hugo, sshd, memcached...) and
/// clients (ssh, redis-cli, psql, pg_isready, dig, nmap...). Everywhere else `-p` means
/// something else: parallelism (go test -p 4, make), pipelining (autocannon -p 10),
/// passwords (mysql -p), parents (mkdir -p), processes (strace -p 1), paths, profiles.
bool p_flag_is_port(std::string_view program);

/// The side a p_flag_is_port() program's -p names: listen for servers, connect for clients.
std::optional<core::Role> p_flag_role(std::string_view program);

/// True when a host value means "every interface" ("0.0.0.0", "::", "[::]", "*", "+", ""):
/// a port next to it is served, not dialled.
bool is_wildcard_host(std::string_view host);

/// The role of a port under a nested key (JSON, TOML, YAML settings). `path` holds the keys
/// from the root to the port key itself; `remote_host_nearby` says a sibling key holds a
/// host that is not a wildcard. Listen keys and serving sections (server, http, web, api,
/// metrics, admin...) say listen; client or backing-service sections (database, redis,
/// smtp, upstream...) say connect; so does a remote host beside the port; otherwise listen.
core::Role port_role_in_section(std::span<const std::string> path, bool remote_host_nearby);

/// The role of a port inside an address or URL under a nested key. A wildcard host or a
/// listen key says listen; an "addr"/"address" key says listen in a serving section (as in
/// port_role_in_section); everything else (url, host, endpoint, dsn...) is a destination.
core::Role address_role_in_section(std::span<const std::string> path, bool wildcard_host);

}  // namespace portpolicy::extract
