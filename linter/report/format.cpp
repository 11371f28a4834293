#include "report/format.h"

#include <fmt/format.h>

#include <filesystem>
#include <map>

#include "check/baseline.h"
#include "core/source_file.h"
#include "core/text.h"

namespace portpolicy::report {

namespace {
constexpr CheckFormat kFormats[] = {
#define PP_FORMAT(name, summary, fn) {#name, summary, &fn},
#include "report/formats.def"
#undef PP_FORMAT
};
}  // namespace

std::span<const CheckFormat> check_formats() { return kFormats; }

const CheckFormat* find_check_format(std::string_view name) {
  for (const CheckFormat& f : kFormats) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Counts count(const check::CheckResult& r) {
  Counts c;
  for (const auto& d : r.diagnostics) {
    if (d.suppressed) {
      ++c.suppressed;
      continue;
    }
    switch (d.severity) {
      case core::Severity::kError: ++c.error; break;
      case core::Severity::kWarning: ++c.warning; break;
      case core::Severity::kInfo: ++c.info; break;
    }
  }
  return c;
}

std::vector<const check::Diagnostic*> reported(const check::CheckResult& r) {
  std::vector<const check::Diagnostic*> out;
  out.reserve(r.diagnostics.size() + r.unused_ignores.size());
  for (const auto& d : r.diagnostics) out.push_back(&d);
  for (const auto& d : r.unused_ignores) out.push_back(&d);
  return out;
}

std::vector<std::string> finding_keys(const std::vector<const check::Diagnostic*>& diags, const std::string& root) {
  std::vector<std::string> keys;
  std::map<std::string, std::uint32_t> seen;
  for (const check::Diagnostic* d : diags) {
    const std::string rel = relative_to(root, d->path);
    std::string key = check::match_key(rel.empty() ? d->path : rel, *d);
    const std::uint32_t n = seen[key]++;
    key += '\0';
    key += std::to_string(n);
    keys.push_back(fmt::format("{:016x}", core::digest(key)));
  }
  return keys;
}

std::string source_line(const check::CheckResult& r, const std::string& path, std::uint32_t line) {
  std::optional<std::string> text = scan::read_unchanged(r.scan, path);
  if (!text) return {};
  core::SourceFile f(path, std::move(*text));
  return std::string(f.line_text(line));
}

std::string project_root() {
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (ec) return ".";
  for (std::filesystem::path p = cwd; !p.empty(); p = p.parent_path()) {
    if (std::filesystem::exists(p / ".git", ec)) return p.string();
    if (p == p.parent_path()) break;
  }
  return cwd.string();
}

std::string relative_to(const std::string& root, const std::string& path) {
  std::error_code ec;
  const std::filesystem::path abs = std::filesystem::absolute(path, ec).lexically_normal();
  if (ec) return {};
  const std::filesystem::path rel = abs.lexically_relative(std::filesystem::path(root).lexically_normal());
  if (rel.empty() || *rel.begin() == "..") return {};
  return rel.generic_string();
}

std::string xml_safe(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 && c != '\t' && c != '\n' && c != '\r') ? '?' : c;
  }
  return out;
}

std::string headline(const check::Diagnostic& d) {
  return fmt::format("{}:{}:{}: {}: {} [{} {}]", core::printable(d.path), d.begin.line, d.begin.column,
                     core::to_string(d.severity), d.message, d.code, d.rule);
}

}  // namespace portpolicy::report
