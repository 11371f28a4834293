#include "cli/commands.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace portpolicy::cli {
namespace {

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
  int code = run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

std::string fixture(const std::string& name) {
  return std::string(PP_TEST_DIR) + "/fixtures/registry/" + name;
}

TEST(Cli, ExplainExitCodes) {
  EXPECT_EQ(run_cli({"explain", "80"}).code, kExitClean);
  EXPECT_EQ(run_cli({"explain", "70000"}).code, kExitClean);
  CliRun bad = run_cli({"explain", "abc"});
  EXPECT_EQ(bad.code, kExitError);
  EXPECT_NE(bad.err.find("abc"), std::string::npos);
  EXPECT_TRUE(bad.out.empty());
  CliRun neg = run_cli({"explain", "-1"});
  EXPECT_EQ(neg.code, kExitError);
  EXPECT_NE(neg.err.find("never negative"), std::string::npos) << neg.err;
  EXPECT_EQ(run_cli({"explain", "80/foo"}).code, kExitError);
  EXPECT_EQ(run_cli({"explain"}).code, kExitError);
  EXPECT_EQ(run_cli({"explain", "--bogus", "80"}).code, kExitError);
  EXPECT_EQ(run_cli({"frobnicate"}).code, kExitError);
}

TEST(Cli, ExplainSeveralPortsAsJson) {
  CliRun r = run_cli({"explain", "--format", "json", "22", "254", "53/udp"});
  ASSERT_EQ(r.code, kExitClean) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["ports"].size(), 3u);
  EXPECT_EQ(doc["ports"][1]["verdict"], "reserved");
  EXPECT_EQ(doc["ports"][2]["transport"], "udp");
  EXPECT_EQ(doc["registry"]["updated"], "2026-08-17");
}

TEST(Cli, RegistryCommand) {
  CliRun r = run_cli({"registry"});
  ASSERT_EQ(r.code, kExitClean);
  EXPECT_NE(r.out.find("2026-08-17"), std::string::npos);
  EXPECT_NE(r.out.find("4bbf00ef4dd194ea3098d090b42a832c0f8aef704699956a4a7e24576a49631b"), std::string::npos);
  CliRun j = run_cli({"registry", "--format", "json"});
  auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["rows"], 13463);
  EXPECT_EQ(doc["ports_by_status"]["tcp"]["dynamic"], 16384);
  EXPECT_EQ(doc["rows_by_kind"]["private"], 14);
}

TEST(Cli, RegistryFileOverridesTheSnapshot) {
  CliRun r = run_cli({"--registry", fixture("mini.xml"), "explain", "7", "--format", "json"});
  ASSERT_EQ(r.code, kExitClean) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["registry"]["updated"], "2031-02-03");
  EXPECT_EQ(doc["ports"][0]["transports"][0]["records"][0]["name"], "echo");
  CliRun csv = run_cli({"--registry", fixture("mini.csv"), "registry"});
  EXPECT_EQ(csv.code, kExitClean) << csv.err;
  EXPECT_NE(csv.out.find("mini.csv (csv)"), std::string::npos) << csv.out;
}

TEST(Cli, BrokenRegistryFileIsAnError) {
  for (const char* f : {"empty.xml", "truncated.xml", "wrong-columns.csv"}) {
    CliRun r = run_cli({"--registry", fixture(f), "explain", "80"});
    EXPECT_EQ(r.code, kExitError) << f;
    EXPECT_NE(r.err.find(f), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
  }
  CliRun missing = run_cli({"--registry", fixture("nope.xml"), "registry"});
  EXPECT_EQ(missing.code, kExitError);
}

TEST(Cli, Version) {
  CliRun r = run_cli({"--version"});
  EXPECT_EQ(r.code, kExitClean);
  EXPECT_NE(r.out.find("portpolicy"), std::string::npos);
}

}  // namespace
}  // namespace portpolicy::cli
