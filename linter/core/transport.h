// Transport protocols of the IANA port registry, as bit flags.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace portpolicy::core {

/// One transport protocol; values are bits so that sets fit in a TransportSet.
enum class Transport : std::uint8_t { kTcp = 1, kUdp = 2, kSctp = 4, kDccp = 8 };

/// A set of transports (bitwise OR of Transport values).
using TransportSet = std::uint8_t;

inline constexpr TransportSet kAllTransports = 0x0f;
inline constexpr Transport kTransports[] = {Transport::kTcp, Transport::kUdp, Transport::kSctp,
                                            Transport::kDccp};

/// The bit of `t` in a TransportSet.
constexpr TransportSet bit(Transport t) { return static_cast<TransportSet>(t); }

/// Lower-case registry name ("tcp", "udp", "sctp", "dccp").
std::string_view to_string(Transport t);

/// Parses a transport name, case-insensitively; nullopt when it is none of the four.
std::optional<Transport> parse_transport(std::string_view s);

}  // namespace portpolicy::core
