#include "cli/commands.h"

#include <filesystem>
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <cctype>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/text.h"
#include "check/baseline.h"
#include "check/checker.h"
#include "check/fix.h"
#include "lsp/server.h"
#include "check/git_diff.h"
#include "check/suppress.h"
#include "config/config.h"
#include "discover/discover.h"
#include "report/format.h"
#include "rules/rule.h"
#include "explain/explain.h"
#include "report/ports_report.h"
#include "scan/scanner.h"
#include "registry/loaders.h"
#include "registry/registry.h"
#include "version.h"

namespace portpolicy::cli {

namespace {

// The rule documentation of an installed portpolicy (PREFIX/share/doc/portpolicy/rules, as
// cmake --install and the .deb put it beside PREFIX/bin), as a URI template for the
// Language Server's codeDescription; empty when it is not there (a build tree).
std::string installed_rule_docs() {
#ifdef PP_RULE_DOCS_FROM_BIN
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const std::filesystem::path dir = (exe.parent_path() / PP_RULE_DOCS_FROM_BIN).lexically_normal();
  if (!std::filesystem::is_regular_file(dir / "PP201.md", ec)) return {};
  return lsp::uri_of_path(dir.string()) + "/{code}.md";
#else
  return {};
#endif
}

using registry::Registry;

// The registry in force: the embedded snapshot, or the file given with --registry.
struct RegistryChoice {
  std::string path;
  std::optional<Registry> loaded;

  const Registry& get() {
    if (path.empty()) return Registry::embedded();
    if (!loaded) loaded = registry::load_registry_file(path);
    return *loaded;
  }
};

int cmd_explain(const std::vector<std::string>& queries, const std::string& format,
                RegistryChoice& reg, std::ostream& out, std::ostream& err) {
  const Registry& r = reg.get();
  std::vector<explain::Explanation> items;
  bool bad = false;
  for (const std::string& q : queries) {
    try {
      for (const explain::Target& t : explain::resolve(q, r)) items.push_back(explain::explain(t, r));
    } catch (const explain::QueryError& e) {
      err << "portpolicy explain: " << e.what() << "\n";
      bad = true;
    }
  }
  if (bad) return kExitError;
  out << (format == "json" ? explain::render_json(items, r) : explain::render_text(items, r));
  return kExitClean;
}

int cmd_registry(const std::string& format, RegistryChoice& reg, std::ostream& out) {
  const Registry& r = reg.get();
  const registry::Counts c = r.counts();
  const registry::Meta& m = r.meta();
  static constexpr registry::Kind kKinds[] = {registry::Kind::kAssigned, registry::Kind::kAlias,
                                              registry::Kind::kPrivate, registry::Kind::kReserved,
                                              registry::Kind::kUnassigned, registry::Kind::kWithdrawn};
  static constexpr registry::Status kStatuses[] = {registry::Status::kAssigned, registry::Status::kReserved,
                                                   registry::Status::kUnassigned, registry::Status::kDynamic};
  if (format == "json") {
    nlohmann::ordered_json doc;
    doc["snapshot"] = reg.path.empty() ? "embedded" : reg.path;
    doc["updated"] = m.updated;
    doc["source"] = m.source;
    doc["format"] = m.format;
    doc["sha256"] = m.sha256;
    doc["rows"] = r.records().size();
    doc["name_only_rows"] = m.name_only_rows;
    nlohmann::ordered_json kinds;
    for (auto k : kKinds) kinds[std::string(registry::to_string(k))] = c.records_by_kind[static_cast<int>(k)];
    doc["rows_by_kind"] = kinds;
    nlohmann::ordered_json ports;
    for (int t = 0; t < 4; ++t) {
      nlohmann::ordered_json s;
      for (auto st : kStatuses) s[std::string(registry::to_string(st))] = c.ports_by_status[t][static_cast<int>(st)];
      ports[std::string(core::to_string(core::kTransports[t]))] = s;
    }
    doc["ports_by_status"] = ports;
    out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitClean;
  }
  out << "IANA Service Name and Transport Protocol Port Number Registry\n";
  out << "  snapshot  " << (reg.path.empty() ? std::string("embedded in portpolicy ") + kVersion : reg.path) << "\n";
  out << "  updated   " << m.updated << "\n";
  out << "  source    " << m.source << " (" << m.format << ")\n";
  out << "  sha256    " << m.sha256 << "\n";
  out << "  rows      " << r.records().size() << " with a port:";
  for (auto k : kKinds) out << " " << registry::to_string(k) << " " << c.records_by_kind[static_cast<int>(k)];
  out << "\n            " << m.name_only_rows << " service names without a port\n";
  out << "  ports     status of each port 0-65535, per transport\n";
  for (int t = 0; t < 4; ++t) {
    std::string label(core::to_string(core::kTransports[t]));
    label.resize(6, ' ');
    out << "            " << label;
    for (auto st : kStatuses) {
      out << " " << registry::to_string(st) << " " << c.ports_by_status[t][static_cast<int>(st)];
    }
    out << "\n";
  }
  return kExitClean;
}

// "8080" or "8000-8100"
bool parse_port_filter(const std::string& s, std::uint64_t& lo, std::uint64_t& hi) {
  const auto dash = s.find('-');
  auto a = core::parse_uint(s.substr(0, dash));
  auto b = dash == std::string::npos ? a : core::parse_uint(s.substr(dash + 1));
  if (!a || !b || *a > *b) return false;
  lo = *a;
  hi = *b;
  return true;
}

struct PortsArgs {
  std::vector<std::string> paths;
  std::vector<std::string> roles;
  std::vector<std::string> port_filters;
  bool group = false;
  unsigned threads = 0;
  double file_budget = 5.0;  // seconds; 0: no limit
  discover::Options discover;
};

std::chrono::milliseconds budget_ms(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0));
}

