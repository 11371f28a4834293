// .portpolicy.yaml: located errors with did-you-mean, the walk up from each checked path,
// --config, rule severities and selection, per-path overrides, excludes, the file size limit
// and the suggestion range.
#include "config/config.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "check/checker.h"
#include "cli_runner.h"
#include "registry/registry.h"
#include "test_util.h"

namespace portpolicy::config {
namespace {

constexpr const char* kCompose254 = "services:\n  web:\n    ports:\n      - \"254:8080\"\n";

// The error load_config gives for `yaml`, with the temporary file's name replaced by "CFG".
std::string error_for(const std::string& yaml) {
  test::TempDir dir;
  const auto path = dir.path() / "cfg.yaml";
  test::write_file(path, yaml);
  try {
    load_config(path);
  } catch (const ConfigError& e) {
    std::string msg = e.what();
    if (msg.starts_with(path.string())) msg = "CFG" + msg.substr(path.string().size());
    return msg;
  }
  return "(loaded)";
}

struct ErrorCase {
  const char* yaml;
  const char* error;
};

class ConfigErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ConfigErrors, AreLocated) { EXPECT_EQ(error_for(GetParam().yaml), GetParam().error); }

INSTANTIATE_TEST_SUITE_P(
    Kinds, ConfigErrors,
    ::testing::Values(
        // Unknown keys, with the nearest known key.
        ErrorCase{
            "rules: {}\nsugestion-range: 50000-60000\n",
            "CFG:2:1: unknown key 'sugestion-range' in the configuration; did you mean 'suggestion-range'?"},
        ErrorCase{"policy:\n  denny: [23]\n", "CFG:2:3: unknown key 'denny' in policy; did you mean 'deny'?"},
        ErrorCase{"overrides:\n  - paths: [a]\n    rulez: {}\n",
                  "CFG:3:5: unknown key 'rulez' in an override; did you mean 'rules'?"},
        ErrorCase{"colour: always\n", "CFG:1:1: unknown key 'colour' in the configuration"},
        // Misspelt rule names and codes.
        ErrorCase{
            "rules:\n  reserverd-port: off\n",
            "CFG:2:3: unknown rule 'reserverd-port'; did you mean 'reserved-port'? (see `portpolicy rules`)"},
        ErrorCase{
            "overrides:\n  - paths: [a]\n    rules:\n      invalid-prot: off\n",
            "CFG:4:7: unknown rule 'invalid-prot'; did you mean 'invalid-port'? (see `portpolicy rules`)"},
        ErrorCase{"rules:\n  PP2011: off\n",
                  "CFG:2:3: unknown rule 'PP2011'; did you mean 'PP201'? (see `portpolicy rules`)"},
        ErrorCase{
            "rules:\n  reserved-port: loud\n",
            "CFG:2:18: rule setting 'loud' for reserved-port: expected error, warning, info, on or off"},
        ErrorCase{"rules:\n  reserved-port:\n",
                  "CFG:2:3: rule reserved-port has no setting: use error, warning, info, on or off"},
        ErrorCase{"rules:\n  reserved-port: off\n  PP201: error\n",
                  "CFG:3:3: rule reserved-port is set twice (first at line 2)"},
        // Wrong types.
        ErrorCase{"rules: [reserved-port]\n",
                  "CFG:1:8: 'rules' must map rule names or codes to error, warning, info, on or off"},
        ErrorCase{"rules:\n  reserved-port: [warning]\n",
                  "CFG:2:18: the setting of rule reserved-port must be a single value, not a list"},
        ErrorCase{"max-file-size: big\n",
                  "CFG:1:16: max-file-size must be a whole number of bytes, not 'big'"},
        ErrorCase{"max-file-size: -1\n", "CFG:1:16: max-file-size must be a whole number of bytes, not '-1'"},
        ErrorCase{"max-file-size: 0\n", "CFG:1:16: max-file-size must be more than 0"},
        ErrorCase{"policy: [23]\n", "CFG:1:9: 'policy' must be a mapping with allow, deny and listen-range"},
        ErrorCase{"policy:\n  deny: {port: 23}\n", "CFG:2:9: policy.deny must be a list of ports and ranges"},
        ErrorCase{"exclude: {a: 1}\n", "CFG:1:10: exclude must be a list of strings"},
        ErrorCase{"exclude: [[a]]\n", "CFG:1:11: exclude entries must be a single value, not a list"},
        ErrorCase{"overrides: {paths: [a]}\n", "CFG:1:12: 'overrides' must be a list of {paths, rules}"},
        ErrorCase{"overrides:\n  - rules: {reserved-port: off}\n", "CFG:2:5: an override needs 'paths'"},
        ErrorCase{"- rules\n", "CFG:1:1: the configuration must be a mapping of settings"},
        ErrorCase{"? [a, b]\n: 1\n",
                  "CFG:1:3: keys in the configuration must be plain names, not lists or mappings"},
        ErrorCase{"suggestion-range:\n", "CFG:1:1: 'suggestion-range' has no value"},
        ErrorCase{"rules: {}\nrules: {reserved-port: off}\n",
                  "CFG:2:1: 'rules' is set twice in the configuration (first at line 1)"},
        // Bad ranges.
        ErrorCase{"suggestion-range: 70000\n", "CFG:1:19: suggestion-range: 70000 goes past 65535"},
        ErrorCase{"suggestion-range: 9000-8000\n",
                  "CFG:1:19: suggestion-range: range 9000-8000 runs backwards"},
        ErrorCase{"suggestion-range: 0-100\n",
                  "CFG:1:19: suggestion-range: port 0 cannot be suggested (it means \"any free port\")"},
        ErrorCase{"suggestion-range: high\n",
                  "CFG:1:19: suggestion-range: 'high' is not a port or a range such as 49152-65535"},
        ErrorCase{"policy:\n  deny: [23, 6000-70000]\n", "CFG:2:14: policy.deny: 6000-70000 goes past 65535"},
        ErrorCase{"policy:\n  listen-range: 9000-8000\n",
                  "CFG:2:17: policy.listen-range: range 9000-8000 runs backwards"},
        // The tests section.
        ErrorCase{"tests: info\n", "CFG:1:8: 'tests' must be a mapping with paths, conventions and severity"},
        ErrorCase{"tests:\n  severty: off\n", "CFG:2:3: unknown key 'severty' in tests; did you mean 'severity'?"},
        ErrorCase{"tests:\n  severity: quiet\n",
                  "CFG:2:13: tests.severity 'quiet': expected error, warning, info, off or same"},
        ErrorCase{"tests:\n  conventions: maybe\n", "CFG:2:16: tests.conventions must be true or false, not 'maybe'"},
        ErrorCase{"tests:\n  paths: {a: 1}\n", "CFG:2:10: tests.paths must be a list of strings"},
        ErrorCase{"tests:\n  paths: [qa]\n  conventions: false\n  severity: same\n", "(loaded)"},
        // Not YAML at all.
        ErrorCase{"rules: [\n", "CFG:1:10: not valid YAML: did not find expected node content (while parsing a flow node)"},
        ErrorCase{"rules:\n \treserved-port: off\n",
                  "CFG:2:2: not valid YAML: a tab indents this line; YAML indents with spaces"},
        ErrorCase{"rules: {reserved-port: off}\npolicy: {deny: [23]}\n\t\n", "(loaded)"}));

TEST(Config, EmptyFileIsTheDefaults) {
  EXPECT_EQ(error_for(""), "(loaded)");
  EXPECT_EQ(error_for("# nothing set\n"), "(loaded)");
}

TEST(Config, RuleCodesAndNamesBothWork) {
  test::TempDir dir;
  test::write_file(dir.path() / "c.yaml", "rules:\n  PP201: error\n  unassigned-system-port: off\n");
  const Config c = load_config(dir.path() / "c.yaml");
  EXPECT_EQ(c.setting_for("reserved-port", "x").severity, core::Severity::kError);
  EXPECT_FALSE(c.setting_for("unassigned-system-port", "x").enabled);
  EXPECT_TRUE(c.setting_for("invalid-port", "x").enabled);
  EXPECT_FALSE(c.setting_for("invalid-port", "x").selected);
}

// A rule off by default is turned on by naming it, in the rules or in an override only.
TEST(Config, NamingARuleSelectsIt) {
  test::TempDir dir;
  test::write_file(
      dir.path() / "c.yaml",
      "rules:\n  reserved-port: warning\n  PP101: off\n"
      "overrides:\n  - paths: [\"legacy/**\"]\n    rules:\n      PP101: on\n      PP202: info\n");
  const Config c = load_config(dir.path() / "c.yaml");
  EXPECT_TRUE(c.setting_for("reserved-port", (dir.path() / "a.yaml").string()).selected);
  const std::string legacy = (dir.path() / "legacy" / "x" / "a.yaml").string();
  EXPECT_TRUE(c.setting_for("invalid-port", legacy).enabled);
  EXPECT_TRUE(c.setting_for("invalid-port", legacy).selected);
  EXPECT_TRUE(c.setting_for("unassigned-system-port", legacy).selected);
  EXPECT_FALSE(c.setting_for("invalid-port", (dir.path() / "a.yaml").string()).enabled);
}

// A tree with configs and compose files, checked through run_check.
struct CheckTree {
  test::TempDir dir;
  void write(const std::string& rel, const std::string& text) const {
    test::write_file(dir.path() / rel, text);
  }
  std::string path(const std::string& rel) const {
    return rel == "." ? dir.path().string() : (dir.path() / rel).string();
  }
  check::CheckResult check(const std::vector<std::string>& rels, check::CheckOptions opts = {}) const {
    std::vector<std::string> paths;
    for (const std::string& r : rels) paths.push_back(path(r));
    return check::run_check(paths, opts, registry::Registry::embedded());
  }
};

std::vector<std::string> summary(const check::CheckResult& r, const std::string& strip) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) {
    std::string p = d.path.starts_with(strip) ? d.path.substr(strip.size() + 1) : d.path;
    out.push_back(p + " " + d.code + " " + std::string(core::to_string(d.severity)));
  }
  return out;
}

