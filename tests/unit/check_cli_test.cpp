// `portpolicy check` as a command: exit codes, --fail-on, --exit-zero, --quiet,
// --statistics, errors that exit 2, the README's example tree, and `portpolicy init`.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <tuple>

#include "cli_runner.h"
#include "config/config.h"
#include "test_util.h"

namespace portpolicy::check {
namespace {

using cli::kExitClean;
using cli::kExitError;
using cli::kExitFindings;
using test::run_cli;

constexpr const char* kCompose254 = "services:\n  web:\n    ports:\n      - \"254:8080\"\n";
constexpr const char* kCompose51234 = "services:\n  web:\n    ports:\n      - \"51234:8080\"\n";

// A temporary tree with its own (empty: default) configuration, so nothing above it counts.
struct Tree {
  test::TempDir dir;
  explicit Tree(const std::string& compose, const std::string& config = "") {
    test::write_file(dir.path() / ".portpolicy.yaml", config);
    test::write_file(dir.path() / "compose.yaml", compose);
  }
  std::string path(const std::string& rel = "") const { return (dir.path() / rel).string(); }
};

TEST(CheckExit, CleanTreeExitsZero) {
  Tree t(kCompose51234);
  const test::CliRun r = run_cli({"check", t.path()});
  EXPECT_EQ(r.code, kExitClean) << r.out << r.err;
  EXPECT_EQ(r.out, "no findings in 1 file\n");
}

TEST(CheckExit, WarningsFailByDefault) {
  Tree t(kCompose254);
  const test::CliRun r = run_cli({"check", t.path()});
  EXPECT_EQ(r.code, kExitFindings);
  EXPECT_NE(r.out.find("compose.yaml:4:10: warning: port 254/tcp+udp is reserved"), std::string::npos)
      << r.out;
  EXPECT_EQ(run_cli({"check", "--fail-on", "warning", t.path()}).code, kExitFindings);
  EXPECT_EQ(run_cli({"check", "--fail-on", "info", t.path()}).code, kExitFindings);
}

TEST(CheckExit, FailOnErrorIgnoresWarnings) {
  Tree t(kCompose254);
  const test::CliRun r = run_cli({"check", "--fail-on", "error", t.path()});
  EXPECT_EQ(r.code, kExitClean);
  EXPECT_NE(r.out.find("warning: port 254"), std::string::npos) << "still reported";
  Tree invalid("services:\n  web:\n    ports:\n      - \"70000:8080\"\n");
  EXPECT_EQ(run_cli({"check", "--fail-on", "error", invalid.path()}).code, kExitFindings);
}

TEST(CheckExit, InfoFindingsFailOnlyWithFailOnInfo) {
  Tree t(kCompose254, "rules:\n  reserved-port: info\n");
  const test::CliRun r = run_cli({"check", t.path()});
  EXPECT_EQ(r.code, kExitClean) << r.out;
  EXPECT_NE(r.out.find(": info: port 254"), std::string::npos) << r.out;
  EXPECT_EQ(run_cli({"check", "--fail-on", "warning", t.path()}).code, kExitClean);
  EXPECT_EQ(run_cli({"check", "--fail-on", "info", t.path()}).code, kExitFindings);
}

TEST(CheckExit, ExitZeroReportsButPasses) {
  Tree t(kCompose254);
  const test::CliRun r = run_cli({"check", "--exit-zero", t.path()});
  EXPECT_EQ(r.code, kExitClean);
  EXPECT_NE(r.out.find("[PP201 reserved-port]"), std::string::npos);
  EXPECT_EQ(run_cli({"check", "--exit-zero", "--format", "json", t.path()}).code, kExitClean);
}

TEST(CheckExit, UsageErrorsExitTwo) {
  Tree t(kCompose51234);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"check", "--bogus", t.path()},
                                               {"check", "--fail-on", "fatal", t.path()},
                                               {"check", "--format", "xml", t.path()},
                                               {"check", "--color", "sometimes", t.path()},
                                               {"check", "--max-file-size", "0", t.path()},
                                               {"check", "--config", t.path("missing.yaml"), t.path()}}) {
    const test::CliRun r = run_cli(args);
    EXPECT_EQ(r.code, kExitError) << args[1];
    EXPECT_FALSE(r.err.empty()) << args[1];
    EXPECT_EQ(r.out.find("finding"), std::string::npos) << args[1];
  }
}