int cmd_ports(PortsArgs& a, const std::string& format, std::ostream& out, std::ostream& err) {
  if (a.paths.empty()) a.paths.push_back(".");
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
  for (const std::string& f : a.port_filters) {
    std::uint64_t lo = 0, hi = 0;
    if (!parse_port_filter(f, lo, hi)) {
      err << "portpolicy ports: --port " << f << ": expected a port or a range such as 8000-8100\n";
      return kExitError;
    }
    ranges.emplace_back(lo, hi);
  }
  scan::ScanOptions opts;
  opts.discover = a.discover;
  opts.threads = a.threads;
  opts.file_budget = budget_ms(a.file_budget);
  scan::ScanResult result;
  try {
    result = scan::scan(a.paths, opts);
  } catch (const discover::DiscoverError& e) {
    err << "portpolicy ports: error: " << e.what() << "\n";
    return kExitError;
  }
  std::erase_if(result.ports, [&](const scan::PortFinding& f) {
    if (!a.roles.empty() &&
        std::find(a.roles.begin(), a.roles.end(), core::to_string(f.literal.role)) == a.roles.end()) {
      return true;
    }
    if (!ranges.empty() && std::none_of(ranges.begin(), ranges.end(), [&](const auto& r) {
          return f.literal.value >= r.first && f.literal.value <= r.second;
        })) {
      return true;
    }
    return false;
  });
  if (format == "json") {
    out << report::ports_json(result);
  } else {
    out << (a.group ? report::ports_grouped(result) : report::ports_text(result));
  }
  return kExitClean;
}

struct CheckArgs {
  std::vector<std::string> paths;
  std::string config;
  std::string fail_on = "warning";
  bool exit_zero = false;
  bool quiet = false;
  bool statistics = false;
  bool no_inline_ignores = false;
  bool report_unused_ignores = false;
  bool show_suppressed = false;
  std::string baseline;
  std::string write_baseline;
  std::string diff;
  std::string color = "auto";
  bool show_source = false;
  std::uintmax_t max_file_size = 0;  // 0: not given (the configuration's, else 1 MiB)
  unsigned threads = 0;
  double file_budget = 5.0;  // seconds; 0: no limit
  bool fail_on_parse_error = false;
  std::string project_root;  // empty: report::project_root()
  std::string stdin_filename;  // `-` is read from standard input and reported as this path
  bool fix = false;          // rewrite fixable findings' literals to their suggestions
  bool fix_preview = false;  // print the unified diff of the fixes, write nothing
  discover::Options discover;
};

