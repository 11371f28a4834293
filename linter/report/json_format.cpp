// --format json: the stable, documented machine format (docs/check-output.md).
#include <nlohmann/json.hpp>

#include "report/format.h"

namespace portpolicy::report {

std::string render_json(const Output& o) {
  const check::CheckResult& r = o.result;
  const std::string& registry_date = o.registry.meta().updated;
  using nlohmann::ordered_json;
  ordered_json findings = ordered_json::array();
  for (const auto& d : r.diagnostics) {
    ordered_json f;
    f["path"] = d.path;
    f["line"] = d.begin.line;
    f["column"] = d.begin.column;
    f["end_line"] = d.end_pos.line;
    f["end_column"] = d.end_pos.column;
    f["value"] = d.file_level ? ordered_json(nullptr) : ordered_json(d.value);
    f["transport"] = d.transport ? ordered_json(std::string(core::to_string(*d.transport))) : ordered_json(nullptr);
    f["rule"] = d.rule;
    f["code"] = d.code;
    f["severity"] = core::to_string(d.severity);
    f["message"] = d.message;
    f["suggestion"] = d.suggestion ? ordered_json(*d.suggestion) : ordered_json(nullptr);
    f["test_code"] = d.test_code;
    f["suppressed"] = d.suppressed;
    if (d.suppressed) f["suppressed_by"] = d.suppressed_by;
    if (!d.suppression_note.empty()) f["suppression_note"] = d.suppression_note;
    findings.push_back(std::move(f));
  }
  const Counts c = count(r);
  ordered_json skipped = ordered_json::array();
  for (const auto& s : r.scan.skipped) skipped.push_back({{"path", s.path}, {"reason", s.reason}});
  ordered_json unused = ordered_json::array();
  for (const auto& d : r.unused_ignores) {
    unused.push_back({{"path", d.path}, {"line", d.begin.line}, {"column", d.begin.column}, {"message", d.message}});
  }
  ordered_json doc;
  doc["findings"] = findings;
  doc["summary"] = {{"files_scanned", r.scan.files_scanned},
                    {"findings", c.total()},
                    {"errors", c.error},
                    {"warnings", c.warning},
                    {"infos", c.info},
                    {"suppressed", c.suppressed},
                    {"files_skipped", skipped},
                    {"unused_ignores", unused},
                    {"registry_updated", registry_date},
                    {"config_files", r.config_files}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace portpolicy::report
