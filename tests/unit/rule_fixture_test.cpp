// Walks tests/fixtures/rules/: every folder there that holds fixture files is checked as
// `portpolicy check FILE...` would check its files (each finds its .portpolicy.yaml by
// walking up, so per-folder configs and multi-file rules work), and what the check finds
// must be exactly what the files announce. Expectations are comments, in the file's own
// comment syntax, on the lines just above the line they speak of (several may stack):
//
//   # expect: PP201                    a PP201 finding on the next line
//   # expect: PP201 col=14             ... starting at byte column 14
//   # expect: PP201 "254/tcp" "e.g."   ... whose message contains each quoted text
//   # expect: PP201 severity=info      ... reported at that severity (test code is info)
//   # ok: PP201 (why it is fine)       a near miss: no PP201 on the next line
//
// `//` works as the comment marker too. JSON has no comments: a sidecar FILE.expect holds
// one `LINE[:COL] CODE ["text"]` per expected finding ('#' lines are comments). Failures
// are reported as missing (false negative), noisy (false positive) or near miss fired.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "check/checker.h"
#include "config/config.h"
#include "core/text.h"
#include "registry/registry.h"
#include "rules/rule.h"
#include "test_util.h"

namespace portpolicy::check {
namespace {

namespace fs = std::filesystem;

fs::path fixtures_root() { return fs::path(PP_TEST_DIR) / "fixtures" / "rules"; }

bool is_fixture_file(const fs::path& p) {
  return p.filename() != config::kConfigFileName && p.extension() != ".expect" && p.filename() != "README.md";
}

// Folders (relative to the root) that directly hold at least one fixture file.
std::vector<std::string> fixture_folders() {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(fixtures_root())) {
    if (e.is_regular_file() && is_fixture_file(e.path())) {
      out.insert(fs::relative(e.path().parent_path(), fixtures_root()).generic_string());
    }
  }
  return {out.begin(), out.end()};
}

struct Expectation {
  std::string file;
  std::uint32_t line = 0;
  std::optional<std::uint32_t> col;
  std::optional<core::Severity> severity;
  std::string code;
  std::vector<std::string> texts;  // the message must contain each
  bool ok = false;                 // a near miss: this code must not fire on the line
  std::string where() const {
    std::string s = fmt::format("{}:{}{} {}", file, line, col ? fmt::format(":{}", *col) : "", code);
    if (severity) s += " severity=" + std::string(to_string(*severity));
    for (const std::string& t : texts) s += " \"" + t + "\"";
    return s;
  }
};

// "PP201 col=14 \"text\" (reason)" after the marker; false when it does not parse.
bool parse_spec(std::string_view spec, Expectation& e) {
  std::string s(spec);
  // A reason in parentheses comes last and may quote anything.
  if (auto reason = s.find(" ("); reason != std::string::npos && reason < s.find('"')) s.resize(reason);
  if (const auto first = s.find('"'); first != std::string::npos) {
    std::string_view rest = std::string_view(s).substr(first);
    while (rest.starts_with('"')) {
      const auto close = rest.find('"', 1);
      if (close == std::string_view::npos) return false;
      e.texts.emplace_back(rest.substr(1, close - 1));
      rest = core::trim(rest.substr(close + 1));
    }
    if (!rest.empty() && !rest.starts_with('(')) return false;
    s.resize(first);
  }
  std::istringstream in(s);
  std::string word;
  while (in >> word) {
    if (word.starts_with("col=")) {
      e.col = static_cast<std::uint32_t>(std::stoul(word.substr(4)));
    } else if (word.starts_with("severity=")) {
      e.severity = core::parse_severity(word.substr(9));
      if (!e.severity) return false;
    } else if (e.code.empty()) {
      e.code = word;
    } else {
      return false;
    }
  }
  return e.code.starts_with("PP");
}

std::vector<Expectation> expectations_of(const fs::path& file, const std::string& name) {
  std::vector<Expectation> out;
  const fs::path sidecar = file.string() + ".expect";
  if (fs::exists(sidecar)) {
    std::istringstream in(test::slurp(sidecar));
    for (std::string line; std::getline(in, line);) {
      const auto b = line.find_first_not_of(" \t");
      if (b == std::string::npos || line[b] == '#') continue;
      Expectation e;
      e.file = name;
      const auto space = line.find(' ', b);
      const std::string pos = line.substr(b, space - b);
      const auto colon = pos.find(':');
      e.line = static_cast<std::uint32_t>(std::stoul(pos.substr(0, colon)));
      if (colon != std::string::npos) e.col = static_cast<std::uint32_t>(std::stoul(pos.substr(colon + 1)));
      if (space == std::string::npos || !parse_spec(line.substr(space + 1), e)) {
        ADD_FAILURE() << sidecar << ": bad line: " << line;
        continue;
      }
      out.push_back(e);
    }
    return out;
  }
  std::istringstream in(test::slurp(file));
  std::vector<Expectation> stacked;  // annotations waiting for the line they speak of
  std::uint32_t n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    std::string_view t(line);
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    std::string_view body;
    if (t.starts_with("#")) {
      body = t.substr(1);
    } else if (t.starts_with("//")) {
      body = t.substr(2);
    }
    while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
    const bool expect = body.starts_with("expect:");
    const bool ok = body.starts_with("ok:");
    if (expect || ok) {
      Expectation e;
      e.file = name;
      e.ok = ok;
      if (!parse_spec(body.substr(expect ? 7 : 3), e))
        ADD_FAILURE() << name << ":" << n << ": bad annotation";
      stacked.push_back(e);
      continue;
    }
    for (Expectation& e : stacked) {
      e.line = n;
      out.push_back(e);
    }
    stacked.clear();
  }
  if (!stacked.empty()) ADD_FAILURE() << name << ": annotation at the end of the file speaks of no line";
  return out;
}

class RuleFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleFixture, FindsExactlyWhatTheFilesAnnounce) {
  const fs::path folder = fixtures_root() / GetParam();
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(folder)) {
    if (e.is_regular_file() && is_fixture_file(e.path())) files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<Expectation> expected;
  for (const std::string& f : files) {
    for (Expectation& e : expectations_of(f, fs::path(f).filename().string())) expected.push_back(e);
  }

  CheckOptions opts;
  opts.today = "2026-01-01";
  const CheckResult result = run_check(files, opts, registry::Registry::embedded());
  std::vector<bool> claimed(result.diagnostics.size(), false);
  const auto matches = [&](const Diagnostic& d, const Expectation& e) {
    return fs::path(d.path).filename().string() == e.file && d.begin.line == e.line && d.code == e.code &&
           (!e.col || d.begin.column == *e.col) && (!e.severity || d.severity == *e.severity) &&
           std::all_of(e.texts.begin(), e.texts.end(),
                       [&](const std::string& t) { return d.message.find(t) != std::string::npos; });
  };
  // The most specific expectations first, so that a bare one does not take their finding.
  const auto specific = [](const Expectation& e) {
    return int(e.col.has_value()) + int(e.severity.has_value()) + int(e.texts.size());
  };
  std::stable_sort(expected.begin(), expected.end(),
                   [&](const Expectation& a, const Expectation& b) { return specific(a) > specific(b); });
  for (const Expectation& e : expected) {
    if (e.ok) continue;
    bool found = false;
    for (std::size_t i = 0; i < result.diagnostics.size() && !found; ++i) {
      if (claimed[i] || !matches(result.diagnostics[i], e)) continue;
      claimed[i] = true;
      found = true;
    }
    if (!found) ADD_FAILURE() << "missing " << GetParam() << "/" << e.where();
  }
  for (std::size_t i = 0; i < result.diagnostics.size(); ++i) {
    if (claimed[i]) continue;
    const Diagnostic& d = result.diagnostics[i];
    const std::string at = fmt::format("{}/{}:{}:{} {} {}: {}", GetParam(), fs::path(d.path).filename().string(),
                                       d.begin.line, d.begin.column, d.code, to_string(d.severity), d.message);
    const bool near_miss = std::any_of(expected.begin(), expected.end(), [&](const Expectation& e) {
      return e.ok && fs::path(d.path).filename().string() == e.file && d.begin.line == e.line &&
             d.code == e.code;
    });
    ADD_FAILURE() << (near_miss ? "near miss fired " : "noisy ") << at;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RuleFixture, ::testing::ValuesIn(fixture_folders()), [](const auto& info) {
  std::string n = info.param;
  for (char& c : n) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return n;
});

// Every rule has a fixture folder, and every fixture folder is named after a rule.
TEST(RuleFixtures, OneFolderPerRule) {
  std::set<std::string> folders;
  for (const auto& e : fs::directory_iterator(fixtures_root())) {
    if (e.is_directory()) folders.insert(e.path().filename().string());
  }
  std::set<std::string> names;
  for (const rules::Rule& r : rules::all_rules()) names.insert(std::string(r.info->name));
  EXPECT_EQ(folders, names);
}

}  // namespace
}  // namespace portpolicy::check
