// How bad a finding is: what rules default to, the configuration sets and --fail-on compares.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace portpolicy::core {

/// How bad a finding is; --fail-on picks the threshold.
enum class Severity : std::uint8_t { kInfo, kWarning, kError };

/// "info", "warning", "error".
std::string_view to_string(Severity s);

/// Parses a severity name; nullopt when unknown.
std::optional<Severity> parse_severity(std::string_view s);

}  // namespace portpolicy::core
