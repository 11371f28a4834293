#include "core/transport.h"

#include "core/text.h"

namespace portpolicy::core {

std::string_view to_string(Transport t) {
  switch (t) {
    case Transport::kTcp: return "tcp";
    case Transport::kUdp: return "udp";
    case Transport::kSctp: return "sctp";
    case Transport::kDccp: return "dccp";
  }
  return "?";
}

std::optional<Transport> parse_transport(std::string_view s) {
  for (Transport t : kTransports) {
    if (iequals(s, to_string(t))) return t;
  }
  return std::nullopt;
}

}  // namespace portpolicy::core
