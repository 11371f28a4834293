#include "registry/suggest.h"

namespace portpolicy::registry {

namespace {
// splitmix64: a fixed, well-mixed hash, so suggestions spread over the range and never
// depend on the standard library's std::hash.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
}  // namespace

std::uint32_t suggest_port(std::uint64_t seed, SuggestionRange range,
                           const std::function<bool(std::uint32_t)>& taken) {
  if (range.last < range.first) return 0;
  const std::uint64_t size = static_cast<std::uint64_t>(range.last) - range.first + 1;
  const std::uint64_t start = mix(seed) % size;
  for (std::uint64_t i = 0; i < size; ++i) {
    const auto port = static_cast<std::uint32_t>(range.first + (start + i) % size);
    if (!taken || !taken(port)) return port;
  }
  return 0;
}

}  // namespace portpolicy::registry