TEST(ConfigLookup, FoundByWalkingUpFromEachPath) {
  CheckTree t;
  t.write(".portpolicy.yaml", "rules:\n  reserved-port: error\n");
  t.write("a/b/c/compose.yaml", kCompose254);
  t.write("other/.portpolicy.yaml", "rules:\n  reserved-port: info\n");
  t.write("other/deep/compose.yaml", kCompose254);
  const check::CheckResult r = t.check({"a/b/c/compose.yaml", "other/deep"});
  const std::string root = t.dir.path().string();
  EXPECT_EQ(summary(r, root), (std::vector<std::string>{"a/b/c/compose.yaml PP201 error",
                                                        "other/deep/compose.yaml PP201 info"}));
  EXPECT_EQ(r.config_files,
            (std::vector<std::string>{t.path(".portpolicy.yaml"), t.path("other/.portpolicy.yaml")}));
}

TEST(ConfigLookup, RelativePathsNameTheConfigRelatively) {
  CheckTree t;
  t.write(".portpolicy.yaml", "rules:\n  reserved-port: off\n");
  t.write("svc/compose.yaml", kCompose254);
  test::CwdGuard cwd(t.dir.path() / "svc");
  const check::CheckResult r = check::run_check({"compose.yaml"}, {}, registry::Registry::embedded());
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_EQ(r.config_files, std::vector<std::string>{"../.portpolicy.yaml"});
}

