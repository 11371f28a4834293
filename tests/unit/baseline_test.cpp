#include "check/baseline.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "check/checker.h"
#include "cli/commands.h"
#include "registry/registry.h"
#include "test_util.h"

namespace portpolicy::check {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "portpolicy");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out, err;
  const int code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

// The unsuppressed findings of a JSON report, as "line:value code".
std::vector<std::string> reported(const CliRun& r) {
  std::vector<std::string> out;
  const auto doc = nlohmann::json::parse(r.out);
  for (const auto& f : doc["findings"]) {
    if (f["suppressed"].get<bool>()) continue;
    out.push_back(std::to_string(f["line"].get<int>()) + ":" + std::to_string(f["value"].get<int>()) + " " +
                  f["code"].get<std::string>());
  }
  return out;
}

const char* kCompose =
    "services:\n"
    "  web:\n"
    "    ports:\n"
    "      - \"254:8080\"\n"
    "      - \"253:8080\"\n";

Diagnostic diag(std::string path, std::string code, std::uint64_t value, std::string fingerprint) {
  Diagnostic d;
  d.path = std::move(path);
  d.code = std::move(code);
  d.rule = "reserved-port";
  d.value = value;
  d.fingerprint = std::move(fingerprint);
  return d;
}

TEST(Baseline, FingerprintIgnoresSurroundingWhiteSpace) {
  EXPECT_EQ(line_fingerprint("  - \"254:8080\"\t"), line_fingerprint("- \"254:8080\""));
  EXPECT_NE(line_fingerprint("- \"254:8080\""), line_fingerprint("- \"254:8081\""));
  EXPECT_EQ(line_fingerprint("x").size(), 16u);
}

TEST(Baseline, RoundTripThroughTheCommandLine) {
  test::TempDir dir;
  const fs::path compose = dir.path() / "tree/compose.yaml";
  const std::string base = (dir.path() / "portpolicy-baseline.json").string();
  const std::string root = (dir.path() / "tree").string();
  test::write_file(compose, kCompose);

  // Writing records today's findings and exits 0 even though there are findings.
  EXPECT_EQ(run_cli({"check", root}).code, cli::kExitFindings);
  const CliRun wrote = run_cli({"check", "--write-baseline", base, root});
  EXPECT_EQ(wrote.code, cli::kExitClean) << wrote.err;
  EXPECT_EQ(wrote.out, "recorded 2 findings in " + base + "\n");
  const auto doc = nlohmann::json::parse(test::slurp(base));
  EXPECT_EQ(doc["version"], kBaselineVersion);
  ASSERT_EQ(doc["findings"].size(), 2u);
  EXPECT_EQ(doc["findings"][0]["path"], compose.string());
  EXPECT_EQ(doc["findings"][0]["code"], "PP201");
  EXPECT_EQ(doc["findings"][0]["rule"], "reserved-port");
  EXPECT_EQ(doc["findings"][0]["value"], 253);  // sorted by path, code, value
  EXPECT_EQ(doc["findings"][0]["fingerprint"], line_fingerprint("- \"253:8080\""));
  EXPECT_EQ(doc["findings"][0]["occurrence"], 0);
  EXPECT_EQ(doc["findings"][1]["value"], 254);

  // Re-run against it: nothing new.
  const CliRun same = run_cli({"check", "--baseline", base, "--format", "json", root});
  EXPECT_EQ(same.code, cli::kExitClean) << same.out;
  EXPECT_TRUE(reported(same).empty());
  EXPECT_EQ(nlohmann::json::parse(same.out)["findings"][0]["suppressed_by"], "baseline");

  // A new port: only it is reported.
  test::write_file(compose, std::string(kCompose) + "      - \"252:8080\"\n");
  const CliRun added = run_cli({"check", "--baseline", base, "--format", "json", root});
  EXPECT_EQ(added.code, cli::kExitFindings);
  EXPECT_EQ(reported(added), std::vector<std::string>{"6:252 PP201"});

  // Lines inserted above and the recorded lines swapped: still nothing new.
  test::write_file(compose,
                   "# the web tier\nservices:\n  web:\n    image: nginx\n    ports:\n"
                   "      - \"253:8080\"\n      - \"254:8080\"\n");
  const CliRun moved = run_cli({"check", "--baseline", base, "--format", "json", root});
  EXPECT_EQ(moved.code, cli::kExitClean) << moved.out;
  EXPECT_TRUE(reported(moved).empty());

  // The recorded line itself edited: the finding is new again.
  test::write_file(compose, "services:\n  web:\n    ports:\n      - \"254:8081\"\n      - \"253:8080\"\n");
  EXPECT_EQ(reported(run_cli({"check", "--baseline", base, "--format", "json", root})),
            std::vector<std::string>{"4:254 PP201"});
}

