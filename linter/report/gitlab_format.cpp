// --format gitlab: a GitLab Code Quality report (the JSON array the codequality artifact
// holds). Paths are relative to the project root; each fingerprint is the baseline's matching
// key, so an issue keeps its identity when lines move; suppressed findings are left out.
#include <nlohmann/json.hpp>

#include "report/format.h"

namespace portpolicy::report {

namespace {

// Code Quality severities: info, minor, major, critical, blocker.
const char* severity_of(core::Severity s) {
  switch (s) {
    case core::Severity::kError: return "critical";
    case core::Severity::kWarning: return "major";
    case core::Severity::kInfo: return "info";
  }
  return "info";
}

}  // namespace

std::string render_gitlab(const Output& o) {
  using nlohmann::ordered_json;
  const std::string& root = o.root;
  const std::vector<const check::Diagnostic*> diags = reported(o.result);
  const std::vector<std::string> keys = finding_keys(diags, root);
  ordered_json issues = ordered_json::array();
  for (std::size_t i = 0; i < diags.size(); ++i) {
    const check::Diagnostic& d = *diags[i];
    if (d.suppressed) continue;
    std::string path = relative_to(root, d.path);
    if (path.empty()) path = d.path;
    issues.push_back({{"type", "issue"},
                      {"check_name", d.code + " " + d.rule},
                      {"description", d.message},
                      {"categories", ordered_json::array({"Bug Risk"})},
                      {"severity", severity_of(d.severity)},
                      {"fingerprint", keys[i]},
                      {"location", {{"path", path}, {"lines", {{"begin", d.begin.line}, {"end", d.end_pos.line}}}}}});
  }
  return issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace portpolicy::report
