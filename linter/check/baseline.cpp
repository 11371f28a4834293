#include "check/baseline.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "core/text.h"

namespace portpolicy::check {

namespace {

// "./a/b" and "a/b" name one file: a run on "." and a run on "a" should agree.
std::string_view match_path(std::string_view p) {
  while (p.starts_with("./")) {
    p.remove_prefix(2);
    while (p.starts_with('/')) p.remove_prefix(1);
  }
  return p;
}

using Key = std::tuple<std::string, std::string, std::uint64_t, std::string>;

Key key_of(std::string_view path, const std::string& code, std::uint64_t value,
           const std::string& fingerprint) {
  return {std::string(match_path(path)), code, value, fingerprint};
}

bool recorded(const Diagnostic& d) { return !d.suppressed || d.suppressed_by == "baseline"; }

[[noreturn]] void invalid(const std::string& path, const std::string& why) {
  throw BaselineError(fmt::format("{}: not a valid portpolicy baseline: {}", path, why));
}

}  // namespace

std::string line_fingerprint(std::string_view line) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : core::trim(line)) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", h);
}

std::string match_key(std::string_view path, const Diagnostic& d) {
  std::string key(match_path(path));
  for (const std::string& part : {d.code, std::to_string(d.value), d.fingerprint}) {
    key += '\0';
    key += part;
  }
  return key;
}

std::vector<BaselineEntry> make_baseline(const std::vector<Diagnostic>& diags) {
  std::vector<BaselineEntry> out;
  std::map<Key, std::uint32_t> seen;
  for (const Diagnostic& d : diags) {
    if (!recorded(d)) continue;
    const std::uint32_t n = seen[key_of(d.path, d.code, d.value, d.fingerprint)]++;
    out.push_back({d.path, d.code, d.rule, d.value, d.fingerprint, n});
  }
  std::sort(out.begin(), out.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
    return std::tie(a.path, a.code, a.value, a.fingerprint, a.occurrence) <
           std::tie(b.path, b.code, b.value, b.fingerprint, b.occurrence);
  });
  return out;
}

std::string baseline_json(const std::vector<BaselineEntry>& entries) {
  using nlohmann::ordered_json;
  ordered_json findings = ordered_json::array();
  for (const BaselineEntry& e : entries) {
    ordered_json f;
    f["path"] = e.path;
    f["code"] = e.code;
    f["rule"] = e.rule;
    f["value"] = e.value;
    f["fingerprint"] = e.fingerprint;
    f["occurrence"] = e.occurrence;
    findings.push_back(std::move(f));
  }
  ordered_json doc;
  doc["version"] = kBaselineVersion;
  doc["findings"] = std::move(findings);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::vector<BaselineEntry> parse_baseline(std::string_view text, const std::string& path) {
  using nlohmann::json;
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    invalid(path, std::string("JSON error: ") + e.what());
  }
  if (!doc.is_object()) invalid(path, "expected a JSON object with \"version\" and \"findings\"");
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer()) invalid(path, "missing \"version\"");
  if (version->get<long long>() != kBaselineVersion) {
    invalid(path, fmt::format("version {} is not supported (this portpolicy reads version {})",
                              version->get<long long>(), kBaselineVersion));
  }
  const auto findings = doc.find("findings");
  if (findings == doc.end() || !findings->is_array()) invalid(path, "missing \"findings\" list");
  std::vector<BaselineEntry> out;
  for (std::size_t i = 0; i < findings->size(); ++i) {
    const json& f = (*findings)[i];
    const std::string where = fmt::format("findings[{}]", i);
    if (!f.is_object()) invalid(path, where + " is not an object");
    auto str = [&](const char* name) {
      const auto it = f.find(name);
      if (it == f.end() || !it->is_string())
        invalid(path, fmt::format("{}.{} must be a string", where, name));
      return it->get<std::string>();
    };
    auto num = [&](const char* name) {
      const auto it = f.find(name);
      if (it == f.end() || !it->is_number_unsigned()) {
        invalid(path, fmt::format("{}.{} must be a number", where, name));
      }
      return it->get<std::uint64_t>();
    };
    BaselineEntry e;
    e.path = str("path");
    e.code = str("code");
    e.rule = f.contains("rule") && f["rule"].is_string() ? f["rule"].get<std::string>() : std::string();
    e.value = num("value");
    e.fingerprint = str("fingerprint");
    const std::uint64_t occ = num("occurrence");
    if (occ > UINT32_MAX) invalid(path, where + ".occurrence is out of range");
    e.occurrence = static_cast<std::uint32_t>(occ);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<BaselineEntry> load_baseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BaselineError(fmt::format("{}: cannot read the baseline: {}", path, std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw BaselineError(fmt::format("{}: cannot read the baseline", path));
  return parse_baseline(ss.str(), path);
}

std::size_t write_baseline(const std::string& path, const std::vector<Diagnostic>& diags) {
  const std::vector<BaselineEntry> entries = make_baseline(diags);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw BaselineError(fmt::format("{}: cannot write the baseline: {}", path, std::strerror(errno)));
  out << baseline_json(entries);
  out.close();
  if (!out) throw BaselineError(fmt::format("{}: cannot write the baseline", path));
  return entries.size();
}

std::size_t apply_baseline(std::vector<Diagnostic>& diags, const std::vector<BaselineEntry>& entries) {
  std::map<Key, std::uint32_t> budget;
  for (const BaselineEntry& e : entries) ++budget[key_of(e.path, e.code, e.value, e.fingerprint)];
  std::size_t matched = 0;
  for (Diagnostic& d : diags) {
    if (d.suppressed) continue;
    const auto it = budget.find(key_of(d.path, d.code, d.value, d.fingerprint));
    if (it == budget.end() || it->second == 0) continue;
    --it->second;
    d.suppressed = true;
    d.suppressed_by = "baseline";
    ++matched;
  }
  return matched;
}

}  // namespace portpolicy::check