// Equal lines that are not duplicates of each other (expose publishes nothing).
TEST(Baseline, EqualLinesMatchInOrder) {
  test::TempDir dir;
  const fs::path compose = dir.path() / "tree/compose.yaml";
  const std::string base = (dir.path() / "b.json").string();
  const std::string root = (dir.path() / "tree").string();
  test::write_file(
      compose, "services:\n  a:\n    expose:\n      - \"254\"\n  b:\n    expose:\n      - \"254\"\n");
  ASSERT_EQ(run_cli({"check", "--write-baseline", base, root}).code, cli::kExitClean);
  const auto doc = nlohmann::json::parse(test::slurp(base));
  ASSERT_EQ(doc["findings"].size(), 2u);
  EXPECT_EQ(doc["findings"][0]["occurrence"], 0);
  EXPECT_EQ(doc["findings"][1]["occurrence"], 1);
  // A third copy of the same line: the first two match, the third is new.
  test::write_file(
      compose,
      "services:\n  a:\n    expose:\n      - \"254\"\n  b:\n    expose:\n      - \"254\"\n"
      "  c:\n    expose:\n      - \"254\"\n");
  EXPECT_EQ(reported(run_cli({"check", "--baseline", base, "--format", "json", root})),
            std::vector<std::string>{"10:254 PP201"});
}

TEST(Baseline, InlineSuppressedFindingsAreNotRecorded) {
  std::vector<Diagnostic> diags = {diag("a.yaml", "PP201", 254, "f1"), diag("a.yaml", "PP201", 253, "f2"),
                                   diag("a.yaml", "PP201", 252, "f3")};
  diags[0].suppressed = true;
  diags[0].suppressed_by = "inline";
  diags[1].suppressed = true;
  diags[1].suppressed_by = "baseline";  // re-recording keeps what the old baseline held
  const auto entries = make_baseline(diags);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].value, 252u);
  EXPECT_EQ(entries[1].value, 253u);
}

TEST(Baseline, RelativePathsStayAsGivenAndMatchWithOrWithoutDotSlash) {
  const std::vector<Diagnostic> recorded = {diag("deploy/compose.yaml", "PP201", 254, "f1")};
  const auto entries = make_baseline(recorded);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].path, "deploy/compose.yaml");
  EXPECT_NE(baseline_json(entries).find("\"path\": \"deploy/compose.yaml\""), std::string::npos);

  std::vector<Diagnostic> now = {diag("./deploy/compose.yaml", "PP201", 254, "f1"),
                                 diag("./deploy/compose.yaml", "PP201", 254, "other line"),
                                 diag("./deploy/compose.yaml", "PP101", 254, "f1")};
  EXPECT_EQ(apply_baseline(now, entries), 1u);
  EXPECT_TRUE(now[0].suppressed);
  EXPECT_EQ(now[0].suppressed_by, "baseline");
  EXPECT_FALSE(now[1].suppressed);
  EXPECT_FALSE(now[2].suppressed);
}

TEST(Baseline, JsonRoundTrip) {
  const auto entries =
      make_baseline({diag("b.yaml", "PP201", 254, "f1"), diag("a.yaml", "PP101", 70000, "f2")});
  const auto back = parse_baseline(baseline_json(entries), "x.json");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].path, "a.yaml");
  EXPECT_EQ(back[0].value, 70000u);
  EXPECT_EQ(back[1].path, "b.yaml");
  EXPECT_EQ(back[1].fingerprint, "f1");
}

TEST(Baseline, BadBaselineFilesAreErrorsNamingTheFile) {
  const auto message = [](std::string_view text) {
    try {
      parse_baseline(text, "base.json");
    } catch (const BaselineError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("{").find("base.json: not a valid portpolicy baseline: JSON error"), std::string::npos);
  EXPECT_NE(message("[]").find("base.json"), std::string::npos);
  EXPECT_NE(message(R"({"findings": []})").find("missing \"version\""), std::string::npos);
  EXPECT_NE(message(R"({"version": 9, "findings": []})").find("version 9 is not supported"),
            std::string::npos);
  EXPECT_NE(message(R"({"version": 1})").find("\"findings\""), std::string::npos);
  EXPECT_NE(message(R"({"version": 1, "findings": [{"path": "a", "code": "PP201", "value": "254",
                        "fingerprint": "f", "occurrence": 0}]})")
                .find("findings[0].value must be a number"),
            std::string::npos);
  EXPECT_EQ(message(R"({"version": 1, "findings": []})"), "no error");

  test::TempDir dir;
  test::write_file(dir.path() / "compose.yaml", kCompose);
  const std::string missing = (dir.path() / "nope.json").string();
  const CliRun r = run_cli({"check", "--baseline", missing, dir.path().string()});
  EXPECT_EQ(r.code, cli::kExitError);
  EXPECT_NE(r.err.find(missing + ": cannot read the baseline"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());

  const fs::path broken = dir.path() / "broken.json";
  test::write_file(broken, "not json");
  const CliRun b = run_cli({"check", "--baseline", broken.string(), dir.path().string()});
  EXPECT_EQ(b.code, cli::kExitError);
  EXPECT_NE(b.err.find(broken.string() + ": not a valid portpolicy baseline"), std::string::npos) << b.err;

  const CliRun unwritable = run_cli(
      {"check", "--write-baseline", (dir.path() / "no/such/dir/b.json").string(), dir.path().string()});
  EXPECT_EQ(unwritable.code, cli::kExitError);
  EXPECT_NE(unwritable.err.find("cannot write the baseline"), std::string::npos);
}

}  // namespace
}  // namespace portpolicy::check
