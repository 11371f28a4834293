// Suggesting replacement ports in the Dynamic/Private range.
#pragma once

#include <cstdint>
#include <functional>

namespace portpolicy::registry {

/// A range that suggestions are drawn from (default: RFC 6335 Dynamic/Private).
struct SuggestionRange {
  std::uint32_t first = 49152;
  std::uint32_t last = 65535;
};

/// A port in `range` picked by a hash of `seed`, the same for the same seed on every run.
/// Ports for which `taken` answers true are skipped (probing upward, wrapping around);
/// returns 0 only if every port in the range is taken.
std::uint32_t suggest_port(std::uint64_t seed, SuggestionRange range,
                           const std::function<bool(std::uint32_t)>& taken = {});

}  // namespace portpolicy::registry