// --fix and --fix-preview: plans the fixes of the findings at or above `threshold`; the
// preview prints their diff, --fix writes them and drops the fixed findings from `result`.
// `summary` gets what was (or would be) fixed and what was not. Non-zero: an exit code.
int apply_fixes(const CheckArgs& a, check::CheckResult& result, core::Severity threshold, std::ostream& out,
                std::ostream& err, std::string& summary) {
  if (a.fix && !a.fix_preview && !a.stdin_filename.empty()) {
    err << "portpolicy check: error: --fix rewrites files, and standard input is not one; "
           "--fix-preview prints the diff\n";
    return kExitError;
  }
  const check::FixPlan plan = check::plan_fixes(result, threshold);
  std::vector<std::size_t> fixed;
  std::size_t files = 0;
  std::string lines;
  for (const check::FixPlan::File& file : plan.files) {
    if (a.fix_preview) {
      out << check::unified_diff(file.path, file.before, file.after);
    } else if (const std::string error = check::write_fixed(file); !error.empty()) {
      summary += "not fixed: " + error + "\n";
      continue;
    }
    ++files;
    fixed.insert(fixed.end(), file.fixed.begin(), file.fixed.end());
    for (const check::Edit& e : file.edits) {
      lines += fmt::format("{} {}:{}:{}: {} -> {}\n", a.fix_preview ? "would fix" : "fixed", e.path, e.begin.line,
                           e.begin.column, file.before.substr(e.start, e.end - e.start), e.replacement);
    }
  }
  for (const auto& [i, why] : plan.not_fixable) {
    const check::Diagnostic& d = result.diagnostics[i];
    lines += fmt::format("not fixable: {}:{}:{}: {} [{} {}]\n", d.path, d.begin.line, d.begin.column, why, d.code,
                         d.rule);
  }
  summary = lines + summary;
  const std::size_t n = fixed.size();
  summary += fmt::format("{} {} {} in {} {}", a.fix_preview ? "would fix" : "fixed", n, n == 1 ? "finding" : "findings",
                         files, files == 1 ? "file" : "files");
  if (!plan.not_fixable.empty()) summary += fmt::format(", {} not fixable", plan.not_fixable.size());
  summary += n == 0 ? "\n"
                    : "; whatever connects to a changed port (clients, proxies, firewall rules, other repositories, "
                      "documentation) must change with it\n";
  if (!a.fix_preview) {
    std::sort(fixed.begin(), fixed.end());
    std::vector<check::Diagnostic> left;
    for (std::size_t i = 0; i < result.diagnostics.size(); ++i) {
      if (!std::binary_search(fixed.begin(), fixed.end(), i)) left.push_back(std::move(result.diagnostics[i]));
    }
    result.diagnostics = std::move(left);
  }
  return kExitClean;
}

