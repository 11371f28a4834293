#include "check/checker.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "rules/rule.h"

namespace portpolicy::check {

namespace {

// FNV-1a: a hash fixed forever, so suggestions do not change with the standard library.
std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

struct Configs {
  std::vector<std::pair<std::string, config::Config>> by_root;  // root as given -> config
  config::Config fallback;

  const config::Config& for_path(const std::string& path) const {
    const config::Config* best = &fallback;
    std::size_t best_len = 0;
    for (const auto& [root, cfg] : by_root) {
      const bool under = path == root || (path.starts_with(root) && (root.ends_with('/') || path[root.size()] == '/')) ||
                         root == ".";
      if (under && root.size() >= best_len) {
        best = &cfg;
        best_len = root.size();
      }
    }
    return *best;
  }
};

const config::Config& config_for_thunk(const void* self, const std::string& path) {
  return static_cast<const Configs*>(self)->for_path(path);
}

}  // namespace

CheckResult run_check(const std::vector<std::string>& paths_in, const CheckOptions& options,
                      const registry::Registry& reg) {
  std::vector<std::string> paths = paths_in.empty() ? std::vector<std::string>{"."} : paths_in;
  Configs configs;
  CheckResult result;
  if (options.config_path) {
    configs.fallback = config::load_config(*options.config_path);
    result.config_files.push_back(configs.fallback.path);
  } else {
    for (const std::string& root : paths) {
      if (auto found = config::find_config(root)) {
        configs.by_root.emplace_back(root, config::load_config(*found));
        result.config_files.push_back(configs.by_root.back().second.path);
      }
    }
  }
  std::sort(result.config_files.begin(), result.config_files.end());
  result.config_files.erase(std::unique(result.config_files.begin(), result.config_files.end()),
                            result.config_files.end());

  scan::ScanOptions sopts = options.scan;
  const config::Config& first = configs.by_root.empty() ? configs.fallback : configs.by_root.front().second;
  // A configuration's excludes are relative to its folder and leave out files named on the
  // command line too (pre-commit names every file). portpolicy's own configuration files hold
  // policy ranges, not deployed ports.
  sopts.discover.wanted = [&configs](const std::string& path) {
    return std::filesystem::path(path).filename() != config::kConfigFileName &&
           !configs.for_path(path).excludes(path);
  };
  if (options.max_file_size) {
    sopts.discover.max_file_size = *options.max_file_size;
  } else if (first.max_file_size) {
    sopts.discover.max_file_size = *first.max_file_size;
  }
  result.scan = scan::scan(paths, sopts);
  const auto& ports = result.scan.ports;

  rules::RuleContext ctx{reg, ports, &config_for_thunk, &configs};
  std::set<std::uint64_t> taken;
  for (const auto& p : ports) taken.insert(p.literal.value);

  struct Pending {
    Diagnostic d;
    bool suggest;
  };
  std::vector<Pending> pending;
  for (const rules::Rule& rule : rules::all_rules()) {
    std::vector<rules::Hit> hits;
    rule.check(ctx, hits);
    for (rules::Hit& h : hits) {
      const scan::PortFinding& f = ports[h.index];
      const config::RuleSetting s = configs.for_path(f.path).setting_for(std::string(rule.info->name), f.path);
      const bool on = s.enabled && (rule.info->enabled_by_default || s.selected);
      if (!on) continue;
      Diagnostic d;
      d.path = f.path;
      d.start = f.literal.start;
      d.end = f.literal.end;
      d.begin = f.begin;
      d.end_pos = f.end;
      d.value = f.literal.value;
      d.transport = f.literal.transport;
      d.code = std::string(rule.info->code);
      d.rule = std::string(rule.info->name);
      d.severity = s.severity.value_or(rule.info->severity);
      d.message = std::move(h.message);
      pending.push_back({std::move(d), h.suggest});
    }
  }
  std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    return std::tie(a.d.path, a.d.start, a.d.code) < std::tie(b.d.path, b.d.start, b.d.code);
  });
  // Suggestions: free in the whole scanned tree, stable for the same input, never the same
  // port for two findings.
  for (Pending& p : pending) {
    if (!p.suggest) continue;
    const config::Config& cfg = configs.for_path(p.d.path);
    const std::uint64_t seed = fnv1a(p.d.path + ":" + std::to_string(p.d.value) + ":" + p.d.code);
    const std::uint32_t port = registry::suggest_port(seed, cfg.suggestion_range, [&](std::uint32_t c) {
      if (taken.count(c)) return true;
      for (const auto& span : cfg.policy.deny) {
        if (span.contains(c)) return true;
      }
      return false;
    });
    if (port == 0) continue;
    taken.insert(port);
    p.d.suggestion = port;
    p.d.message += "; use a port in " + std::to_string(cfg.suggestion_range.first) + "-" +
                   std::to_string(cfg.suggestion_range.last) + ", e.g. " + std::to_string(port);
  }
  for (Pending& p : pending) result.diagnostics.push_back(std::move(p.d));
  return result;
}

}  // namespace portpolicy::check
