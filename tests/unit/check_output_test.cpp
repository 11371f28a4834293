// `portpolicy check` output: golden files for every format on tests/golden/check/tree, and
// terminal behaviour (source lines, colour, NO_COLOR) under a real pseudo-terminal.
#include <gtest/gtest.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <set>

#include "cli_runner.h"
#include "test_util.h"

namespace portpolicy::check {
namespace {

const std::filesystem::path kGoldenDir = std::filesystem::path(PP_TEST_DIR) / "golden" / "check";

struct GoldenCase {
  std::string name;  // golden file name
  std::vector<std::string> args;
};

// Golden files: tests/golden/check/<name>. Regenerate with PORTPOLICY_UPDATE_GOLDEN=1 after a
// deliberate change, and review the diff.
class CheckGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(CheckGolden, MatchesFile) {
  const GoldenCase& c = GetParam();
  test::CwdGuard cwd(kGoldenDir);
  std::vector<std::string> args = {"check"};
  args.insert(args.end(), c.args.begin(), c.args.end());
  args.push_back("tree");
  test::CliRun r = test::run_cli(args);
  EXPECT_EQ(r.code, cli::kExitFindings) << r.err;
  EXPECT_EQ(r.err, "");
  // The one absolute path (SARIF's SRCROOT) differs between checkouts.
  const std::string root = "file://" + std::filesystem::absolute(kGoldenDir).lexically_normal().generic_string() + "/";
  for (std::size_t at = r.out.find(root); at != std::string::npos; at = r.out.find(root)) {
    r.out.replace(at, root.size(), "file:///ROOT/");
  }
  if (test::update_golden()) test::write_file(kGoldenDir / c.name, r.out);
  EXPECT_EQ(r.out, test::slurp(kGoldenDir / c.name));
}

INSTANTIATE_TEST_SUITE_P(Formats, CheckGolden,
                         ::testing::Values(GoldenCase{"text.txt", {}},
                                           GoldenCase{"source.txt", {"--show-source"}},
                                           GoldenCase{"color.txt", {"--show-source", "--color", "always"}},
                                           GoldenCase{"statistics.txt", {"--statistics"}},
                                           GoldenCase{"quiet.txt", {"--quiet"}},
                                           GoldenCase{"findings.json", {"--format", "json"}},
                                           GoldenCase{"github.txt", {"--format", "github"}},
                                           GoldenCase{"findings.sarif", {"--format", "sarif", "--project-root", "."}},
                                           GoldenCase{"junit.xml", {"--format", "junit"}},
                                           GoldenCase{"checkstyle.xml", {"--format", "checkstyle"}},
                                           GoldenCase{"gitlab.json", {"--format", "gitlab", "--project-root", "."}}),
                         [](const auto& info) {
                           std::string n = info.param.name;
                           for (char& ch : n) {
                             if (ch == '.') ch = '_';
                           }
                           return n;
                         });

// What the goldens must show, asserted directly so that a regenerated golden cannot hide a
// regression.
TEST(CheckOutput, TextIsCompilerStyleWithSummary) {
  test::CwdGuard cwd(kGoldenDir);
  const test::CliRun r = test::run_cli({"check", "tree"});
  EXPECT_NE(
      r.out.find("tree/compose.yaml:6:10: warning: port 254/tcp+udp is reserved by IANA (249-255, RFC 1060; "
                 "registry 2026-08-17); use a port in 49152-65535, e.g. "),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("tree/compose.yaml:7:10: error: port 70000 is outside the port space"),
            std::string::npos);
  EXPECT_NE(r.out.find("[PP201 reserved-port]\n"), std::string::npos);
  EXPECT_TRUE(r.out.ends_with("7 findings (2 errors, 5 warnings, 0 infos) in 4 files\n")) << r.out;
  EXPECT_EQ(r.out.find('\033'), std::string::npos) << "no colour off a terminal";
  EXPECT_EQ(r.out.find("^~~"), std::string::npos) << "no source lines off a terminal";
}

TEST(CheckOutput, CaretSitsUnderTheNumber) {
  test::CwdGuard cwd(kGoldenDir);
  const test::CliRun r = test::run_cli({"check", "--show-source", "tree"});
  // Tabs are kept, so the caret lines up however wide the terminal draws them.
  EXPECT_NE(r.out.find("  EXPOSE\t251/udp 8080\n        \t^~~\n"), std::string::npos) << r.out;
  // Multi-byte characters take one cell, not one per byte.
  EXPECT_NE(r.out.find("    d\xC3\xA9"
                       "bogage: {image: busybox, ports: [\"253:8080\"]}\n"
                       "                                        ^~~\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("        - \"70000:80\"\n           ^~~~~\n"), std::string::npos) << r.out;
}

TEST(CheckOutput, ColourAlwaysColoursSeverityAndCaret) {
  test::CwdGuard cwd(kGoldenDir);
  const test::CliRun r = test::run_cli({"check", "--color", "always", "tree"});
  EXPECT_NE(r.out.find("\033[1;31merror:\033[0m"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\033[1;35mwarning:\033[0m"), std::string::npos);
  const test::CliRun never = test::run_cli({"check", "--color", "never", "--show-source", "tree"});
  EXPECT_EQ(never.out.find('\033'), std::string::npos);
}

TEST(CheckOutput, JsonIsTheDocumentedShape) {
  test::CwdGuard cwd(kGoldenDir);
  const test::CliRun r = test::run_cli({"check", "--format", "json", "tree"});
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["findings"].size(), 7u);
  const auto& f = doc["findings"][0];
  std::vector<std::string> keys;
  for (const auto& [k, v] : f.items()) keys.push_back(k);
  for (const char* k : {"path", "line", "column", "end_line", "end_column", "value", "transport", "rule",
                        "code", "severity", "message", "suggestion"}) {
    EXPECT_TRUE(f.contains(k)) << k;
  }
  EXPECT_EQ(f["path"], "tree/Dockerfile");
  EXPECT_EQ(f["line"], 2);
  EXPECT_EQ(f["column"], 8);
  EXPECT_EQ(f["end_column"], 11);
  EXPECT_EQ(f["value"], 251);
  EXPECT_EQ(f["transport"], "udp");
  EXPECT_EQ(f["code"], "PP201");
  EXPECT_EQ(f["rule"], "reserved-port");
  EXPECT_EQ(f["severity"], "warning");
  ASSERT_TRUE(f["suggestion"].is_number());
  EXPECT_NE(f["message"].get<std::string>().find("e.g. " + std::to_string(f["suggestion"].get<int>())),
            std::string::npos);
  EXPECT_TRUE(doc["findings"][1]["transport"].is_null());
  const auto& s = doc["summary"];
  EXPECT_EQ(s["files_scanned"], 4);
  EXPECT_EQ(s["findings"], 7);
  EXPECT_EQ(s["errors"], 2);
  EXPECT_EQ(s["warnings"], 5);
  EXPECT_EQ(s["registry_updated"], "2026-08-17");
  EXPECT_EQ(s["config_files"], nlohmann::json::array({"tree/.portpolicy.yaml"}));
  // Never the same suggestion for two findings.
  std::set<int> suggestions;
  for (const auto& x : doc["findings"]) suggestions.insert(x["suggestion"].get<int>());
  EXPECT_EQ(suggestions.size(), 7u);
}

TEST(CheckOutput, GithubAnnotationsEscapeProperties) {
  test::CwdGuard cwd(kGoldenDir);
  const test::CliRun r = test::run_cli({"check", "--format", "github", "tree"});
  EXPECT_EQ(test::count_of(r.out, "\n"), 7u);
  EXPECT_NE(r.out.find("::error file=tree/compose.yaml,line=7,col=10,endLine=7,endColumn=15,"
                       "title=PP101 invalid-port::port 70000 is outside"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("::warning file=tree/edge/with%2Ccomma.env,line=2,col=6,"), std::string::npos)
      << r.out;
}

TEST(CheckOutput, OutputIsTheSameOnEveryRun) {
  test::CwdGuard cwd(kGoldenDir);
  const test::CliRun a = test::run_cli({"check", "--format", "json", "-j", "1", "tree"});
  const test::CliRun b = test::run_cli({"check", "--format", "json", "-j", "4", "tree"});
  EXPECT_EQ(a.out, b.out);
}

// Runs `portpolicy check ...` with stdout on a pseudo-terminal, as a user at a terminal
// would; `no_color` sets NO_COLOR in the child. Returns what the terminal received, CRs removed.
std::string run_on_tty(const std::vector<std::string>& args, const char* no_color) {
  int master = -1;
  struct winsize ws {};
  ws.ws_col = 200;
  ws.ws_row = 50;
  const pid_t pid = forkpty(&master, nullptr, nullptr, &ws);
  if (pid < 0) return "forkpty failed";
  if (pid == 0) {
    if (no_color != nullptr) {
      setenv("NO_COLOR", no_color, 1);
    } else {
      unsetenv("NO_COLOR");
    }
    std::vector<std::string> a = {"portpolicy", "check"};
    a.insert(a.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : a) argv.push_back(s.data());
    const int code = cli::run(static_cast<int>(argv.size()), argv.data(), std::cout, std::cerr);
    std::cout.flush();
    std::cerr.flush();
    _exit(code);
  }
  std::string got;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(master, buf, sizeof buf);
    if (n > 0) {
      got.append(buf, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EIO: the child closed the terminal
    }
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  std::erase(got, '\r');
  return got;
}

TEST(CheckOutput, TerminalGetsSourceLinesAndColour) {
  test::CwdGuard cwd(kGoldenDir);
  const std::string out = run_on_tty({"tree/compose.yaml"}, nullptr);
  EXPECT_NE(out.find("\033[1;35mwarning:\033[0m"), std::string::npos) << out;
  EXPECT_NE(out.find("        - \"254:254\"\n"), std::string::npos) << out;
  EXPECT_NE(out.find("^~~"), std::string::npos) << out;
}

TEST(CheckOutput, NoColorKeepsSourceLinesButDropsColour) {
  test::CwdGuard cwd(kGoldenDir);
  const std::string out = run_on_tty({"tree/compose.yaml"}, "1");
  EXPECT_EQ(out.find('\033'), std::string::npos) << out;
  EXPECT_NE(out.find("        - \"254:254\"\n           ^~~\n"), std::string::npos) << out;
  // An empty NO_COLOR does not count (no-color.org).
  EXPECT_NE(run_on_tty({"tree/compose.yaml"}, "").find('\033'), std::string::npos);
  EXPECT_EQ(run_on_tty({"--color", "never", "tree/compose.yaml"}, nullptr).find('\033'), std::string::npos);
}

}  // namespace
}  // namespace portpolicy::check