int cmd_check(CheckArgs& a, const std::string& format, RegistryChoice& reg, std::istream& in, std::ostream& out,
              std::ostream& err) {
  check::CheckOptions opts;
  // `check --stdin-filename PATH -`: the content comes from standard input and is checked as
  // the file PATH (its format, configuration, excludes and ignore comments are PATH's).
  const bool reads_stdin = std::find(a.paths.begin(), a.paths.end(), "-") != a.paths.end();
  if (reads_stdin && a.stdin_filename.empty()) {
    err << "portpolicy check: error: '-' reads standard input, which needs --stdin-filename PATH "
           "(the name to report and to choose the format by)\n";
    return kExitError;
  }
  if (!a.stdin_filename.empty()) {
    if (a.paths.empty()) a.paths.push_back("-");
    if (!reads_stdin && !(a.paths.size() == 1 && a.paths[0] == "-")) {
      err << "portpolicy check: error: --stdin-filename names what '-' is read as; give '-' among the paths\n";
      return kExitError;
    }
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
      err << "portpolicy check: error: cannot read standard input\n";
      return kExitError;
    }
    for (std::string& p : a.paths) {
      if (p == "-") p = a.stdin_filename;
    }
    opts.scan.texts.emplace(a.stdin_filename, std::move(text));
  }
  opts.scan.discover = a.discover;
  opts.scan.threads = a.threads;
  opts.scan.file_budget = budget_ms(a.file_budget);
  opts.fail_on_parse_error = a.fail_on_parse_error;
  if (!a.config.empty()) opts.config_path = a.config;
  opts.inline_ignores = !a.no_inline_ignores;
  opts.report_unused_ignores = a.report_unused_ignores;
  if (!a.baseline.empty()) opts.baseline = a.baseline;
  if (!a.diff.empty()) opts.diff_ref = a.diff;
  if (a.max_file_size != 0) opts.max_file_size = a.max_file_size;
  const Registry& r = reg.get();
  check::CheckResult result;
  try {
    result = check::run_check(a.paths, opts, r);
  } catch (const config::ConfigError& e) {
    err << "portpolicy check: error: " << e.what() << "\n";
    return kExitError;
  } catch (const discover::DiscoverError& e) {
    err << "portpolicy check: error: " << e.what() << "\n";
    return kExitError;
  } catch (const check::BaselineError& e) {
    err << "portpolicy check: error: " << e.what() << "\n";
    return kExitError;
  } catch (const check::DiffError& e) {
    err << "portpolicy check: error: " << e.what() << "\n";
    return kExitError;
  }
  if (!a.write_baseline.empty()) {
    try {
      const std::size_t n = check::write_baseline(a.write_baseline, result.diagnostics);
      out << "recorded " << n << (n == 1 ? " finding in " : " findings in ") << a.write_baseline << "\n";
    } catch (const check::BaselineError& e) {
      err << "portpolicy check: error: " << e.what() << "\n";
      return kExitError;
    }
    return kExitClean;
  }
  if (!a.report_unused_ignores) result.unused_ignores.clear();
  const core::Severity threshold = core::parse_severity(a.fail_on).value_or(core::Severity::kWarning);
  std::string fix_summary;
  if (a.fix || a.fix_preview) {
    if (const int code = apply_fixes(a, result, threshold, out, err, fix_summary); code != kExitClean) return code;
  }
  report::TextStyle style;
  if (format == "text") {
    const bool tty = &out == &std::cout && isatty(STDOUT_FILENO) != 0;
    const bool no_color = std::getenv("NO_COLOR") != nullptr && *std::getenv("NO_COLOR") != '\0';
    style.color = a.color == "always" || (a.color == "auto" && tty && !no_color);
    style.source = tty || a.show_source;
    style.quiet = a.quiet;
    style.statistics = a.statistics;
    style.show_suppressed = a.show_suppressed;
  }
  const report::CheckFormat* f = report::find_check_format(format);
  std::string root = a.project_root.empty() ? report::project_root() : a.project_root;
  std::error_code ec;
  root = std::filesystem::absolute(root, ec).lexically_normal().string();
  if (!a.fix_preview) out << f->render(report::Output{result, r, style, root});
  // The summary goes with the text report; beside a diff or a machine format, to stderr.
  if (!fix_summary.empty()) (format == "text" && !a.fix_preview ? out : err) << fix_summary;
  if (a.exit_zero) return kExitClean;
  for (const check::Diagnostic& d : result.diagnostics) {
    if (!d.suppressed && d.severity >= threshold) return kExitFindings;
  }
  for (const check::Diagnostic& d : result.unused_ignores) {
    if (d.severity >= threshold) return kExitFindings;
  }
  return kExitClean;
}

int cmd_rules(std::ostream& out) {
  for (const rules::Rule& rule : rules::all_rules()) {
    const rules::RuleInfo& i = *rule.info;
    out << fmt::format("{}  {:<24} {:<8} {:<4} {}\n", i.code, i.name, core::to_string(i.severity),
                       i.enabled_by_default ? "on" : "off", i.summary);
  }
  for (const rules::RuleInfo* i : check::tool_rules()) {
    out << fmt::format("{}  {:<24} {:<8} {:<4} {}\n", i->code, i->name, core::to_string(i->severity),
                       i->enabled_by_default ? "on" : "off", i->summary);
  }
  return kExitClean;
}

int cmd_rule(const std::string& which, std::ostream& out, std::ostream& err) {
  const rules::Rule* rule = rules::find_rule(which);
  const rules::RuleInfo* tool = rule == nullptr ? check::find_tool_rule(which) : nullptr;
  if (rule == nullptr && tool == nullptr) {
    err << "portpolicy rule: unknown rule '" << which << "' (see `portpolicy rules`)\n";
    return kExitError;
  }
  const rules::RuleInfo& i = rule != nullptr ? *rule->info : *tool;
  out << fmt::format("# {} {}\n\n{}\n\nDefault severity: {}; {} by default.\n\n{}", i.code, i.name, i.summary,
                     core::to_string(i.severity), i.enabled_by_default ? "on" : "off", i.doc);
  return kExitClean;
}

int cmd_init(const std::string& path, bool force, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  if (!force && std::filesystem::exists(path, ec)) {
    err << "portpolicy init: " << path << " already exists (use --force to overwrite)\n";
    return kExitError;
  }
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << config::starter_config();
  if (!f) {
    err << "portpolicy init: cannot write " << path << "\n";
    return kExitError;
  }
  out << "wrote " << path << "\n";
  return kExitClean;
}

}  // namespace

