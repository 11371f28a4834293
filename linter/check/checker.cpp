#include "check/checker.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "check/baseline.h"
#include "check/git_diff.h"
#include "check/suppress.h"
#include "check/test_code.h"
#include "discover/discover.h"
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

// The configuration in force for each file: --config for all, else the nearest
// .portpolicy.yaml above the file (loaded once per file found), else the defaults.
struct Configs {
  std::optional<config::Config> forced;
  config::Config fallback;
  mutable std::map<std::string, std::shared_ptr<const config::Config>> by_file;  // config path -> config
  mutable std::map<std::string, const config::Config*> by_dir;                  // folder -> config

  const config::Config& for_path(const std::string& path) const {
    if (forced) return *forced;
    const std::string dir = std::filesystem::path(path).parent_path().string();
    if (auto it = by_dir.find(dir); it != by_dir.end()) return *it->second;
    const config::Config* cfg = &fallback;
    if (auto found = config::find_config(dir.empty() ? std::string(".") : dir)) {
      const std::string key = std::filesystem::weakly_canonical(*found).string();
      auto it = by_file.find(key);
      if (it == by_file.end()) {
        it = by_file.emplace(key, std::make_shared<const config::Config>(config::load_config(*found))).first;
      }
      cfg = it->second.get();
    }
    by_dir.emplace(dir, cfg);
    return *cfg;
  }
};

// Which scanned files are test code: by the configuration's tests.paths, and by the
// conventions of each ecosystem read on the path relative to the file's project.
class TestFiles {
 public:
  bool is_test(const std::string& path, const config::Config& cfg) {
    if (cfg.in_test_paths(path)) return true;
    if (!cfg.tests.conventions) return false;
    namespace fs = std::filesystem;
    const std::string dir = fs::path(path).parent_path().string();
    auto it = roots_.find(dir);
    if (it == roots_.end()) it = roots_.emplace(dir, project_root(dir)).first;
    std::error_code ec;
    const fs::path abs = fs::absolute(path, ec).lexically_normal();
    fs::path base = it->second.empty() ? fs::current_path(ec) : fs::path(it->second);
    std::string rel = abs.lexically_relative(base).generic_string();
    if (rel.empty() || rel.starts_with("..")) rel = fs::path(path).lexically_normal().generic_string();
    return test_convention(rel).has_value();
  }

 private:
  std::map<std::string, std::string> roots_;  // folder -> its project root
};

rules::PolicyInForce policy_for_thunk(const void* self, const std::string& path) {
  const config::Config& cfg = static_cast<const Configs*>(self)->for_path(path);
  return {cfg.policy, cfg.path};
}

// After the rules: inline suppressions, then the baseline, then --diff, each seeing what the
// one before left. Fingerprints are taken here too, from the same reading of each file.
void suppress_and_filter(CheckResult& result, const std::vector<std::string>& roots,
                         const CheckOptions& options, const std::optional<std::vector<BaselineEntry>>& baseline) {
  std::vector<Diagnostic>& diags = result.diagnostics;
  std::map<std::string, std::vector<std::size_t>> by_path;
  for (std::size_t i = 0; i < diags.size(); ++i) by_path[diags[i].path].push_back(i);
  // Every file scanned, not only those with findings: an ignore comment anywhere may be
  // malformed or unused.
  std::set<std::string> files;
  for (const auto& entry : by_path) files.insert(entry.first);
  if (options.inline_ignores) files.insert(result.scan.files.begin(), result.scan.files.end());
  const std::string today = options.today.empty() ? local_date() : options.today;
  std::vector<Diagnostic> invalid;
  std::set<std::string> changed;
  for (const std::string& path : files) {
    std::optional<std::string> text = scan::read_unchanged(result.scan, path);
    if (!text) {
      // Gone or rewritten since the scan: its findings point into text that is no longer
      // there, and its ignore comments cannot be read. Named, not judged.
      changed.insert(path);
      continue;
    }
    const core::SourceFile file(path, std::move(*text));
    std::vector<Diagnostic*> own;
    if (const auto it = by_path.find(path); it != by_path.end()) {
      for (std::size_t i : it->second) {
        diags[i].fingerprint = line_fingerprint(file.line_text(diags[i].begin.line));
        own.push_back(&diags[i]);
      }
    }
    if (!options.inline_ignores) continue;
    SuppressionOutcome o = apply_markers(file, find_markers(file), own, today);
    for (Diagnostic& d : o.invalid) {
      d.fingerprint = line_fingerprint(file.line_text(d.begin.line));
      invalid.push_back(std::move(d));
    }
    if (options.report_unused_ignores) {
      for (Diagnostic& d : o.unused) result.unused_ignores.push_back(std::move(d));
    }
  }
  if (!changed.empty()) {
    std::erase_if(diags, [&](const Diagnostic& d) { return changed.count(d.path) != 0; });
    for (const std::string& path : changed) {
      result.scan.skipped.push_back({path, "changed or removed while being checked; check it again"});
    }
    std::sort(result.scan.skipped.begin(), result.scan.skipped.end(),
              [](const discover::Skipped& a, const discover::Skipped& b) { return a.path < b.path; });
  }
  if (!invalid.empty()) {
    for (Diagnostic& d : invalid) diags.push_back(std::move(d));
    std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.path, a.start, a.code) < std::tie(b.path, b.start, b.code);
    });
  }
  if (baseline) apply_baseline(diags, *baseline);
  if (options.diff_ref) {
    std::vector<std::string> touched;
    for (const Diagnostic& d : diags) touched.push_back(d.path);
    for (const Diagnostic& d : result.unused_ignores) touched.push_back(d.path);
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    const ChangedLines changed = ChangedLines::since(*options.diff_ref, roots, touched);
    auto unchanged = [&](const Diagnostic& d) {
      return !changed.touches(d.path, d.begin.line, d.end_pos.line);
    };
    std::erase_if(diags, unchanged);
    std::erase_if(result.unused_ignores, unchanged);
  }
}

}  // namespace

