// The registry's data model: one Record per IANA row that carries a port number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/transport.h"

namespace portpolicy::registry {

/// What one registry row says, after classification (see classify.h for the rules).
enum class Kind : std::uint8_t {
  kAssigned,    ///< a service name holds the port
  kAlias,       ///< a service name that IANA marks as an alias of another
  kPrivate,     ///< no service name, but an assignee ("any private mail system")
  kReserved,    ///< IANA holds the port back
  kUnassigned,  ///< free for assignment
  kWithdrawn,   ///< once assigned, then de-registered/removed/deprecated: free again
};

/// The status of one (port, transport) pair, which is what rules judge.
enum class Status : std::uint8_t {
  kAssigned,    ///< at least one Assigned/Alias/Private row covers it
  kReserved,    ///< a Reserved row covers it and no assignment does
  kUnassigned,  ///< 0-49151 with no assignment or reservation
  kDynamic,     ///< 49152-65535: the Dynamic/Private range, never assigned
  kInvalid,     ///< outside 0-65535
};

/// Stable lower-case names used in the table, JSON and text output.
std::string_view to_string(Kind k);
std::string_view to_string(Status s);
std::optional<Kind> parse_kind(std::string_view s);

/// The Status a row of this Kind gives the ports it covers.
Status status_of(Kind k);

/// One row as read from IANA's XML or CSV, before classification. Text is already folded
/// to single spaces.
struct RawRecord {
  std::string number;       ///< "80" or "249-255"; empty for name-only rows
  std::string protocol;     ///< "tcp", "udp", "sctp", "dccp", or empty (= every transport)
  std::string name;         ///< service name; empty for Reserved/Unassigned rows
  std::string description;
  std::string note;
  std::string references;   ///< space-separated "type:data" items (rfc:rfc6335 person:Jon_Postel)
  std::string registered;   ///< registration date, if any
  std::string updated;      ///< the row's updated date, if any
  bool has_assignee = false;  ///< an assignee or person reference is named
};

/// One classified row of the compact table. The views point into the Registry's own text.
struct Record {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  core::TransportSet transports = core::kAllTransports;
  Kind kind = Kind::kUnassigned;
  std::string_view name;
  std::string_view description;
  std::string_view note;
  std::string_view references;
  std::string_view registered;
  std::string_view updated;

  /// True when the row covers `port` over transport `t`.
  bool covers(std::uint32_t port, core::Transport t) const {
    return port >= first && port <= last && (transports & core::bit(t)) != 0;
  }
};

}  // namespace portpolicy::registry