int run(int argc, char** argv, std::ostream& out, std::ostream& err) { return run(argc, argv, std::cin, out, err); }

int run(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  CLI::App app{"portpolicy: finds port numbers in a tree and checks them against the IANA registry "
               "and your team's policy."};
  app.name("portpolicy");
  app.set_version_flag("--version", std::string("portpolicy ") + kVersion);
  app.require_subcommand(1);

  RegistryChoice reg;
  app.add_option("--registry", reg.path,
                 "Use this IANA registry file (XML or CSV as published) instead of the embedded snapshot")
      ->check(CLI::ExistingFile);

  std::string format = "text";
  auto* ex = app.add_subcommand("explain", "Explain ports: registry status, history, verdict, suggestion");
  std::vector<std::string> queries;
  ex->add_option("ports", queries, "Ports (80), ranges (249-255), PORT/PROTO (53/udp) or service names (ssh)")
  ;
  ex->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));
  ex->allow_extras();  // so that "-1" reaches explain, which says why it is not a port

  auto* rg = app.add_subcommand("registry", "Show the registry snapshot: date, counts per status, sha256");
  rg->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));

  PortsArgs ports_args;
  auto* pt = app.add_subcommand("ports", "List the port literals of a tree: the port inventory");
  pt->add_option("paths", ports_args.paths, "Files or folders to scan (default: .)");
  pt->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));
  pt->add_option("--role", ports_args.roles, "Only ports with this role (repeatable)")
      ->check(CLI::IsMember({"listen", "publish", "connect", "rule"}))
      ->allow_extra_args(false);
  pt->add_option("--port", ports_args.port_filters, "Only this port or range, e.g. 8080 or 8000-8100 (repeatable)")
      ->allow_extra_args(false);
  pt->add_flag("--group", ports_args.group, "Group by port: each port with the places that use it");
  pt->add_option("--exclude", ports_args.discover.excludes, "Skip paths matching this glob (repeatable)");
  pt->add_flag("--include-vendored", ports_args.discover.include_vendored,
               "Also scan vendored folders (vendor/, node_modules/, third_party/, deps/, ...), git submodules, "
               "and generated and minified files");
  pt->add_flag("!--no-gitignore", ports_args.discover.respect_gitignore,
               "Scan files that .gitignore and git excludes leave out");
  pt->add_option("--max-file-size", ports_args.discover.max_file_size, "Skip files larger than this many bytes")
      ->check(CLI::PositiveNumber);
  pt->add_option("-j,--threads", ports_args.threads, "Worker threads (default: one per core)");
  pt->add_option("--file-budget", ports_args.file_budget,
                 "Seconds one file may take; a file that takes longer is skipped and named (default 5, 0: no limit)")
      ->check(CLI::NonNegativeNumber);

  CheckArgs check_args;
  auto* ck = app.add_subcommand("check", "Judge every port literal of a tree against the registry and your policy");
  ck->add_option("paths", check_args.paths, "Files or folders to check (default: .); - reads standard input");
  ck->add_flag("--fix", check_args.fix,
               "Rewrite each fixable finding at or above --fail-on to its suggested port, in place");
  ck->add_flag("--fix-preview", check_args.fix_preview,
               "Print the unified diff that --fix would apply, and write nothing");
  ck->add_option("--stdin-filename", check_args.stdin_filename,
                 "The path that - (standard input) is checked as: its format, configuration and ignore comments");
  std::vector<std::string> format_names;
  std::string format_help = "Output format:";
  for (const report::CheckFormat& f : report::check_formats()) {
    format_names.emplace_back(f.name);
    format_help += fmt::format("\n  {:<11} {}", f.name, f.summary);
  }
  ck->add_option("--format", format, format_help)->check(CLI::IsMember(format_names));
  ck->add_option("--config", check_args.config, "Use this configuration file instead of the nearest .portpolicy.yaml")
      ->check(CLI::ExistingFile);
  ck->add_option("--fail-on", check_args.fail_on, "Exit 1 on findings at or above this severity (default warning)")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  ck->add_flag("--exit-zero", check_args.exit_zero, "Exit 0 even with findings");
  ck->add_flag("-q,--quiet", check_args.quiet, "Print findings only, no summary");
  ck->add_flag("--statistics", check_args.statistics, "Count findings per rule");
  ck->add_flag("--no-inline-ignores", check_args.no_inline_ignores, "Disregard every inline portpolicy: ignore comment");
  ck->add_flag("--report-unused-ignores", check_args.report_unused_ignores, "Report ignore comments that silence nothing");
  ck->add_flag("--show-suppressed", check_args.show_suppressed, "Also print suppressed findings, marked");
  ck->add_option("--baseline", check_args.baseline, "Report only findings not recorded in this baseline file");
  ck->add_option("--write-baseline", check_args.write_baseline, "Record today's findings in this file and exit 0");
  ck->add_option("--diff", check_args.diff, "Only findings on lines changed since this git ref");
  ck->add_option("--color", check_args.color, "Colour: auto (terminal without NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  ck->add_flag("--show-source", check_args.show_source,
               "Print each finding's source line with a caret under the port (default on a terminal)");
  // One glob per --exclude, so that the files pre-commit appends stay paths.
  ck->add_option("--exclude", check_args.discover.excludes, "Skip paths matching this glob (repeatable)")
      ->allow_extra_args(false);
  ck->add_flag("--include-vendored", check_args.discover.include_vendored,
               "Also check vendored folders (vendor/, node_modules/, third_party/, deps/, ...), git submodules, "
               "and generated and minified files");
  ck->add_flag("!--no-gitignore", check_args.discover.respect_gitignore,
               "Check files that .gitignore and git excludes leave out");
  ck->add_option(
        "--max-file-size", check_args.max_file_size,
        "Skip files larger than this many bytes (default: the configuration's max-file-size, else 1 MiB)")
      ->check(CLI::PositiveNumber);
  ck->add_option("-j,--threads", check_args.threads, "Worker threads (default: one per core)");
  ck->add_option("--file-budget", check_args.file_budget,
                 "Seconds one file may take; a file that takes longer is skipped and named (default 5, 0: no limit)")
      ->check(CLI::NonNegativeNumber);
  ck->add_flag("--fail-on-parse-error", check_args.fail_on_parse_error,
               "Report files that do not parse (parse-error) as errors, which fail the run");
  ck->add_option("--project-root", check_args.project_root,
                 "Folder the paths of sarif and gitlab reports are relative to (default: the git work tree "
                 "holding the current folder, else the current folder)")
      ->check(CLI::ExistingDirectory);

  auto* lsp_cmd = app.add_subcommand("lsp", "Run the Language Server (LSP over standard input and output) for editors");

  auto* rules_cmd = app.add_subcommand("rules", "List the rules: code, name, default severity, on/off, summary");
  std::string rule_name;
  auto* rule_cmd = app.add_subcommand("rule", "Print a rule's documentation");
  rule_cmd->add_option("rule", rule_name, "Rule code or name (PP201, reserved-port)")->required();
  std::string init_path = config::kConfigFileName;
  bool init_force = false;
  auto* init_cmd = app.add_subcommand("init", "Write a commented starter .portpolicy.yaml");
  init_cmd->add_option("--output", init_path, "Where to write it (default: ./.portpolicy.yaml)");
  init_cmd->add_flag("--force", init_force, "Overwrite an existing file");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      app.exit(e, out, err);
      return kExitClean;
    }
    app.exit(e, out, err);
    return kExitError;
  }

  try {
    if (ex->parsed()) {
      std::vector<std::string> all = queries;
      for (const std::string& extra : ex->remaining()) {
        if (extra.size() > 1 && extra[0] == '-' && !std::isdigit(static_cast<unsigned char>(extra[1]))) {
          err << "portpolicy explain: unknown option " << extra << "\n";
          return kExitError;
        }
        all.push_back(extra);
      }
      if (all.empty()) {
        err << "portpolicy explain: expected at least one port, range or service name\n";
        return kExitError;
      }
      return cmd_explain(all, format, reg, out, err);
    }
    if (rg->parsed()) return cmd_registry(format, reg, out);
    if (pt->parsed()) return cmd_ports(ports_args, format, out, err);
    if (ck->parsed()) return cmd_check(check_args, format, reg, in, out, err);
    if (lsp_cmd->parsed()) return lsp::serve(reg.get(), STDIN_FILENO, STDOUT_FILENO, err, installed_rule_docs());
    if (rules_cmd->parsed()) return cmd_rules(out);
    if (rule_cmd->parsed()) return cmd_rule(rule_name, out, err);
    if (init_cmd->parsed()) return cmd_init(init_path, init_force, out, err);
  } catch (const registry::RegistryError& e) {
    err << "portpolicy: error: " << e.what() << "\n";
    return kExitError;
  }
  return kExitError;
}

}  // namespace portpolicy::cli
