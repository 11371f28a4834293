// --format sarif: SARIF 2.1.0 (OASIS), the format code scanning dashboards read (GitHub,
// GitLab, Azure DevOps, Visual Studio). One run; every rule that can fire is described in
// tool.driver.rules; suppressed findings are results with suppressions, not left out.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "check/suppress.h"
#include "core/source_file.h"
#include "report/format.h"
#include "rules/rule.h"
#include "version.h"

namespace portpolicy::report {

namespace {

using nlohmann::ordered_json;

// GitHub code scanning reads at most this many results of a run.
constexpr std::size_t kMaxResults = 25000;

const char* level_of(core::Severity s) {
  switch (s) {
    case core::Severity::kError: return "error";
    case core::Severity::kWarning: return "warning";
    case core::Severity::kInfo: return "note";
  }
  return "none";
}

// A path as an RFC 3986 URI reference: every byte but those a path segment may hold as they
// are (unreserved, sub-delims, '@') and '/' percent-encoded; ':' too, which would read as a scheme.
std::string uri_escape(std::string_view s) {
  static constexpr std::string_view kKept = "-._~!$&'()*+,;=@/";
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || kKept.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

// The first paragraph of a rule's "What it does", on one line.
std::string first_paragraph(std::string_view doc) {
  const std::string_view head = "## What it does\n";
  std::size_t at = doc.find(head);
  at = at == std::string_view::npos ? 0 : at + head.size();
  std::size_t end = doc.find("\n\n", at);
  if (end == std::string_view::npos) end = doc.size();
  std::string out;
  for (char c : doc.substr(at, end - at)) out += c == '\n' ? ' ' : c;
  return out;
}

ordered_json rule_of(const rules::RuleInfo& i) {
  const std::string doc(i.doc);
  return {{"id", std::string(i.code)},
          {"name", std::string(i.name)},
          {"shortDescription", {{"text", std::string(i.summary)}}},
          {"fullDescription", {{"text", first_paragraph(i.doc)}}},
          {"help", {{"text", doc}, {"markdown", doc}}},
          {"defaultConfiguration", {{"enabled", i.enabled_by_default}, {"level", level_of(i.severity)}}}};
}

// Byte columns to UTF-16 code units (SARIF's default column kind), from the file as scanned.
class Columns {
 public:
  explicit Columns(const check::CheckResult& r) : r_(r) {}

  std::uint32_t utf16(const std::string& path, core::LineCol at) {
    auto it = files_.find(path);
    if (it == files_.end()) {
      std::optional<std::string> text = scan::read_unchanged(r_.scan, path);
      it = files_.emplace(path, text ? std::optional<core::SourceFile>(core::SourceFile(path, std::move(*text)))
                                     : std::nullopt)
               .first;
    }
    if (!it->second) return at.column;
    const std::string_view line = it->second->line_text(at.line);
    std::uint32_t units = 1;
    for (std::size_t i = 0; i + 1 < at.column && i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      if ((c & 0xC0) == 0x80) continue;  // a continuation byte: counted with its lead
      units += (c & 0xF8) == 0xF0 ? 2 : 1;
    }
    // Past the end of the line (the end of a literal that closes it): bytes beyond count one each.
    if (at.column > line.size() + 1) units += at.column - 1 - static_cast<std::uint32_t>(line.size());
    return units;
  }

 private:
  const check::CheckResult& r_;
  std::map<std::string, std::optional<core::SourceFile>> files_;
};

}  // namespace

std::string render_sarif(const Output& o) {
  const check::CheckResult& r = o.result;
  const std::string& root = o.root;

  ordered_json rules = ordered_json::array();
  std::map<std::string, std::size_t> rule_index;
  auto add_rule = [&](const rules::RuleInfo& i) {
    rule_index[std::string(i.code)] = rules.size();
    rules.push_back(rule_of(i));
  };
  for (const rules::Rule& rule : rules::all_rules()) add_rule(*rule.info);
  for (const rules::RuleInfo* i : check::tool_rules()) add_rule(*i);

  auto artifact = [&](const std::string& path) {
    const std::string rel = relative_to(root, path);
    if (!rel.empty()) return ordered_json{{"uri", uri_escape(rel)}, {"uriBaseId", "SRCROOT"}};
    std::error_code ec;
    return ordered_json{{"uri", "file://" + uri_escape(std::filesystem::absolute(path, ec).lexically_normal().generic_string())}};
  };

  std::vector<const check::Diagnostic*> diags = reported(r);
  const std::vector<std::string> keys = finding_keys(diags, root);
  // Over GitHub's limit, the most severe findings are kept (in their sorted order).
  std::vector<std::size_t> kept(diags.size());
  for (std::size_t i = 0; i < kept.size(); ++i) kept[i] = i;
  if (kept.size() > kMaxResults) {
    std::stable_sort(kept.begin(), kept.end(), [&](std::size_t a, std::size_t b) {
      return diags[a]->severity > diags[b]->severity;
    });
    kept.resize(kMaxResults);
    std::sort(kept.begin(), kept.end());
  }

  Columns columns(r);
  ordered_json results = ordered_json::array();
  for (std::size_t k : kept) {
    const check::Diagnostic& d = *diags[k];
    const ordered_json region = {{"startLine", d.begin.line},
                                 {"startColumn", columns.utf16(d.path, d.begin)},
                                 {"endLine", d.end_pos.line},
                                 {"endColumn", columns.utf16(d.path, d.end_pos)}};
    ordered_json res;
    res["ruleId"] = d.code;
    if (const auto it = rule_index.find(d.code); it != rule_index.end()) res["ruleIndex"] = it->second;
    res["level"] = level_of(d.severity);
    res["message"] = {{"text", d.message}};
    res["locations"] = ordered_json::array({{{"physicalLocation", {{"artifactLocation", artifact(d.path)}, {"region", region}}}}});
    res["partialFingerprints"] = {{"portpolicyFinding/v1", keys[k]}};
    if (d.suggestion && !d.file_level) {
      const std::string port = std::to_string(*d.suggestion);
      res["fixes"] = ordered_json::array(
          {{{"description", {{"text", "Use port " + port}}},
            {"artifactChanges",
             ordered_json::array({{{"artifactLocation", artifact(d.path)},
                                   {"replacements", ordered_json::array({{{"deletedRegion", region},
                                                                          {"insertedContent", {{"text", port}}}}})}}})}}});
    }
    if (d.suppressed) {
      ordered_json s = {{"kind", d.suppressed_by == "baseline" ? "external" : "inSource"}, {"status", "accepted"}};
      std::string why = d.suppression_note;
      if (why.empty()) why = d.suppressed_by == "baseline" ? "recorded in the baseline" : "portpolicy: ignore comment";
      s["justification"] = why;
      res["suppressions"] = ordered_json::array({s});
    }
    ordered_json props = {{"testCode", d.test_code}};
    if (!d.file_level) props["port"] = d.value;
    res["properties"] = props;
    results.push_back(std::move(res));
  }

  ordered_json notifications = ordered_json::array();
  for (const auto& s : r.scan.skipped) {
    notifications.push_back({{"level", "note"},
                             {"message", {{"text", "not scanned: " + s.reason}}},
                             {"locations", ordered_json::array({{{"physicalLocation", {{"artifactLocation", artifact(s.path)}}}}})}});
  }
  if (kept.size() < diags.size()) {
    notifications.push_back(
        {{"level", "warning"},
         {"message", {{"text", fmt::format("{} of {} results left out: code scanning reads at most {} per run",
                                           diags.size() - kept.size(), diags.size(), kMaxResults)}}}});
  }
  ordered_json invocation = {{"executionSuccessful", true}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;

  std::error_code ec;
  std::string root_uri = "file://" + uri_escape(std::filesystem::path(root).generic_string());
  if (!root_uri.ends_with('/')) root_uri += '/';

  ordered_json run;
  run["tool"] = {{"driver",
                  {{"name", "portpolicy"},
                   {"version", kVersion},
                   {"semanticVersion", kVersion},
                   {"rules", rules},
                   {"properties", {{"registryUpdated", o.registry.meta().updated}}}}}};
  run["originalUriBaseIds"] = {{"SRCROOT", {{"uri", root_uri}}}};
  run["invocations"] = ordered_json::array({invocation});
  run["columnKind"] = "utf16CodeUnits";
  run["results"] = results;

  ordered_json doc;
  doc["$schema"] = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = ordered_json::array({run});
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace portpolicy::report
