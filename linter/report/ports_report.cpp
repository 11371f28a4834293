#include "report/ports_report.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include "core/text.h"
#include <set>

namespace portpolicy::report {

namespace {

std::string value_text(const scan::PortFinding& f) {
  std::string s = std::to_string(f.literal.value);
  if (f.literal.transport) {
    s += '/';
    s += core::to_string(*f.literal.transport);
  }
  return s;
}

std::string location(const scan::PortFinding& f) {
  return fmt::format("{}:{}:{}", core::printable(f.path), f.begin.line, f.begin.column);
}

std::string summary(const scan::ScanResult& r) {
  std::string s = fmt::format("{} {} in {} {}", r.ports.size(), r.ports.size() == 1 ? "port" : "ports",
                              r.files_scanned, r.files_scanned == 1 ? "file" : "files");
  if (!r.skipped.empty()) s += fmt::format(", {} skipped", r.skipped.size());
  std::set<std::string> partial;
  for (const scan::FileProblem& p : r.problems) partial.insert(p.path);
  if (!partial.empty()) s += fmt::format(", {} {} not read whole", partial.size(), partial.size() == 1 ? "file" : "files");
  return s + "\n";
}

}  // namespace

std::string ports_text(const scan::ScanResult& result) {
  std::string out;
  for (const scan::PortFinding& f : result.ports) {
    out += fmt::format("{}: {} {} ({}: {})\n", location(f), value_text(f), core::to_string(f.literal.role),
                       f.literal.format, f.literal.context);
  }
  for (const discover::Skipped& s : result.skipped) out += fmt::format("{}: skipped: {}\n", core::printable(s.path), s.reason);
  for (const scan::FileProblem& p : result.problems) {
    out += fmt::format("{}:{}:{}: {}: {}\n", core::printable(p.path), p.at.line, p.at.column, p.kind, p.message);
  }
  return out + summary(result);
}

std::string ports_grouped(const scan::ScanResult& result) {
  std::map<std::uint64_t, std::vector<const scan::PortFinding*>> by_value;
  for (const scan::PortFinding& f : result.ports) by_value[f.literal.value].push_back(&f);
  std::string out;
  for (const auto& [value, list] : by_value) {
    std::set<std::string> roles;
    for (const auto* f : list) roles.insert(std::string(core::to_string(f->literal.role)));
    std::string role_list;
    for (const auto& r : roles) role_list += (role_list.empty() ? "" : ", ") + r;
    out += fmt::format("{}  ({}, {} {})\n", value, role_list, list.size(), list.size() == 1 ? "use" : "uses");
    for (const auto* f : list) {
      out += fmt::format("  {}  {}", location(*f), core::to_string(f->literal.role));
      if (f->literal.transport) {
        out += '/';
        out += core::to_string(*f->literal.transport);
      }
      out += fmt::format("  {}\n", f->literal.context);
    }
  }
  return out + summary(result);
}

std::string ports_json(const scan::ScanResult& result) {
  using nlohmann::ordered_json;
  ordered_json ports = ordered_json::array();
  for (const scan::PortFinding& f : result.ports) {
    ports.push_back({{"path", f.path},
                     {"line", f.begin.line},
                     {"column", f.begin.column},
                     {"end_line", f.end.line},
                     {"end_column", f.end.column},
                     {"value", f.literal.value},
                     {"role", core::to_string(f.literal.role)},
                     {"transport", f.literal.transport ? ordered_json(std::string(core::to_string(*f.literal.transport)))
                                                       : ordered_json(nullptr)},
                     {"format", f.literal.format},
                     {"context", f.literal.context}});
  }
  ordered_json skipped = ordered_json::array();
  for (const discover::Skipped& s : result.skipped) skipped.push_back({{"path", s.path}, {"reason", s.reason}});
  ordered_json doc;
  doc["ports"] = ports;
  doc["files_scanned"] = result.files_scanned;
  doc["files_skipped"] = skipped;
  ordered_json problems = ordered_json::array();
  for (const scan::FileProblem& p : result.problems) {
    problems.push_back({{"path", p.path}, {"line", p.at.line}, {"column", p.at.column}, {"kind", p.kind},
                        {"message", p.message}});
  }
  doc["problems"] = problems;
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace portpolicy::report
