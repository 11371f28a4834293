// check --fix and --fix-preview, and the edit they share with the editor's quick fix.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "check/fix.h"
#include "cli_runner.h"
#include "test_util.h"

namespace portpolicy::check {
namespace {

namespace fs = std::filesystem;
using test::run_cli;

constexpr const char* kCompose254 = "services:\n  web:\n    ports:\n      - \"254:8080\"\n";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Diagnostic finding(std::uint32_t start, std::uint32_t end, std::uint64_t value, std::optional<std::uint32_t> suggestion) {
  Diagnostic d;
  d.path = "f";
  d.start = start;
  d.end = end;
  d.value = value;
  d.suggestion = suggestion;
  return d;
}

TEST(FixEdit, ReplacesThePlainDigitsOfTheLiteral) {
  const std::string text = "ports: [\"254:80\"]\n";
  const auto e = fix_edit(finding(9, 12, 254, 56238), text);
  ASSERT_TRUE(e);
  EXPECT_EQ(apply_edits(text, {*e}), "ports: [\"56238:80\"]\n");
}

TEST(FixEdit, LeavesWhatHasNoSingleUnambiguousEdit) {
  std::string why;
  // One end of a range.
  EXPECT_FALSE(fix_edit(finding(0, 3, 254, 50000), "254-260:254-260", &why));
  EXPECT_EQ(why, "the port is one end of a range");
  EXPECT_FALSE(fix_edit(finding(4, 7, 260, 50000), "254-260", &why));
  // Not written as decimal digits (YAML 1.1 base 60 reads 4:14 as 254).
  EXPECT_FALSE(fix_edit(finding(0, 4, 254, 50000), "4:14", &why));
  EXPECT_EQ(why, "the port is not written as plain decimal digits");
  EXPECT_FALSE(fix_edit(finding(0, 3, 254, std::nullopt), "254", &why));
  EXPECT_EQ(why, "there is no suggested port to move it to");
  Diagnostic d = finding(0, 3, 254, 50000);
  d.suppressed = true;
  EXPECT_FALSE(fix_edit(d, "254", &why));
  d = finding(0, 3, 254, 50000);
  d.file_level = true;
  EXPECT_FALSE(fix_edit(d, "254", &why));
  EXPECT_FALSE(fix_edit(finding(10, 13, 254, 50000), "254", &why));  // past the end
}

TEST(FixEdit, EditsApplyInAnyOrderAndOverlapsAreLeftOut) {
  const std::string text = "a 1 b 22 c";
  Edit one{"f", 2, 3, {}, {}, "100"};
  Edit two{"f", 6, 8, {}, {}, "200"};
  Edit overlap{"f", 7, 8, {}, {}, "9"};
  EXPECT_EQ(apply_edits(text, {two, one, overlap}), "a 100 b 200 c");
}

TEST(WriteFixed, AFileChangedSinceTheCheckIsLeftAlone) {
  test::TempDir dir;
  const fs::path p = dir.path() / "compose.yaml";
  test::write_file(p, "now different\n");
  FixPlan::File f{p.string(), "as checked\n", "fixed\n", {}, {}};
  const std::string error = write_fixed(f);
  EXPECT_NE(error.find("changed since it was checked; left alone"), std::string::npos) << error;
  EXPECT_EQ(slurp(p), "now different\n");
}

TEST(CheckFix, RewritesInPlaceKeepingModeAndLineEndsAndTouchesNothingElse) {
  test::TempDir dir;
  test::write_file(dir.path() / ".portpolicy.yaml", "");
  const fs::path compose = dir.path() / "compose.yaml";
  std::string crlf = kCompose254;
  for (std::size_t i = 0; (i = crlf.find('\n', i)) != std::string::npos; i += 2) crlf.replace(i, 1, "\r\n");
  test::write_file(compose, crlf);
  ::chmod(compose.c_str(), 0640);
  const fs::path clean = dir.path() / "clean.env";
  test::write_file(clean, "PORT=51234\n");
  const auto clean_time = fs::last_write_time(clean);
  const fs::path link = dir.path() / "link.yaml";
  fs::create_symlink("compose.yaml", link);

  // The preview prints the diff and writes nothing. The file is reached under two names (the
  // link too): two findings, one file, one edit.
  test::CliRun r = run_cli({"check", "--fix-preview", dir.path().string()});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("-      - \"254:8080\"\r\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+      - \""), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("would fix 2 findings in 1 file"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(compose), crlf);

  r = run_cli({"check", "--fix", "--format", "json", dir.path().string()});
  EXPECT_EQ(r.code, 0) << r.out << r.err;  // nothing left at or above --fail-on
  EXPECT_NE(r.err.find("fixed 2 findings in 1 file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("must change with it"), std::string::npos) << r.err;
  const std::string fixed = slurp(compose);
  EXPECT_EQ(fixed.find("254:8080"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find(":8080\"\r\n"), std::string::npos) << fixed;  // CRLF kept
  EXPECT_EQ(std::count(fixed.begin(), fixed.end(), '\r'), 4);
  EXPECT_EQ(fs::status(compose).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_TRUE(fs::is_symlink(link));  // the link still names the file
  EXPECT_EQ(fs::last_write_time(clean), clean_time);
  for (const auto& e : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(e.path().filename().string().find(".portpolicy-"), std::string::npos) << e.path();
  }

  // Nothing is left to fix.
  r = run_cli({"check", "--fix", dir.path().string()});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("fixed 0 findings in 0 files"), std::string::npos) << r.out;
  EXPECT_EQ(slurp(compose), fixed);
}

TEST(CheckFix, NamesWhatItCannotFixAndFailsOnIt) {
  test::TempDir dir;
  test::write_file(dir.path() / ".portpolicy.yaml", "");
  test::write_file(dir.path() / "compose.yaml", "services:\n  web:\n    ports:\n      - \"250-254:8080\"\n");
  const test::CliRun r = run_cli({"check", "--fix", dir.path().string()});
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("not fixable: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the port is one end of a range"), std::string::npos) << r.out;
}

TEST(CheckFix, StandardInputIsNotWrittenBack) {
  test::TempDir dir;
  test::write_file(dir.path() / ".portpolicy.yaml", "");
  const std::string named = (dir.path() / "compose.yaml").string();
  const test::CliRun r = test::run_cli_stdin(kCompose254, {"check", "--fix", "--stdin-filename", named, "-"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--fix rewrites files, and standard input is not one"), std::string::npos) << r.err;
  const test::CliRun p =
      test::run_cli_stdin(kCompose254, {"check", "--fix-preview", "--stdin-filename", named, "-"});
  EXPECT_EQ(p.code, 1) << p.err;
  EXPECT_NE(p.out.find("--- a/" + named.substr(1) + "\n+++ b/"), std::string::npos) << p.out;  // git drops the leading /
  EXPECT_FALSE(std::filesystem::exists(named));
}

// Every rule fixture, copied and fixed: afterwards nothing fixable is left at any severity,
// and each changed line differs from the original only in its digits.
TEST(CheckFix, RoundTripsOnEveryFixture) {
  const fs::path fixtures = fs::path(PP_TEST_DIR) / "fixtures" / "rules";
  std::size_t fixed_total = 0;
  for (const auto& entry : fs::directory_iterator(fixtures)) {
    if (!entry.is_directory()) continue;
    test::TempDir dir;
    const fs::path copy = dir.path() / entry.path().filename();
    fs::copy(entry.path(), copy, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    test::CliRun r = run_cli({"check", "--fix", "--fail-on", "info", "--format", "json", copy.string()});
    ASSERT_NE(r.code, 2) << entry.path() << r.err;
    const std::size_t at = r.err.find("fixed ");
    ASSERT_NE(at, std::string::npos) << r.err;
    r = run_cli({"check", "--fix-preview", "--fail-on", "info", copy.string()});
    EXPECT_NE(r.err.find("would fix 0 findings in 0 files"), std::string::npos) << entry.path() << "\n" << r.err;
    for (const auto& f : fs::recursive_directory_iterator(copy)) {
      if (!f.is_regular_file() || f.is_symlink()) continue;
      const fs::path original = entry.path() / fs::relative(f.path(), copy);
      const std::string before = slurp(original), after = slurp(f.path());
      if (before == after) continue;
      ++fixed_total;
      std::istringstream b(before), a(after);
      std::string lb, la;
      while (std::getline(b, lb)) {
        ASSERT_TRUE(std::getline(a, la)) << f.path();
        auto strip = [](std::string s) {
          s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }), s.end());
          return s;
        };
        EXPECT_EQ(strip(lb), strip(la)) << f.path();
      }
      EXPECT_FALSE(std::getline(a, la)) << f.path();
    }
  }
  EXPECT_GT(fixed_total, 5u);  // the fixtures do hold fixable findings
}

}  // namespace
}  // namespace portpolicy::check
