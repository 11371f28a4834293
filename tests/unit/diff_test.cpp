#include "check/git_diff.h"

#include <gtest/gtest.h>

#include <cstdlib>
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

// Runs git in `dir` with a fixed identity; fails the test when git fails.
void git(const fs::path& dir, const std::string& args) {
  const std::string cmd =
      "git -C '" + dir.string() +
      "' -c user.name=portpolicy -c user.email=test@example.invalid -c init.defaultBranch=main " + args +
      " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

// A repository with one commit holding compose.yaml (254 on line 4, 253 on line 5).
void make_repo(const fs::path& dir) {
  test::write_file(dir / "compose.yaml",
                   "services:\n  web:\n    ports:\n      - \"254:8080\"\n      - \"253:8080\"\n");
  test::write_file(dir / "old.yaml", "services:\n  db:\n    ports:\n      - \"252:5432\"\n");
  git(dir, "init -q");
  git(dir, "add -A");
  git(dir, "commit -q -m initial");
}

std::vector<std::string> describe(const CheckResult& r, const fs::path& root) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.diagnostics) {
    out.push_back(fs::path(d.path).lexically_relative(root).string() + ":" + std::to_string(d.begin.line) +
                  ":" + std::to_string(d.value) + " " + d.code);
  }
  return out;
}

CheckResult check_since(const fs::path& root, const std::string& ref) {
  CheckOptions opts;
  opts.today = "2025-01-15";
  opts.diff_ref = ref;
  return run_check({root.string()}, opts, registry::Registry::embedded());
}

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

TEST(Diff, OnlyFindingsOnChangedLines) {
  test::TempDir dir;
  make_repo(dir.path());
  // Nothing changed: nothing to report, though the tree has three findings.
  EXPECT_TRUE(check_since(dir.path(), "HEAD").diagnostics.empty());

  // One line modified, one inserted above it: only those two lines count.
  test::write_file(
      dir.path() / "compose.yaml",
      "services:\n  web:\n    ports:\n      - \"251:8080\"\n      - \"254:8080\"\n      - \"250:8080\"\n");
  EXPECT_EQ(describe(check_since(dir.path(), "HEAD"), dir.path()),
            (std::vector<std::string>{"compose.yaml:4:251 PP201", "compose.yaml:6:250 PP201"}));
}

TEST(Diff, StagedAndUntrackedFilesAreNew) {
  test::TempDir dir;
  make_repo(dir.path());
  test::write_file(dir.path() / "staged.yaml", "services:\n  a:\n    ports:\n      - \"249:80\"\n");
  git(dir.path(), "add staged.yaml");
  test::write_file(dir.path() / "sub/untracked.yaml", "services:\n  a:\n    ports:\n      - \"12:80\"\n");
  EXPECT_EQ(describe(check_since(dir.path(), "HEAD"), dir.path()),
            (std::vector<std::string>{"staged.yaml:4:249 PP201", "sub/untracked.yaml:4:12 PP202"}));
}

TEST(Diff, OlderRefsAndBranches) {
  test::TempDir dir;
  make_repo(dir.path());
  git(dir.path(), "branch base");
  test::write_file(dir.path() / "old.yaml", "services:\n  db:\n    ports:\n      - \"8:5432\"\n");
  git(dir.path(), "commit -q -am second");
  // Committed since `base`, unchanged since HEAD.
  EXPECT_TRUE(check_since(dir.path(), "HEAD").diagnostics.empty());
  EXPECT_EQ(describe(check_since(dir.path(), "base"), dir.path()),
            std::vector<std::string>{"old.yaml:4:8 PP202"});
  EXPECT_EQ(describe(check_since(dir.path(), "HEAD~1"), dir.path()),
            std::vector<std::string>{"old.yaml:4:8 PP202"});
}

TEST(Diff, ChangedLinesRanges) {
  test::TempDir dir;
  make_repo(dir.path());
  test::write_file(dir.path() / "compose.yaml",
                   "services:\n  web:\n    ports:\n      - \"254:8080\"\n      - \"9:8080\"\n");
  const std::string file = (dir.path() / "compose.yaml").string();
  const ChangedLines changed = ChangedLines::since("HEAD", {dir.path().string()}, {file});
  EXPECT_TRUE(changed.touches(file, 5, 5));
  EXPECT_TRUE(changed.touches(file, 3, 6));
  EXPECT_FALSE(changed.touches(file, 4, 4));
  EXPECT_FALSE(changed.touches((dir.path() / "old.yaml").string(), 1, 100));
}

TEST(Diff, OutsideARepositoryOrABadRefIsAnError) {
  test::TempDir outside;
  test::write_file(outside.path() / "compose.yaml", "services:\n  a:\n    ports:\n      - \"254:80\"\n");
  try {
    check_since(outside.path(), "HEAD");
    ADD_FAILURE() << "no error outside a repository";
  } catch (const DiffError& e) {
    EXPECT_NE(std::string(e.what()).find(outside.path().string() + ": not in a git repository"),
              std::string::npos)
        << e.what();
  }
  const CliRun r = run_cli({"check", "--diff", "HEAD", outside.path().string()});
  EXPECT_EQ(r.code, cli::kExitError);
  EXPECT_NE(r.err.find("not in a git repository"), std::string::npos) << r.err;

  test::TempDir repo;
  make_repo(repo.path());
  const CliRun bad = run_cli({"check", "--diff", "no-such-branch", repo.path().string()});
  EXPECT_EQ(bad.code, cli::kExitError);
  EXPECT_NE(bad.err.find("--diff no-such-branch: no such revision"), std::string::npos) << bad.err;
  EXPECT_TRUE(bad.out.empty());
}

TEST(Diff, ExitCodeFollowsTheKeptFindings) {
  test::TempDir dir;
  make_repo(dir.path());
  EXPECT_EQ(run_cli({"check", dir.path().string()}).code, cli::kExitFindings);
  EXPECT_EQ(run_cli({"check", "--diff", "HEAD", dir.path().string()}).code, cli::kExitClean);
  test::write_file(dir.path() / "old.yaml", "services:\n  db:\n    ports:\n      - \"6:5432\"\n");
  const CliRun r = run_cli({"check", "--diff", "HEAD", dir.path().string()});
  EXPECT_EQ(r.code, cli::kExitFindings);
  EXPECT_NE(r.out.find("old.yaml:4:"), std::string::npos);
  EXPECT_EQ(r.out.find("compose.yaml"), std::string::npos);
}

}  // namespace
}  // namespace portpolicy::check
