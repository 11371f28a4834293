// A team's port policy (the `policy` section of .portpolicy.yaml), as the policy-port rule
// reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace portpolicy::core {

/// An inclusive range of port numbers.
struct PortSpan {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  bool contains(std::uint64_t p) const { return p >= first && p <= last; }
};

/// The team policy.
struct Policy {
  std::vector<PortSpan> allow;           ///< when set, only these ports may be used
  std::vector<PortSpan> deny;            ///< these ports must never be used
  std::optional<PortSpan> listen_range;  ///< listen ports must lie in it
};

}  // namespace portpolicy::core
