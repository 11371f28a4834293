#include "core/port_literal.h"

namespace portpolicy::core {

namespace {
constexpr std::string_view kRoleNames[] = {"listen", "publish", "connect", "rule"};
}

std::string_view to_string(Role r) { return kRoleNames[static_cast<int>(r)]; }

std::optional<Role> parse_role(std::string_view s) {
  for (int i = 0; i < 4; ++i) {
    if (kRoleNames[i] == s) return static_cast<Role>(i);
  }
  return std::nullopt;
}

}  // namespace portpolicy::core
