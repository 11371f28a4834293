#include "scan/scanner.h"

#include <gtest/gtest.h>

#include <sstream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "report/ports_report.h"
#include "test_util.h"

namespace portpolicy::scan {
namespace {

namespace fs = std::filesystem;

// A small tree with ports in several formats, plus things that must be skipped.
void make_tree(const fs::path& root) {
  test::write_file(root / "compose.yaml", "services:\n  web:\n    image: nginx:1.25\n    ports:\n      - \"8080:80\"\n");
  test::write_file(root / "app/.env", "PORT=3000\nDB_URL=postgres://db:5432/app\n");
  test::write_file(root / "app/nginx.conf", "server {\n  listen 254;\n  server_name x;\n}\n");
  test::write_file(root / "docs/readme.md", "listen on 8080\n");
  test::write_file(root / "node_modules/pkg/compose.yaml", "services:\n  x:\n    ports:\n      - \"9999:9999\"\n");
  test::write_file(root / "blob.env", std::string("PORT=1\0\0\0", 9));
}

std::vector<std::string> describe(const ScanResult& r) {
  std::vector<std::string> out;
  for (const PortFinding& f : r.ports) {
    out.push_back(f.path + ":" + std::to_string(f.begin.line) + ":" + std::to_string(f.begin.column) + " " +
                  std::to_string(f.literal.value) + " " + std::string(core::to_string(f.literal.role)));
  }
  return out;
}

TEST(Scanner, FindsPortsAcrossFormatsSortedAndSkipsWhatItShould) {
  test::TempDir dir;
  make_tree(dir.path());
  ScanOptions opts;
  ScanResult r = scan({dir.path().string()}, opts);
  const auto got = describe(r);
  const std::string root = dir.path().string();
  const std::vector<std::string> want = {
      root + "/app/.env:1:6 3000 listen",
      root + "/app/.env:2:22 5432 connect",
      root + "/app/nginx.conf:2:10 254 listen",
      root + "/compose.yaml:5:10 8080 publish",
      root + "/compose.yaml:5:15 80 listen",
  };
  EXPECT_EQ(got, want);
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].reason, "binary");
  EXPECT_EQ(r.files_scanned, 3u);
}

TEST(Scanner, OutputDoesNotDependOnThreadCount) {
  test::TempDir dir;
  for (int i = 0; i < 40; ++i) {
    test::write_file(dir.path() / ("svc" + std::to_string(i)) / "compose.yaml",
                     "services:\n  s:\n    ports:\n      - \"" + std::to_string(50000 + i) + ":80\"\n");
  }
  ScanOptions one;
  one.threads = 1;
  ScanOptions many;
  many.threads = 8;
  const auto a = describe(scan({dir.path().string()}, one));
  EXPECT_EQ(a.size(), 80u);
  EXPECT_EQ(a, describe(scan({dir.path().string()}, many)));
}

TEST(Scanner, VendoredFoldersOnlyOnRequest) {
  test::TempDir dir;
  make_tree(dir.path());
  ScanOptions opts;
  opts.discover.include_vendored = true;
  const auto got = describe(scan({dir.path().string()}, opts));
  EXPECT_NE(std::find(got.begin(), got.end(), dir.path().string() + "/node_modules/pkg/compose.yaml:4:10 9999 publish"),
            got.end());
}

TEST(Scanner, Prefilter) {
  EXPECT_TRUE(may_hold_port("ports:\n - 80\n"));
  EXPECT_TRUE(may_hold_port("x: http://a/b"));
  EXPECT_TRUE(may_hold_port("listen 80;"));
  EXPECT_TRUE(may_hold_port("EXPOSE 80"));
  EXPECT_TRUE(may_hold_port("db:5432"));
  EXPECT_TRUE(may_hold_port("fd = socket(AF_INET, SOCK_DGRAM, 0);"));
  EXPECT_TRUE(may_hold_port("a.sin_family = AF_INET; a.sin_addr.s_addr = htons(53);"));
  EXPECT_TRUE(may_hold_port("require \"socket\"\nserver = TCPServer.new(2000)\n"));
  EXPECT_FALSE(may_hold_port("name: web\nreplicas: 3\n"));
  EXPECT_FALSE(may_hold_port(""));
}

TEST(PortsJson, ShapeAndNullTransport) {
  test::TempDir dir;
  make_tree(dir.path());
  auto doc = nlohmann::json::parse(report::ports_json(scan({dir.path().string()}, ScanOptions{})));
  ASSERT_TRUE(doc.contains("ports"));
  ASSERT_FALSE(doc["ports"].empty());
  const auto& p = doc["ports"][0];
  for (const char* k : {"path", "line", "column", "end_line", "end_column", "value", "role", "transport", "format",
                        "context"}) {
    EXPECT_TRUE(p.contains(k)) << k;
  }
  EXPECT_TRUE(p["transport"].is_null());
  EXPECT_EQ(p["end_column"].get<int>() - p["column"].get<int>(), 4);  // 3000
  EXPECT_EQ(doc["files_scanned"], 3);
  EXPECT_EQ(doc["files_skipped"][0]["reason"], "binary");
}

struct CliRun {
  int code;
  std::string out, err;
};

CliRun run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "portpolicy");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out, err;
  int code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

TEST(PortsCommand, FiltersGroupingAndErrors) {
  test::TempDir dir;
  make_tree(dir.path());
  const std::string root = dir.path().string();
  CliRun all = run_cli({"ports", root});
  EXPECT_EQ(all.code, 0);
  EXPECT_NE(all.out.find("5 ports in 3 files, 1 skipped"), std::string::npos) << all.out;
  CliRun listen = run_cli({"ports", "--role", "listen", "--format", "json", root});
  auto doc = nlohmann::json::parse(listen.out);
  EXPECT_EQ(doc["ports"].size(), 3u);
  for (const auto& p : doc["ports"]) EXPECT_EQ(p["role"], "listen");
  CliRun range = run_cli({"ports", "--port", "1-1023", "--format", "json", root});
  EXPECT_EQ(nlohmann::json::parse(range.out)["ports"].size(), 2u);  // 254 and 80
  CliRun grouped = run_cli({"ports", "--group", root});
  EXPECT_NE(grouped.out.find("8080  (publish, 1 use)"), std::string::npos) << grouped.out;
  CliRun missing = run_cli({"ports", root + "/nope"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("nope"), std::string::npos);
  EXPECT_EQ(run_cli({"ports", "--port", "abc", root}).code, 2);
  EXPECT_EQ(run_cli({"ports", "--role", "sideways", root}).code, 2);
}

TEST(PortsCommand, RelativePathsStayRelative) {
  test::TempDir dir;
  make_tree(dir.path());
  const fs::path cwd = fs::current_path();
  fs::current_path(dir.path());
  CliRun r = run_cli({"ports", "--format", "json", "app"});
  fs::current_path(cwd);
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_FALSE(doc["ports"].empty());
  EXPECT_EQ(doc["ports"][0]["path"], "app/.env");
}

}  // namespace
}  // namespace portpolicy::scan
