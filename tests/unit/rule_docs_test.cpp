// Every rule's documentation: its headings, and its examples run through the checker (the
// Example must make the rule fire, Use instead must not), and the commands that print it.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "check/checker.h"
#include "cli/commands.h"
#include "registry/registry.h"
#include "rules/rule.h"
#include "test_util.h"

namespace portpolicy::rules {
namespace {

constexpr std::string_view kHeadings[] = {"## What it does", "## Why is this bad?", "## Example",
                                          "## Use instead",  "## Options",          "## References"};

// The text of section `heading` (up to the next "## " heading).
std::string section(std::string_view doc, std::string_view heading) {
  const std::string marker = std::string(heading) + "\n";
  const auto at = doc.find(marker);
  if (at == std::string_view::npos) return {};
  const auto from = at + marker.size();
  const auto next = doc.find("\n## ", from);
  return std::string(doc.substr(from, next == std::string_view::npos ? next : next + 1 - from));
}

// The first ```-fenced block of `text`, without its fences.
std::string first_block(const std::string& text) {
  const auto open = text.find("```");
  if (open == std::string::npos) return {};
  const auto body = text.find('\n', open);
  const auto close = text.find("\n```", body);
  if (body == std::string::npos || close == std::string::npos) return {};
  return text.substr(body + 1, close - body);
}

// The codes the checker reports for `source` saved as the rule's example file, with the
// rule switched on. A block whose first line is "# .portpolicy.yaml: SETTINGS" adds
// SETTINGS to the configuration.
std::set<std::string> codes_for(const RuleInfo& info, const std::string& source) {
  test::TempDir dir;
  std::string config = "rules:\n  " + std::string(info.name) + ": warning\n";
  constexpr std::string_view kConfigLine = "# .portpolicy.yaml: ";
  if (source.starts_with(kConfigLine)) {
    config += source.substr(kConfigLine.size(), source.find('\n') - kConfigLine.size()) + "\n";
  }
  test::write_file(dir.path() / ".portpolicy.yaml", config);
  const std::filesystem::path file = dir.path() / std::string(info.example_path);
  test::write_file(file, source);
  const check::CheckResult r = check::run_check({file.string()}, {}, registry::Registry::embedded());
  EXPECT_EQ(r.config_files.size(), 1u) << info.name;
  std::set<std::string> codes;
  for (const check::Diagnostic& d : r.diagnostics) codes.insert(d.code);
  return codes;
}

TEST(RuleDocs, EveryRuleHasTheSixHeadingsInOrder) {
  ASSERT_EQ(all_rules().size(), 10u);
  for (const Rule& rule : all_rules()) {
    std::size_t last = 0;
    for (std::string_view h : kHeadings) {
      const auto at = rule.info->doc.find(std::string(h) + "\n");
      ASSERT_NE(at, std::string_view::npos) << rule.info->name << " lacks " << h;
      EXPECT_GE(at, last) << rule.info->name << ": " << h << " out of order";
      last = at;
      EXPECT_FALSE(section(rule.info->doc, h).empty()) << rule.info->name << ": " << h << " is empty";
    }
    EXPECT_FALSE(rule.info->summary.empty());
    EXPECT_FALSE(rule.info->example_path.empty());
  }
}

TEST(RuleDocs, CodesAndNamesAreUniqueSortedAndWellFormed) {
  std::set<std::string_view> names;
  std::string_view previous;
  for (const Rule& rule : all_rules()) {
    const RuleInfo& i = *rule.info;
    EXPECT_GT(i.code, previous) << "rules.def is not sorted at " << i.code;
    previous = i.code;
    EXPECT_TRUE(names.insert(i.name).second) << i.name;
    EXPECT_EQ(i.code.size(), 5u);
    EXPECT_TRUE(i.code.starts_with("PP")) << i.code;
    for (char c : i.name) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '-' || (c >= '0' && c <= '9')) << i.name;
    EXPECT_EQ(find_rule(i.code), &rule);
    EXPECT_EQ(find_rule(i.name), &rule);
  }
}

TEST(RuleDocs, ExampleFiresAndUseInsteadStaysSilent) {
  for (const Rule& rule : all_rules()) {
    const RuleInfo& info = *rule.info;
    const std::string example = first_block(section(info.doc, "## Example"));
    const std::string instead = first_block(section(info.doc, "## Use instead"));
    ASSERT_FALSE(example.empty()) << info.name << ": no fenced block under Example";
    ASSERT_FALSE(instead.empty()) << info.name << ": no fenced block under Use instead";
    EXPECT_TRUE(codes_for(info, example).count(std::string(info.code)))
        << info.name << ": the Example does not make the rule fire:\n"
        << example;
    EXPECT_FALSE(codes_for(info, instead).count(std::string(info.code)))
        << info.name << ": the Use instead block makes the rule fire:\n"
        << instead;
  }
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

TEST(RuleCommands, RulesListsEveryRuleOnce) {
  const CliRun r = run_cli({"rules"});
  ASSERT_EQ(r.code, cli::kExitClean) << r.err;
  std::istringstream in(r.out);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  // The ten rules, then the tool's own diagnostics (PP900 invalid-ignore, PP901 unused-ignore).
  ASSERT_EQ(lines.size(), 12u) << r.out;
  EXPECT_TRUE(lines[10].starts_with("PP900")) << lines[10];
  EXPECT_TRUE(lines[11].starts_with("PP901")) << lines[11];
  lines.resize(10);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const RuleInfo& info = *all_rules()[i].info;
    EXPECT_TRUE(lines[i].starts_with(std::string(info.code) + "  " + std::string(info.name))) << lines[i];
    EXPECT_NE(lines[i].find(info.enabled_by_default ? " on " : " off "), std::string::npos) << lines[i];
  }
  EXPECT_NE(r.out.find("PP203  unassigned-user-port     info     off"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PP303  policy-port              error    on"), std::string::npos) << r.out;
}

TEST(RuleCommands, RulePrintsTheDocByCodeOrName) {
  const RuleInfo& info = *find_rule("PP302")->info;
  for (const std::string which : {"PP302", "duplicate-published-port", "pp302"}) {
    const CliRun r = run_cli({"rule", which});
    ASSERT_EQ(r.code, cli::kExitClean) << which << ": " << r.err;
    EXPECT_TRUE(r.out.starts_with("# PP302 duplicate-published-port\n")) << r.out;
    EXPECT_NE(r.out.find(info.doc), std::string::npos) << which;
    EXPECT_NE(r.out.find("Default severity: error; on by default."), std::string::npos) << r.out;
  }
  const CliRun off = run_cli({"rule", "privileged-port"});
  EXPECT_NE(off.out.find("Default severity: warning; off by default."), std::string::npos) << off.out;
}

TEST(RuleCommands, UnknownRuleExitsTwo) {
  const CliRun r = run_cli({"rule", "PP999"});
  EXPECT_EQ(r.code, cli::kExitError);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("unknown rule 'PP999'"), std::string::npos) << r.err;
  EXPECT_EQ(run_cli({"rule", "reserved-ports"}).code, cli::kExitError);
}

}  // namespace
}  // namespace portpolicy::rules
