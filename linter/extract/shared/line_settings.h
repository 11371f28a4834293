// Ports in the pieces the line formats share: command lines (Dockerfile RUN/CMD, systemd
// ExecStart=, supervisord command=), variable assignments (ENV PORT=8080,
// Environment=PORT=8080) and key=value settings, with the key-name tables that decide
// whether a value is a port and on which side of the connection it is.
#pragma once

#include <optional>
#include <string_view>

#include "core/port_literal.h"
#include "extract/shared/extractor.h"
#include "extract/shared/lines.h"

namespace portpolicy::extract {

/// Where a scan writes: the context, the format name and the logical line holding the text.
struct LineSink {
  const ExtractContext& ctx;
  std::string_view format;
  const LogicalLine& line;

  /// Records the port at [pos, pos + len) of the logical line.
  void add(std::size_t pos, std::size_t len, core::Role role, std::string context,
           std::optional<core::Transport> transport = std::nullopt) const;
};

/// True when `key` names a port number and not a measure about one (port_timeout, ...).
bool is_port_number_key(std::string_view key);

/// True when a name speaks of a measure (timeout, retries, size, weight...), never a port.
bool is_measure_name(std::string_view name);

/// The side of a port held by a variable or key named `name`: connect when the name
/// speaks of something the program talks to (DB_PORT, REDIS_HOST, upstream...), else listen.
core::Role role_for_name(std::string_view name);

/// True when the last word of a name says its value is an address (DATABASE_URL, redisHost,
/// bind_addr, ntp_servers), unlike proxy_timeout or proxyCertInfo.
bool holds_address(std::string_view name);

/// True when a name ends in listen/bind: its value is a listen address, and a bare number
/// there is a port ("listen = 9000"; not "listen.mode = 0660").
bool is_listen_address_name(std::string_view name);

/// The host written just before the ':' that precedes a port at `port_pos` of `s`.
std::string_view host_before_port(std::string_view s, std::size_t port_pos);

/// Records the ports of one setting `key` whose value is [pos, pos + len) of the line: a
/// port key takes numbers, ranges and host:port; an address key takes host:port; any
/// other value only URLs and known hosts. `role` overrides the side the key suggests.
void add_setting_ports(const LineSink& sink, std::string_view key, std::size_t pos, std::size_t len,
                       std::optional<core::Role> role = std::nullopt);

/// Records the ports of a command line in [pos, pos + len): port flags (--port 8000,
/// --port=8000, -p 8000), address flags (--bind 0.0.0.0:8000), URLs, known host:port and
/// ${PORT:-8080} defaults. Servers listen; clients (curl, psql, redis-cli...) connect.
/// Some programs are read by their own syntax: netcat (nc -l 8080, nc -zv db 5432), socat
/// addresses (TCP-LISTEN:8080, UDP:host:53), docker/podman -p mappings, ssh -L/-R/-D
/// forwards, kubectl port-forward, firewall rules (iptables --dport, ufw allow 53/udp,
/// firewall-cmd --add-port) and wait-for-it host:port.
void add_command_ports(const LineSink& sink, std::size_t pos, std::size_t len);

/// Records ${NAME:-N} / ${NAME:=N} / ${NAME-N} defaults of port variables in [pos, pos + len);
/// when the text is the value of a port setting `outer` (PORT="${1:-8080}"), of any variable.
void add_default_ports(const LineSink& sink, std::size_t pos, std::size_t len, std::string_view outer = {});

}  // namespace portpolicy::extract
