#include "registry/classify.h"

#include "core/text.h"

namespace portpolicy::registry {

namespace {

using core::istarts_with;
using core::to_lower;
using core::trim;

// Descriptions that mean "this row was withdrawn", compared on the lower-cased
// description with '-' and ' ' removed so that "De-Registered", "De-registered" and
// "Deregistered" are one word.
constexpr std::string_view kWithdrawnWords[] = {"deregistered", "removed", "deprecated",
                                                "decommissioned", "decomissioned"};

std::string squeeze(std::string_view s) {
  std::string out;
  for (char c : to_lower(s)) {
    if (c != '-' && c != ' ') out.push_back(c);
  }
  return out;
}

bool is_withdrawn(std::string_view description) {
  const std::string s = squeeze(description);
  for (std::string_view w : kWithdrawnWords) {
    if (s.starts_with(w)) return true;
  }
  return false;
}

}  // namespace

Kind classify(std::string_view name, std::string_view description, std::string_view note,
              bool has_assignee) {
  name = trim(name);
  description = trim(description);
  if (is_withdrawn(description)) return Kind::kWithdrawn;
  if (!name.empty()) {
    return to_lower(note).find("alias") != std::string::npos ? Kind::kAlias : Kind::kAssigned;
  }
  if (istarts_with(description, "reserved")) return Kind::kReserved;
  if (istarts_with(description, "unassigned") || istarts_with(description, "(unassigned)")) {
    return Kind::kUnassigned;
  }
  return has_assignee ? Kind::kPrivate : Kind::kUnassigned;
}

}  // namespace portpolicy::registry