TEST(ConfigLookup, ExplicitConfigOverridesTheWalk) {
  CheckTree t;
  t.write(".portpolicy.yaml", "rules:\n  reserved-port: off\n");
  t.write("compose.yaml", kCompose254);
  t.write("ci/strict.yaml", "rules:\n  reserved-port: error\n");
  EXPECT_TRUE(t.check({"compose.yaml"}).diagnostics.empty());
  check::CheckOptions opts;
  opts.config_path = t.path("ci/strict.yaml");
  const check::CheckResult r = t.check({"compose.yaml"}, opts);
  EXPECT_EQ(summary(r, t.dir.path().string()), std::vector<std::string>{"compose.yaml PP201 error"});
  EXPECT_EQ(r.config_files, std::vector<std::string>{t.path("ci/strict.yaml")});
  // And through the command line.
  const test::CliRun cli =
      test::run_cli({"check", "--config", t.path("ci/strict.yaml"), t.path("compose.yaml")});
  EXPECT_EQ(cli.code, cli::kExitFindings);
  EXPECT_NE(cli.out.find(": error: port 254"), std::string::npos) << cli.out;
}

TEST(ConfigRules, SeverityOffAndOn) {
  CheckTree t;
  t.write("compose.yaml",
          "services:\n  web:\n    ports:\n      - \"254:8080\"\n      - \"278:8081\"\n"
          "      - \"70000:8082\"\n");
  t.write(".portpolicy.yaml",
          "rules:\n  reserved-port: error\n  unassigned-system-port: off\n  PP101: info\n");
  const std::string root = t.dir.path().string();
  EXPECT_EQ(summary(t.check({"."}), root),
            (std::vector<std::string>{"compose.yaml PP201 error", "compose.yaml PP101 info"}));
  t.write(".portpolicy.yaml", "rules:\n  unassigned-system-port: on\n");
  EXPECT_EQ(summary(t.check({"."}), root),
            (std::vector<std::string>{"compose.yaml PP201 warning", "compose.yaml PP202 warning",
                                      "compose.yaml PP101 error"}));
}

