// Test code: the conventions that mark a file as test code, the project root paths are read
// from, and what `check` does with findings there (severity, JSON, the tests section).
#include "check/test_code.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "check/checker.h"
#include "cli_runner.h"
#include "registry/registry.h"
#include "test_util.h"

namespace portpolicy::check {
namespace {

TEST(TestConvention, RecognisesEachEcosystemsTestFiles) {
  for (const char* path : {
           "pkg/server/server_test.go",          "tests/test_api.py",
           "app/test_client.py",                 "app/client_test.py",
           "conftest.py",                        "src/test/java/shop/Gateway.java",
           "src/main/java/shop/GatewayTest.java", "src/main/java/shop/GatewayTests.java",
           "src/main/java/shop/GatewayIT.java",  "Shop.Tests/GatewayTests.cs",
           "Shop/GatewayTest.cs",                "web/server.test.js",
           "web/server.spec.ts",                 "web/__tests__/server.js",
           "web/__mocks__/api.js",               "spec/models/user_spec.rb",
           "lib/user_test.rb",                   "tests/integration.rs",
           "internal/testdata/compose.yaml",     "test/fixtures/nginx.conf",
           "fixtures/compose.yaml",              "e2e/playwright.config.ts",
           "src/it/java/SmokeCheck.java",        "net/http_unittest.cc",
           "tests/Unit/ApiTest.php",             "scripts/deploy.bats",
           "docker-compose.test.yml",            "pkg/logql/logqltest/exec.go",
           "internal/testutils/ports.go",        "testsuite/src/main/java/Permutation.java",
           "src/androidTest/java/Probe.kt",      "cypress/e2e/login.cy.ts",
       }) {
    EXPECT_TRUE(test_convention(path).has_value()) << path;
  }
}

TEST(TestConvention, LeavesProductionCodeAlone) {
  for (const char* path : {
           "cmd/server/main.go",       "app/api.py",               "contest.py",
           "src/main/java/shop/Gateway.java", "latest/compose.yaml",  "web/server.js",
           "lib/attestation.rb",       "deploy/k8s/service.yaml",  "src/protest/main.go",
           "docs/latest/main.go",      "examples/testing.md",      "testimonials/index.ts",
           "Contest.java",             "LatestTest",               "integration/cluster/cluster.go",
       }) {
    EXPECT_FALSE(test_convention(path).has_value()) << path << ": " << test_convention(path).value_or("");
  }
}

TEST(TestConvention, NamesTheConvention) {
  EXPECT_EQ(test_convention("pkg/a_test.go"), "file name *_test.go");
  EXPECT_EQ(test_convention("src/test/java/A.java"), "folder test/");
  EXPECT_EQ(test_convention("Shop.Tests/A.cs"), "folder *.Tests/");
}

TEST(ProjectRoot, NearestGitOrConfigFolder) {
  test::TempDir dir;
  test::write_file(dir.path() / "repo" / ".git" / "HEAD", "ref: refs/heads/main\n");
  test::write_file(dir.path() / "repo" / "svc" / ".portpolicy.yaml", "");
  std::filesystem::create_directories(dir.path() / "repo" / "svc" / "tests");
  std::filesystem::create_directories(dir.path() / "repo" / "other");
  EXPECT_EQ(project_root((dir.path() / "repo" / "svc" / "tests").string()), (dir.path() / "repo" / "svc").string());
  EXPECT_EQ(project_root((dir.path() / "repo" / "other").string()), (dir.path() / "repo").string());
}

// The folders above the project say nothing: a checkout under /home/me/tests/ is not test code.
TEST(CheckTestCode, FoldersAboveTheProjectDoNotCount) {
  test::TempDir dir;
  const auto repo = dir.path() / "tests" / "shop";
  test::write_file(repo / ".git" / "HEAD", "ref: refs/heads/main\n");
  test::write_file(repo / "compose.yaml", "services:\n  web:\n    ports:\n      - \"254:8080\"\n");
  test::write_file(repo / "test" / "compose.yaml", "services:\n  web:\n    ports:\n      - \"254:8080\"\n");
  CheckOptions opts;
  const CheckResult r = run_check({repo.string()}, opts, registry::Registry::embedded());
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].path, (repo / "compose.yaml").string());
  EXPECT_FALSE(r.diagnostics[0].test_code);
  EXPECT_EQ(r.diagnostics[0].severity, core::Severity::kWarning);
  EXPECT_TRUE(r.diagnostics[1].test_code);
  EXPECT_EQ(r.diagnostics[1].severity, core::Severity::kInfo);
}

TEST(CheckTestCode, JsonSaysWhichFindingsAreInTestCodeAndTheyDoNotFail) {
  test::TempDir dir;
  test::write_file(dir.path() / ".git" / "HEAD", "ref: refs/heads/main\n");
  test::write_file(dir.path() / "server_test.go",
                   "package x\n\nimport \"net\"\n\nfunc TestX() { net.Listen(\"tcp\", \":254\") }\n");
  const test::CwdGuard cwd(dir.path());
  test::CliRun run = test::run_cli({"check", "--format", "json", "."});
  EXPECT_EQ(run.code, 0) << run.out << run.err;
  const auto doc = nlohmann::json::parse(run.out);
  ASSERT_EQ(doc["findings"].size(), 1u);
  EXPECT_EQ(doc["findings"][0]["test_code"], true);
  EXPECT_EQ(doc["findings"][0]["severity"], "info");
  run = test::run_cli({"check", "--fail-on", "info", "."});
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.out.find("[PP201 reserved-port] (test code)"), std::string::npos) << run.out;
  // The same port in production code fails the run.
  test::write_file(dir.path() / "server.go", "package x\n\nimport \"net\"\n\nfunc X() { net.Listen(\"tcp\", \":254\") }\n");
  run = test::run_cli({"check", "."});
  EXPECT_EQ(run.code, 1);
}

}  // namespace
}  // namespace portpolicy::check