CheckResult run_check(const std::vector<std::string>& paths_in, const CheckOptions& options,
                      const registry::Registry& reg) {
  std::vector<std::string> paths = paths_in.empty() ? std::vector<std::string>{"."} : paths_in;
  Configs configs;
  CheckResult result;
  std::optional<std::vector<BaselineEntry>> baseline;
  if (options.baseline) baseline = load_baseline(*options.baseline);  // fail before the scan
  // Configurations of the roots: they set what the scan leaves out. Loading them here also
  // reports a broken configuration before any file is read.
  std::vector<const config::Config*> root_configs;
  if (options.config_path) {
    configs.forced = config::load_config(*options.config_path);
    root_configs.push_back(&*configs.forced);
  } else {
    for (const std::string& root : paths) {
      std::error_code ec;
      const std::filesystem::path probe =
          std::filesystem::is_directory(root, ec) ? std::filesystem::path(root) / "x" : std::filesystem::path(root);
      root_configs.push_back(&configs.for_path(probe.string()));
    }
  }
  scan::ScanOptions sopts = options.scan;
  // A configuration's excludes are relative to its folder and leave out files named on the
  // command line too (pre-commit names every file). portpolicy's own configuration files hold
  // policy ranges, not deployed ports.
  sopts.discover.wanted = [&configs](const std::string& path) {
    return std::filesystem::path(path).filename() != config::kConfigFileName &&
           !configs.for_path(path).excludes(path);
  };
  if (options.max_file_size) {
    sopts.discover.max_file_size = *options.max_file_size;
  } else {
    for (const config::Config* cfg : root_configs) {
      if (cfg->max_file_size) sopts.discover.max_file_size = *cfg->max_file_size;
    }
  }
  result.scan = scan::scan(paths, sopts);
  // Every configuration that applies to a scanned file, for the summary.
  for (const auto& f : result.scan.ports) (void)configs.for_path(f.path);
  if (configs.forced) result.config_files.push_back(configs.forced->path);
  for (const auto& [file, cfg] : configs.by_file) result.config_files.push_back(cfg->path);
  std::sort(result.config_files.begin(), result.config_files.end());
  result.config_files.erase(std::unique(result.config_files.begin(), result.config_files.end()),
                            result.config_files.end());
  const auto& ports = result.scan.ports;

  rules::RuleContext ctx{reg,     ports, result.scan.files, result.scan.problems, &policy_for_thunk,
                         &configs, &result.scan};
  std::set<std::uint64_t> taken;
  for (const auto& p : ports) taken.insert(p.literal.value);

  struct Pending {
    Diagnostic d;
    bool suggest;
    bool listen = false;  // a listen port: its suggestion comes from policy.listen-range
  };
  std::vector<Pending> pending;
  TestFiles tests;
  std::map<std::string, bool> test_file;  // path -> test code
  for (const rules::Rule& rule : rules::all_rules()) {
    std::vector<rules::Hit> hits;
    rule.check(ctx, hits);
    for (rules::Hit& h : hits) {
      // A port literal, or a problem with a file (parse-error): where, and what.
      const scan::PortFinding* lit = h.problem ? nullptr : &ports[h.index];
      const scan::FileProblem* problem = h.problem ? &result.scan.problems[*h.problem] : nullptr;
      const std::string& path = lit ? lit->path : problem->path;
      const config::RuleSetting s = configs.for_path(path).setting_for(std::string(rule.info->name), path);
      const bool on = s.enabled && (rule.info->enabled_by_default || s.selected);
      if (!on) continue;
      const config::Config& cfg = configs.for_path(path);
      auto tf = test_file.find(path);
      if (tf == test_file.end()) tf = test_file.emplace(path, tests.is_test(path, cfg)).first;
      core::Severity severity = s.severity.value_or(rule.info->severity);
      if (problem && options.fail_on_parse_error) severity = core::Severity::kError;
      const bool test_code = tf->second || (lit && cfg.tests.conventions && lit->literal.in_test_scope);
      if (test_code) {
        if (cfg.tests.mode == config::TestCode::Mode::kOff) continue;
        if (cfg.tests.mode == config::TestCode::Mode::kCap) severity = std::min(severity, cfg.tests.severity);
      }
      Diagnostic d;
      d.path = path;
      if (lit) {
        d.start = lit->literal.start;
        d.end = lit->literal.end;
        d.begin = lit->begin;
        d.end_pos = lit->end;
        d.value = lit->literal.value;
        d.transport = lit->literal.transport;
      } else {
        d.start = d.end = problem->offset;
        d.begin = d.end_pos = problem->at;
        d.file_level = true;
      }
      d.code = std::string(rule.info->code);
      d.rule = std::string(rule.info->name);
      d.severity = severity;
      d.test_code = test_code;
      d.message = std::move(h.message);
      pending.push_back({std::move(d), h.suggest && lit, lit && lit->literal.role == core::Role::kListen});
    }
  }
  std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    return std::tie(a.d.path, a.d.start, a.d.code) < std::tie(b.d.path, b.d.start, b.d.code);
  });
  // Suggestions: free in the whole scanned tree, stable for the same input, never the same
  // port for two findings.
  // Equal findings (same file, port and rule) start their search at different places (the
  // n-th one's seed names n), and a range found full is not searched again: a generated file
  // with thousands of the same port stays linear.
  std::map<std::string, std::uint32_t> occurrences;
  std::set<std::tuple<const config::Config*, std::uint32_t, std::uint32_t>> full;
  for (Pending& p : pending) {
    if (!p.suggest) continue;
    const config::Config& cfg = configs.for_path(p.d.path);
    std::string key = p.d.path + ":" + std::to_string(p.d.value) + ":" + p.d.code;
    if (const std::uint32_t n = occurrences[key]++; n > 0) key += ":" + std::to_string(n);
    const std::uint64_t seed = fnv1a(key);
    // A listen port is drawn from the policy's listen-range: from its overlap with the
    // suggestion range, or from the listen-range alone when they do not overlap.
    registry::SuggestionRange range = cfg.suggestion_range;
    if (const auto& lr = cfg.policy.listen_range; p.listen && lr) {
      range = {std::max(range.first, lr->first), std::min(range.last, lr->last)};
      if (range.first > range.last) range = {lr->first, lr->last};
    }
    const auto range_key = std::make_tuple(&cfg, range.first, range.last);
    if (full.count(range_key) != 0) continue;
    const std::uint32_t port = registry::suggest_port(seed, range, [&](std::uint32_t c) {
      if (taken.count(c)) return true;
      for (const auto& span : cfg.policy.deny) {
        if (span.contains(c)) return true;
      }
      const auto& allow = cfg.policy.allow;
      return !allow.empty() && std::none_of(allow.begin(), allow.end(), [&](const auto& a) { return a.contains(c); });
    });
    if (port == 0) {
      full.insert(range_key);
      continue;
    }
    taken.insert(port);
    p.d.suggestion = port;
    p.d.message += "; use a port in " + std::to_string(range.first) + "-" + std::to_string(range.last) + ", e.g. " +
                   std::to_string(port);
  }
  for (Pending& p : pending) result.diagnostics.push_back(std::move(p.d));
  suppress_and_filter(result, paths, options, baseline);
  return result;
}

}  // namespace portpolicy::check