TEST(ConfigRules, PerPathOverrides) {
  CheckTree t;
  t.write(".portpolicy.yaml",
          "rules:\n  reserved-port: off\n"
          "overrides:\n"
          "  - paths: [\"prod/**\"]\n    rules:\n      reserved-port: error\n"
          "  - paths: [\"prod/sandbox/*\", \"*.dev.yaml\"]\n    rules:\n      reserved-port: off\n");
  for (const char* f : {"compose.yaml", "prod/compose.yaml", "prod/eu/compose.yaml",
                        "prod/sandbox/compose.yaml", "prod/eu/compose.dev.yaml"}) {
    t.write(f, kCompose254);
  }
  EXPECT_EQ(summary(t.check({"."}), t.dir.path().string()),
            (std::vector<std::string>{"prod/compose.yaml PP201 error", "prod/eu/compose.yaml PP201 error"}));
}

TEST(ConfigExclude, RelativeToTheConfigAndForNamedFilesToo) {
  CheckTree t;
  t.write(".portpolicy.yaml", "exclude:\n  - testdata\n  - deploy/old/*.yaml\n  - \"*.sample.yaml\"\n");
  for (const char* f :
       {"compose.yaml", "testdata/compose.yaml", "svc/testdata/x/compose.yaml", "deploy/old/compose.yaml",
        "deploy/new/compose.yaml", "deploy/old/keep/compose.yaml", "svc/compose.sample.yaml"}) {
    t.write(f, kCompose254);
  }
  const std::string root = t.dir.path().string();
  const std::vector<std::string> kept = {"compose.yaml PP201 warning",
                                         "deploy/new/compose.yaml PP201 warning",
                                         "deploy/old/keep/compose.yaml PP201 warning"};
  EXPECT_EQ(summary(t.check({"."}), root), kept);
  // Walking from a folder below the configuration: anchored globs still start at its folder.
  EXPECT_EQ(summary(t.check({"deploy"}), root),
            (std::vector<std::string>{"deploy/new/compose.yaml PP201 warning",
                                      "deploy/old/keep/compose.yaml PP201 warning"}));
  // Files named one by one, as pre-commit passes them.
  const check::CheckResult named = t.check(
      {"compose.yaml", "testdata/compose.yaml", "deploy/old/compose.yaml", "svc/compose.sample.yaml"});
  EXPECT_EQ(summary(named, root), std::vector<std::string>{"compose.yaml PP201 warning"});
  EXPECT_EQ(named.scan.files_scanned, 1u);
}