TEST(CheckExit, ConfigErrorExitsTwoWithLocation) {
  Tree t(kCompose254, "rules:\n  reserverd-port: off\n");
  const test::CliRun r = run_cli({"check", t.path()});
  EXPECT_EQ(r.code, kExitError);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find(t.path(".portpolicy.yaml") + ":2:3: unknown rule 'reserverd-port'; did you mean "
                                                    "'reserved-port'?"),
            std::string::npos)
      << r.err;
}

TEST(CheckExit, MissingPathExitsTwo) {
  Tree t(kCompose254);
  const test::CliRun r = run_cli({"check", t.path("compose.yaml"), t.path("nope.yaml")});
  EXPECT_EQ(r.code, kExitError);
  EXPECT_NE(r.err.find("nope.yaml"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(CheckExit, BrokenRegistryFileExitsTwo) {
  Tree t(kCompose254);
  for (const char* f : {"empty.xml", "truncated.xml", "wrong-columns.csv"}) {
    const std::string reg = std::string(PP_TEST_DIR) + "/fixtures/registry/" + f;
    const test::CliRun r = run_cli({"--registry", reg, "check", t.path()});
    EXPECT_EQ(r.code, kExitError) << f;
    EXPECT_NE(r.err.find(f), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  // A good registry file is used instead of the snapshot: its date is in the message.
  const test::CliRun ok =
      run_cli({"--registry", std::string(PP_TEST_DIR) + "/fixtures/registry/mini.xml", "check", t.path()});
  EXPECT_EQ(ok.code, kExitFindings) << ok.err;
  EXPECT_NE(ok.out.find("(249-255, RFC 1060; registry 2031-02-03)"), std::string::npos) << ok.out;
}

// Equal findings draw different suggestions; once the range is used up the rest get none.
TEST(CheckSuggestions, EqualFindingsGetDistinctPortsUntilTheRangeIsFull) {
  std::string env;
  for (int i = 0; i < 15; ++i) env += "PORT_" + std::to_string(i) + "=254\n";
  Tree t(kCompose51234, "suggestion-range: 51000-51009\n");
  test::write_file(t.dir.path() / "many.env", env);
  const test::CliRun r = run_cli({"check", "--format", "json", t.path()});
  ASSERT_EQ(r.code, kExitFindings) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::set<std::uint32_t> suggested;
  std::size_t without = 0;
  for (const auto& f : doc["findings"]) {
    if (f["suggestion"].is_null()) {
      ++without;
      continue;
    }
    const auto port = f["suggestion"].get<std::uint32_t>();
    EXPECT_GE(port, 51000u);
    EXPECT_LE(port, 51009u);
    suggested.insert(port);
  }
  EXPECT_EQ(suggested.size(), 10u);
  EXPECT_EQ(without, 5u);
}

// `check --stdin-filename PATH -`: standard input checked as PATH, which need not exist; its
// format, configuration (severities, excludes) and ignore comments are PATH's.
TEST(CheckStdin, ContentIsCheckedAsTheNamedPath) {
  Tree t(kCompose51234, "rules:\n  reserved-port: error\nexclude: [legacy]\n");
  const std::string named = t.path("svc/compose.yaml");  // no such file on disk
  std::string unsaved = std::string(kCompose254) + "      - \"253:80\"  # portpolicy: ignore[PP201] -- kept\n";
  test::CliRun r = test::run_cli_stdin(unsaved, {"check", "--stdin-filename", named, "-"});
  EXPECT_EQ(r.code, kExitFindings) << r.err;
  EXPECT_NE(r.out.find(named + ":4:10: error: port 254/tcp+udp is reserved"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(":5:10:"), std::string::npos) << r.out;  // the ignore comment is honoured
  EXPECT_NE(r.out.find("1 finding (1 error, 0 warnings, 0 infos) in 1 file, 1 suppressed"), std::string::npos) << r.out;

  // The file on disk is not what is read: its content is clean, standard input is not.
  r = test::run_cli_stdin(kCompose254, {"check", "--stdin-filename", t.path("compose.yaml"), "-"});
  EXPECT_EQ(r.code, kExitFindings) << r.out;
  // Without '-', --stdin-filename alone reads standard input too.
  r = test::run_cli_stdin(kCompose254, {"check", "--format", "json", "--stdin-filename", named});
  ASSERT_EQ(r.code, kExitFindings) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["findings"][0]["path"], named);
  // The format is chosen by the name: the same text as a .txt file is not read.
  r = test::run_cli_stdin(kCompose254, {"check", "--stdin-filename", t.path("notes.txt"), "-"});
  EXPECT_EQ(r.code, kExitClean) << r.out;
  // Excluded by the configuration: not checked.
  r = test::run_cli_stdin(kCompose254, {"check", "--stdin-filename", t.path("legacy/compose.yaml"), "-"});
  EXPECT_EQ(r.code, kExitClean) << r.out;
  EXPECT_NE(r.out.find("no findings in 0 files"), std::string::npos) << r.out;
  // Standard input together with files on disk.
  r = test::run_cli_stdin(kCompose254, {"check", "--stdin-filename", named, "-", t.path("compose.yaml")});
  EXPECT_EQ(r.code, kExitFindings) << r.out;
  EXPECT_NE(r.out.find("in 2 files"), std::string::npos) << r.out;
}

TEST(CheckStdin, DashWithoutAFileNameIsAUsageError) {
  const test::CliRun r = test::run_cli_stdin(kCompose254, {"check", "-"});
  EXPECT_EQ(r.code, kExitError);
  EXPECT_NE(r.err.find("'-' reads standard input, which needs --stdin-filename PATH"), std::string::npos) << r.err;
}

TEST(CheckOutputFlags, QuietDropsTheSummaryOnly) {
  Tree t(kCompose254);
  const test::CliRun r = run_cli({"check", "--quiet", t.path()});
  EXPECT_EQ(r.code, kExitFindings);
  EXPECT_EQ(test::count_of(r.out, "\n"), 1u) << r.out;
  EXPECT_NE(r.out.find("warning: port 254"), std::string::npos);
  EXPECT_EQ(r.out.find("finding"), std::string::npos);
  Tree clean(kCompose51234);
  const test::CliRun q = run_cli({"check", "-q", clean.path()});
  EXPECT_EQ(q.code, kExitClean);
  EXPECT_EQ(q.out, "");
}

TEST(CheckOutputFlags, StatisticsCountPerRule) {
  Tree t(
      "services:\n  web:\n    ports:\n      - \"254:254\"\n      - \"253:80\"\n      - \"278:80\"\n"
      "      - \"70000:80\"\n");
  const test::CliRun r = run_cli({"check", "--statistics", t.path()});
  EXPECT_EQ(r.code, kExitFindings);
  EXPECT_NE(
      r.out.find(
          "\n     1  PP101 invalid-port\n     3  PP201 reserved-port\n"
          "     1  PP202 unassigned-system-port\n5 findings (1 error, 4 warnings, 0 infos) in 1 file\n"),
      std::string::npos)
      << r.out;
  const test::CliRun q = run_cli({"check", "--statistics", "--quiet", t.path()});
  EXPECT_TRUE(q.out.ends_with("     1  PP202 unassigned-system-port\n")) << q.out;
}

// pre-commit appends file names after the hook's arguments: they must stay paths.
TEST(CheckOutputFlags, ExcludeTakesOneGlobEach) {
  Tree t(kCompose254);
  test::write_file(t.dir.path() / "gen" / "compose.yaml", kCompose254);
  const test::CliRun r = run_cli({"check", "--format", "json", "--exclude", "gen", t.path()});
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["summary"]["files_scanned"], 1) << r.out;
  EXPECT_EQ(doc["findings"][0]["path"], t.path("compose.yaml"));
}

// The README's first command checks examples/: these are the findings it shows.
TEST(CheckExamples, ReadmeTreeFindings) {
  test::CwdGuard cwd(PP_SOURCE_DIR);
  const test::CliRun r = run_cli({"check", "--format", "json", "examples"});
  EXPECT_EQ(r.code, kExitFindings) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::set<std::tuple<std::string, int, int, int, std::string>> got;
  for (const auto& f : doc["findings"]) {
    got.emplace(f["path"], f["line"], f["column"], f["value"], f["rule"]);
    EXPECT_GE(f["suggestion"].get<int>(), 49152);
  }
  const std::set<std::tuple<std::string, int, int, int, std::string>> want = {
      {"examples/shop/compose.yaml", 7, 10, 254, "reserved-port"},
      {"examples/shop/compose.yaml", 7, 14, 254, "reserved-port"},
      {"examples/shop/compose.yaml", 28, 10, 278, "unassigned-system-port"},
      {"examples/shop/k8s/api.yaml", 20, 30, 253, "reserved-port"},
      {"examples/shop/Dockerfile", 5, 13, 251, "reserved-port"},
  };
  EXPECT_EQ(got, want) << r.out;
  const test::CliRun text = run_cli({"check", "examples"});
  EXPECT_NE(
      text.out.find("examples/shop/compose.yaml:28:10: warning: port 278/udp is an unassigned System port"),
      std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("examples/shop/Dockerfile:5:13: warning: port 251/udp is reserved by IANA"),
            std::string::npos);
  EXPECT_TRUE(text.out.ends_with("5 findings (0 errors, 5 warnings, 0 infos) in 5 files\n")) << text.out;
}

TEST(Init, WritesAStarterThatLoadsAndKeepsDefaults) {
  test::TempDir dir;
  const std::string path = (dir.path() / ".portpolicy.yaml").string();
  const test::CliRun r = run_cli({"init", "--output", path});
  ASSERT_EQ(r.code, kExitClean) << r.err;
  EXPECT_EQ(r.out, "wrote " + path + "\n");
  const config::Config c = config::load_config(path);
  EXPECT_EQ(c.suggestion_range.first, 49152u);
  EXPECT_EQ(c.suggestion_range.last, 65535u);
  EXPECT_EQ(c.max_file_size, 1024u * 1024u);
  EXPECT_TRUE(c.setting_for("reserved-port", "x.yaml").enabled);
  // It is a commented file, not a bare dump of the defaults.
  EXPECT_GE(test::count_of(test::slurp(path), "\n#"), 10u);
  // Checking under it finds what the defaults find.
  test::write_file(dir.path() / "compose.yaml", kCompose254);
  const test::CliRun check = run_cli({"check", "--format", "json", dir.path().string()});
  EXPECT_EQ(check.code, kExitFindings) << check.err;
  const auto doc = nlohmann::json::parse(check.out);
  EXPECT_EQ(doc["summary"]["findings"], 1);
  EXPECT_EQ(doc["summary"]["config_files"], nlohmann::json::array({path}));
}

TEST(Init, RefusesToOverwriteWithoutForce) {
  test::TempDir dir;
  const std::string path = (dir.path() / "mine.yaml").string();
  test::write_file(path, "rules:\n  reserved-port: off\n");
  const test::CliRun r = run_cli({"init", "--output", path});
  EXPECT_EQ(r.code, kExitError);
  EXPECT_NE(r.err.find("already exists (use --force to overwrite)"), std::string::npos) << r.err;
  EXPECT_EQ(test::slurp(path), "rules:\n  reserved-port: off\n");
  const test::CliRun forced = run_cli({"init", "--force", "--output", path});
  EXPECT_EQ(forced.code, kExitClean) << forced.err;
  EXPECT_EQ(test::slurp(path), config::starter_config());
}

TEST(Init, WritesIntoTheWorkingDirectoryByDefault) {
  test::TempDir dir;
  test::CwdGuard cwd(dir.path());
  EXPECT_EQ(run_cli({"init"}).code, kExitClean);
  EXPECT_EQ(test::slurp(dir.path() / ".portpolicy.yaml"), config::starter_config());
  EXPECT_EQ(run_cli({"init"}).code, kExitError);
}

TEST(Init, UnwritablePathIsAnError) {
  test::TempDir dir;
  const test::CliRun r = run_cli({"init", "--output", (dir.path() / "no" / "such" / "dir.yaml").string()});
  EXPECT_EQ(r.code, kExitError);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace portpolicy::check
