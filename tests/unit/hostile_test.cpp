// Hostile input: per-file budgets, parse errors named, deep nesting, pathological shapes
// that once took quadratic or cubic time. Each case states its outcome: the finding, or the
// named skip or problem, and the exit code. (How long things take is measured in bench/,
// not here; a case that hung would hit ctest's timeout.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "cli_runner.h"
#include "scan/scanner.h"
#include "test_util.h"

namespace portpolicy {
namespace {

std::string repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

scan::ScanResult scan_one(const std::filesystem::path& p, std::chrono::milliseconds budget = std::chrono::milliseconds(0)) {
  scan::ScanOptions o;
  o.file_budget = budget;
  return scan::scan({p.string()}, o);
}

TEST(Hostile, FileOverItsBudgetIsSkippedAndNamed) {
  test::TempDir dir;
  std::string big = "package main\n\nfunc main() {\n";
  for (int i = 0; i < 20000; ++i) big += "\tx" + std::to_string(i) + " := f(" + std::to_string(i) + ")\n";
  big += "\tnet.Listen(\"tcp\", \":254\")\n}\n";
  const auto p = dir.path() / "big.go";
  test::write_file(p, big);
  const scan::ScanResult r = scan_one(p, std::chrono::milliseconds(1));
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].path, p.string());
  EXPECT_TRUE(r.skipped[0].reason.starts_with("scan budget exceeded after ")) << r.skipped[0].reason;
  EXPECT_NE(r.skipped[0].reason.find("--file-budget 0.0"), std::string::npos) << r.skipped[0].reason;
  EXPECT_TRUE(r.ports.empty());
  EXPECT_EQ(r.files_scanned, 0u);
  // Without a budget the same file is read whole.
  const scan::ScanResult whole = scan_one(p);
  EXPECT_TRUE(whole.skipped.empty());
  ASSERT_EQ(whole.ports.size(), 1u);
  EXPECT_EQ(whole.ports[0].literal.value, 254u);
}

TEST(Hostile, BudgetFromTheCommandLineInTextAndJson) {
  test::TempDir dir;
  std::string big = "import socket\n";
  for (int i = 0; i < 20000; ++i) big += "x" + std::to_string(i) + " = f(" + std::to_string(i) + ")\n";
  test::write_file(dir.path() / "big.py", big);
  const test::CwdGuard cwd(dir.path());
  test::CliRun run = test::run_cli({"check", "--file-budget", "0.001", "."});
  EXPECT_EQ(run.code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("1 file skipped"), std::string::npos) << run.out;
  run = test::run_cli({"check", "--file-budget", "0.001", "--format", "json", "."});
  const auto doc = nlohmann::json::parse(run.out);
  ASSERT_EQ(doc["summary"]["files_skipped"].size(), 1u);
  EXPECT_TRUE(doc["summary"]["files_skipped"][0]["reason"].get<std::string>().starts_with("scan budget exceeded"));
}

// Shapes that once cost the square or the cube of their size, with a port after them.
struct Shape {
  const char* name;
  std::string text;
};

class PathologicalShape : public ::testing::TestWithParam<Shape> {};

TEST_P(PathologicalShape, IsReadAndThePortAfterItFound) {
  test::TempDir dir;
  const auto p = dir.path() / GetParam().name;
  test::write_file(p, GetParam().text);
  const scan::ScanResult r = scan_one(p);
  EXPECT_TRUE(r.skipped.empty());
  bool found = false;
  for (const auto& f : r.ports) found = found || f.literal.value == 254;
  EXPECT_TRUE(found) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, PathologicalShape,
    ::testing::Values(
        // A Go string of 20,000 escape sequences (120 KB).
        Shape{"escapes.go", "package main\n\nvar blob = \"" + repeat("\\u0041", 20000) +
                                "\"\n\nfunc main() { net.Listen(\"tcp\", \":254\") }\n"},
        // A Python call of 2,000 arguments (the socket-type pattern was cubic).
        Shape{"args.py", "b = f(" + repeat("1, ", 2000) + "1)\nsock.bind((\"\", 254))\n"},
        // Chains and concatenations 3,000 deep: the query's cost grows with depth squared.
        Shape{"chain.py", "x = a" + repeat(".b()", 3000) + "\nsock.bind((\"\", 254))\n"},
        Shape{"concat.js", "// one long line, not minified: it follows a short one\nconst s = " + repeat("\"a\" + ", 3000) + "\"a\";\nserver.listen(254);\n"},
        Shape{"chain.go", "package main\n\nfunc init() { a" + repeat(".b()", 3000) +
                              " }\n\nfunc main() { net.Listen(\"tcp\", \":254\") }\n"},
        Shape{"chain.java", "class E { void f() { a" + repeat(".b()", 3000) +
                                "; } void g() throws Exception { new ServerSocket(254); } }\n"},
        // Arrays of 20,000 elements.
        Shape{"array.rb", "A = [" + repeat("\"x\", ", 20000) + "\"x\"]\nTCPServer.new(\"0.0.0.0\", 254)\n"},
        Shape{"array.c", "int a[] = {" + repeat("1, ", 20000) + "1};\nint main(void) { addr.sin_port = htons(254); }\n"}),
    [](const auto& info) {
      std::string n = info.param.name;
      for (char& c : n) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return n;
    });