TEST(ConfigExclude, OwnConfigurationIsNotChecked) {
  CheckTree t;
  t.write(".portpolicy.yaml", "policy:\n  listen-range: 250-255\nsuggestion-range: 50000-50010\n");
  t.write("compose.yaml", kCompose254);
  const check::CheckResult r = t.check({".", ".portpolicy.yaml"});
  EXPECT_EQ(r.scan.files_scanned, 1u);
  // Whatever the rules say of compose.yaml, nothing is said of the configuration itself.
  const auto found = summary(r, t.dir.path().string());
  ASSERT_FALSE(found.empty());
  for (const std::string& f : found) EXPECT_TRUE(f.starts_with("compose.yaml ")) << f;
}

TEST(ConfigLimits, MaxFileSizeFromConfigAndCommandLine) {
  CheckTree t;
  t.write(".portpolicy.yaml", "max-file-size: 20\n");
  t.write("compose.yaml", kCompose254);  // 47 bytes
  check::CheckResult r = t.check({"."});
  EXPECT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.scan.skipped.size(), 1u);
  EXPECT_EQ(r.scan.skipped[0].reason, "larger than 20 bytes");
  check::CheckOptions opts;
  opts.max_file_size = 1000;  // --max-file-size wins over the configuration
  r = t.check({"."}, opts);
  EXPECT_EQ(r.diagnostics.size(), 1u);
  EXPECT_TRUE(r.scan.skipped.empty());
  const test::CliRun cli = test::run_cli({"check", "--max-file-size", "1000", t.path(".")});
  EXPECT_EQ(cli.code, cli::kExitFindings) << cli.out << cli.err;
  t.write(".portpolicy.yaml", "");
  opts.max_file_size = 10;
  EXPECT_EQ(t.check({"."}, opts).scan.skipped.size(), 1u);
  EXPECT_EQ(t.check({"."}).scan.skipped.size(), 0u) << "1 MiB by default";
}

TEST(ConfigLimits, SuggestionsLandInTheSuggestionRange) {
  CheckTree t;
  t.write(".portpolicy.yaml", "suggestion-range: 60000-60004\n");
  t.write("compose.yaml",
          "services:\n  web:\n    ports:\n      - \"254:254\"\n      - \"253:253\"\n"
          "      - \"60001:80\"\n");
  const check::CheckResult r = t.check({"."});
  ASSERT_EQ(r.diagnostics.size(), 4u);
  std::vector<std::uint32_t> got;
  for (const auto& d : r.diagnostics) {
    ASSERT_TRUE(d.suggestion.has_value());
    got.push_back(*d.suggestion);
    EXPECT_NE(d.message.find("use a port in 60000-60004, e.g. " + std::to_string(*d.suggestion)),
              std::string::npos)
        << d.message;
  }
  std::sort(got.begin(), got.end());
  // Distinct, inside the range, and never 60001, which the tree already uses.
  EXPECT_EQ(got, (std::vector<std::uint32_t>{60000, 60002, 60003, 60004}));
  // Stable for the same input.
  const check::CheckResult again = t.check({"."});
  for (std::size_t i = 0; i < r.diagnostics.size(); ++i) {
    EXPECT_EQ(again.diagnostics[i].suggestion, r.diagnostics[i].suggestion);
  }
}

TEST(ConfigLimits, FullSuggestionRangeGivesNoSuggestion) {
  CheckTree t;
  t.write(".portpolicy.yaml", "suggestion-range: 60000-60000\n");
  t.write("compose.yaml", "services:\n  web:\n    ports:\n      - \"254:254\"\n");
  const check::CheckResult r = t.check({"."});
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].suggestion, std::optional<std::uint32_t>(60000));
  EXPECT_FALSE(r.diagnostics[1].suggestion.has_value());
  EXPECT_EQ(r.diagnostics[1].message.find("e.g."), std::string::npos);
}

}  // namespace
}  // namespace portpolicy::config
