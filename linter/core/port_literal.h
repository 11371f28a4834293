// The fact that extractors hand to rules: one port number written literally in a file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/transport.h"

namespace portpolicy::core {

/// What the program or rule does with the port (see shared labeling: listen, publish,
/// connect, rule).
enum class Role : std::uint8_t {
  kListen,   ///< binds, listens, serves or exposes on it
  kPublish,  ///< the host/outside side of a mapping or forward
  kConnect,  ///< a destination the program talks to
  kRule,     ///< a port in a firewall / security-group / network-policy rule
};

/// "listen", "publish", "connect", "rule".
std::string_view to_string(Role r);

/// Parses a role name; nullopt when unknown.
std::optional<Role> parse_role(std::string_view s);

/// One port literal. Offsets are bytes into the file; `end` is one past the last digit.
struct PortLiteral {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::uint64_t value = 0;               ///< as written; may exceed 65535
  Role role = Role::kListen;
  std::optional<Transport> transport;    ///< only where the file says so
  std::string format;                    ///< "compose", "kubernetes", "dockerfile", ...
  std::string context;                   ///< what made it a port: key path or call
  /// For port 0 only (where it decides whether 0 means "any free port"): the host written
  /// right before the port, as in the text: "localhost" in "localhost:0", "" in ":0",
  /// "\"127.0.0.1\"" in ("127.0.0.1", 0), "bindAddr" in (bindAddr, 0). nullopt when nothing
  /// stands there (port=0, listen(0)).
  std::optional<std::string> host;
  /// Written in test code inside a file that is not test code as a whole: a Rust
  /// #[cfg(test)] module or #[test] function.
  bool in_test_scope = false;
};

/// The host written right before the port at byte `start` of `text` (see PortLiteral::host):
/// the host of host:port (brackets of [v6] kept), or the argument before it in a call or a
/// tuple ("127.0.0.1", 0) / (bindAddr, 0) / ([127, 0, 0, 1], 0). Reads the same line only.
std::optional<std::string> host_before_port(std::string_view text, std::uint32_t start);


}  // namespace portpolicy::core