TEST(Hostile, CodeNestedTooDeepIsNamedAndTheRestRead) {
  test::TempDir dir;
  const auto p = dir.path() / "deep.py";
  test::write_file(p, "x = a" + repeat(".b()", 5000) + "\nsock.bind((\"\", 254))\n");
  const scan::ScanResult r = scan_one(p);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].kind, "too-deep");
  EXPECT_NE(r.problems[0].message.find("levels deep"), std::string::npos) << r.problems[0].message;
  EXPECT_EQ(r.problems[0].at.line, 1u);
  ASSERT_EQ(r.ports.size(), 1u);
  EXPECT_EQ(r.ports[0].literal.value, 254u);
}

TEST(Hostile, TemplatesOfConfigFilesAreNotJudgedAsTheirFormat) {
  test::TempDir dir;
  // Jinja tags and Go template actions make these no YAML or JSON until rendered.
  test::write_file(dir.path() / "docker-compose.yml.j2",
                   "services:\n  web:\n    ports:\n{% for p in ports %}\n      - \"{{ p }}:80\"\n{% endfor %}\n"
                   "      - \"254:80\"\n");
  test::write_file(dir.path() / "config.json.gotmpl", "{\"port\": {{ .Port }}, \"admin_port\": 253}\n");
  for (const char* name : {"docker-compose.yml.j2", "config.json.gotmpl"}) {
    const scan::ScanResult r = scan_one(dir.path() / name);
    EXPECT_TRUE(r.problems.empty()) << name << ": " << (r.problems.empty() ? "" : r.problems[0].message);
    ASSERT_EQ(r.ports.size(), name[0] == 'd' ? 2u : 1u) << name;
    EXPECT_EQ(r.ports.back().literal.value, name[0] == 'd' ? 80u : 253u) << name;
  }
}

TEST(Hostile, AFileEmbeddedInYamlThatDoesNotParseIsNamedWhereItBreaks) {
  test::TempDir dir;
  const auto p = dir.path() / "cm.yaml";
  test::write_file(p, "apiVersion: v1\nkind: ConfigMap\ndata:\n  config.json: |\n    {\"port\": 8083,\n"
                      "     \"workers\": 2\n  nginx.conf: |\n    server { listen 254; }\n");
  const scan::ScanResult r = scan_one(p);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].kind, "parse-error");
  EXPECT_NE(r.problems[0].message.find("JSON does not parse"), std::string::npos) << r.problems[0].message;
  EXPECT_NE(r.problems[0].message.find("(in data.config.json)"), std::string::npos) << r.problems[0].message;
  EXPECT_EQ(r.problems[0].at.line, 6u);
  // What the broken file still holds, and the files after it, are read.
  ASSERT_EQ(r.ports.size(), 2u);
  EXPECT_EQ(r.ports[0].literal.value, 8083u);
  EXPECT_EQ(r.ports[1].literal.value, 254u);
  EXPECT_EQ(r.ports[1].literal.format, "nginx");
  EXPECT_EQ(r.ports[1].begin.line, 8u);
}

TEST(Hostile, ParseErrorsAreInfoUnlessAskedToFail) {
  test::TempDir dir;
  test::write_file(dir.path() / "compose.yaml", "services:\n  web:\n    ports: [\"8080:80\"\n");
  const test::CwdGuard cwd(dir.path());
  test::CliRun run = test::run_cli({"check", "."});
  EXPECT_EQ(run.code, 0) << run.out;
  EXPECT_NE(run.out.find("info: YAML does not parse"), std::string::npos) << run.out;
  run = test::run_cli({"check", "--fail-on-parse-error", "."});
  EXPECT_EQ(run.code, 1) << run.out;
  EXPECT_NE(run.out.find("error: YAML does not parse"), std::string::npos) << run.out;
  run = test::run_cli({"check", "--format", "json", "."});
  const auto doc = nlohmann::json::parse(run.out);
  ASSERT_EQ(doc["findings"].size(), 1u);
  EXPECT_EQ(doc["findings"][0]["code"], "PP103");
  EXPECT_TRUE(doc["findings"][0]["value"].is_null());
  // The configuration can raise it too.
  test::write_file(dir.path() / ".portpolicy.yaml", "rules:\n  parse-error: error\n");
  run = test::run_cli({"check", "."});
  EXPECT_EQ(run.code, 1) << run.out;
  // And an ignore comment silences it.
  test::write_file(dir.path() / ".portpolicy.yaml", "");
  test::write_file(dir.path() / "compose.yaml",
                   "# portpolicy: ignore-file[parse-error] -- work in progress\nservices:\n  web:\n    ports: [\"8080:80\"\n");
  run = test::run_cli({"check", "--fail-on", "info", "."});
  EXPECT_EQ(run.code, 0) << run.out;
}

TEST(Hostile, PortsListsTheProblems) {
  test::TempDir dir;
  test::write_file(dir.path() / "app.json", "{\n  \"port\": 254,\n  \"server\": {\"listen\": 8080\n");
  const test::CwdGuard cwd(dir.path());
  test::CliRun run = test::run_cli({"ports", "--format", "json", "."});
  const auto doc = nlohmann::json::parse(run.out);
  ASSERT_EQ(doc["problems"].size(), 1u);
  EXPECT_EQ(doc["problems"][0]["kind"], "parse-error");
  EXPECT_EQ(doc["problems"][0]["line"], 3);
  EXPECT_EQ(doc["ports"].size(), 1u);  // the port before the cut
  run = test::run_cli({"ports", "."});
  EXPECT_NE(run.out.find("1 file not read whole"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace portpolicy
