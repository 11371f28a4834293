#include <algorithm>

#include "core/text.h"
#include "rules/rule.h"

namespace portpolicy::rules {

#define PP_RULE(code, var) extern const Rule var;
#include "rules/rules.def"
#undef PP_RULE

namespace {
const std::vector<Rule>& table() {
  static const std::vector<Rule> t = {
#define PP_RULE(code, var) var,
#include "rules/rules.def"
#undef PP_RULE
  };
  return t;
}
}  // namespace

std::span<const Rule> all_rules() { return table(); }

const Rule* find_rule(std::string_view code_or_name) {
  for (const Rule& r : table()) {
    if (core::iequals(r.info->code, code_or_name) || core::iequals(r.info->name, code_or_name)) return &r;
  }
  return nullptr;
}

std::vector<core::Transport> judged_transports(const scan::PortFinding& f) {
  if (f.literal.transport) return {*f.literal.transport};
  return {core::Transport::kTcp, core::Transport::kUdp};
}

std::vector<core::Transport> affected_transports(const registry::Registry& reg, const scan::PortFinding& f,
                                                registry::Status status) {
  std::vector<core::Transport> hit;
  if (f.literal.value > registry::kMaxPort) return hit;
  const auto port = static_cast<std::uint32_t>(f.literal.value);
  const std::vector<core::Transport> judged = judged_transports(f);
  for (core::Transport t : judged) {
    const registry::Status s = reg.status(port, t);
    // A port left to the file's guess is taken by the service that holds it over either
    // transport: redis's 6379/tcp does not make 6379 "reserved" because 6379/udp is.
    if (!f.literal.transport && s == registry::Status::kAssigned) return {};
    if (s == status) hit.push_back(t);
  }
  return hit;
}

std::string port_label(std::uint64_t value, const std::vector<core::Transport>& transports) {
  std::string s = std::to_string(value);
  for (std::size_t i = 0; i < transports.size(); ++i) {
    s += i == 0 ? '/' : '+';
    s += core::to_string(transports[i]);
  }
  return s;
}

std::string row_summary(const std::vector<const registry::Record*>& rows) {
  if (rows.empty()) return "no registry row";
  const registry::Record& r = *rows.front();
  std::string s = r.first == r.last ? std::to_string(r.first) : std::to_string(r.first) + "-" + std::to_string(r.last);
  for (std::string_view ref : core::split(r.references, ' ')) {
    if (ref.starts_with("rfc:rfc")) s += ", RFC " + std::string(ref.substr(7));
  }
  return s;
}

}  // namespace portpolicy::rules
