// The one mechanism every format and language uses for ports inside string values:
// URLs with an explicit port, host:port, [v6]:port and bare ":port".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/transport.h"

namespace portpolicy::extract {

/// How much a string's context vouches for host:port forms that are not URLs.
enum class HostMode {
  kUrlsOnly,     ///< only scheme://host:port (e.g. an image name "postgres:15" is no port)
  kKnownHosts,   ///< also localhost, IPv4, [IPv6], *, FQDNs, and a whole-value ":port"
  kAnyHost,      ///< also bare names ("kafka:9093"): the key says it holds an address
};

/// One port found inside a string. `offset` is relative to the string searched.
struct StringPort {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  std::uint64_t value = 0;
  std::optional<core::Transport> transport;  ///< from a udp:// or tcp:// scheme
  bool in_url = false;                        ///< part of scheme://...
  bool wildcard_host = false;                 ///< host is 0.0.0.0, [::], *, + or absent (":8080")
};

/// Every port in `s` under `mode`, in order. Times (12:30), ratios, versions (node:18.2),
/// IPv6 fragments and userinfo (user:1234@host) are not ports. A placeholder host
/// (${HOST}, #{host}, {host}, {{host}}, <HOSTNAME>) counts as a name: in URLs and under kAnyHost.
std::vector<StringPort> find_ports_in_text(std::string_view s, HostMode mode);

/// A key or variable name split into lower-case words (camelCase, snake_case, kebab-case,
/// dotted): "OTEL_COLLECTOR_PORT_GRPC" -> otel, collector, port, grpc.
std::vector<std::string> key_words(std::string_view key);

/// True when a key or variable name says it holds an address (host, addr, url, endpoint,
/// server, broker, bootstrap, listeners, upstream, proxy, dsn, target, backend, voters...).
bool is_address_key(std::string_view key);

/// True when a key or variable name says it holds a port number: "port", "*port",
/// "*_port", "*Port", "PORT_*", "*_PORT_*" (but not "support", "report", "import", ..., nor
/// counts and durations such as "portCount", "num_ports", "PORT_TIMEOUT").
bool is_port_key(std::string_view key);

/// True when a name says its value is a listener address (listen, listeners, bind, serve).
bool is_listen_key(std::string_view key);

}  // namespace portpolicy::extract
