// `portpolicy explain`: what the registry says about a port, and what to do about it.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/transport.h"
#include "registry/registry.h"

namespace portpolicy::explain {

/// A query that cannot be understood ("abc", "80/foo", "-1"); the message says why.
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One port to explain, as resolved from a query.
struct Target {
  std::string query;                          ///< the argument as written
  std::uint32_t port = 0;                     ///< may exceed 65535 (explained as invalid)
  std::optional<core::Transport> transport;   ///< from "53/udp"; nullopt = every transport
};

/// The most ports one range argument may expand to.
inline constexpr std::uint32_t kMaxRangePorts = 1024;

/// Resolves one argument ("80", "53/udp", "249-255", "ssh", "domain/udp") into targets.
/// Throws QueryError for what cannot be parsed.
std::vector<Target> resolve(std::string_view query, const registry::Registry& reg);

/// The verdict on one port, worst first in severity order.
enum class Verdict { kFine, kUnassignedSystem, kReserved, kInvalid };

/// Stable name of a verdict ("fine", "unassigned-system-port", "reserved", "invalid").
std::string_view to_string(Verdict v);

/// What the registry says about one port over one transport.
struct TransportFacts {
  core::Transport transport;
  registry::Status status;
  std::vector<const registry::Record*> records;
};

/// Everything `explain` prints for one target.
struct Explanation {
  Target target;
  const registry::PortRange* range = nullptr;  ///< nullptr when outside 0-65535
  std::vector<TransportFacts> transports;      ///< the asked transport, or all four
  Verdict verdict = Verdict::kFine;
  std::vector<core::Transport> judged;         ///< transports the verdict weighed
  std::string reason;                          ///< one sentence behind the verdict
  std::optional<std::uint32_t> suggestion;     ///< a Dynamic/Private port, when not fine
};

/// Explains one target against `reg`.
Explanation explain(const Target& target, const registry::Registry& reg);

/// Human-readable text for a list of explanations.
std::string render_text(const std::vector<Explanation>& items, const registry::Registry& reg);

/// One JSON document (pretty-printed, stable key order) for a list of explanations.
std::string render_json(const std::vector<Explanation>& items, const registry::Registry& reg);

}  // namespace portpolicy::explain
