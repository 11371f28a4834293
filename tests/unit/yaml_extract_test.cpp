// The YAML extractor on inputs the fixtures do not show: broken, hostile or odd files must
// never crash or hang, and every port reported must cover exactly its digits.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/source_file.h"
#include "scan/scanner.h"
#include "test_util.h"

namespace portpolicy::scan {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

std::vector<core::PortLiteral> scan_yaml(const std::string& text, const std::string& name = "config.yaml") {
  core::SourceFile src(name, text);
  return scan_text(src);
}

// Every literal's bytes are digits and its value is what they say.
void expect_exact_digits(const std::string& text, const std::vector<core::PortLiteral>& ports) {
  for (const core::PortLiteral& p : ports) {
    ASSERT_LT(p.start, p.end);
    ASSERT_LE(p.end, text.size());
    const std::string digits = text.substr(p.start, p.end - p.start);
    for (char c : digits) ASSERT_TRUE(c >= '0' && c <= '9') << "range covers '" << digits << "'";
    EXPECT_EQ(p.value, std::stoull(digits));
  }
}

std::vector<std::uint64_t> values(const std::vector<core::PortLiteral>& ports) {
  std::vector<std::uint64_t> out;
  for (const auto& p : ports) out.push_back(p.value);
  return out;
}

using V = std::vector<std::uint64_t>;

TEST(YamlExtract, HostileInputsDoNotCrash) {
  const std::vector<std::string> inputs = {
      "",
      "port:",
      "port: 8080\n\0garbage"s,
      "---\n---\n---\n",
      ": : : :\n- - - -\n",
      "port: \"8080",
      "port: '8080",
      "ports: [8080, ",
      "ports: {a: 1, b:",
      "a: &x\n  port: 8080\nb: *x\nc: *undefined\n<<: *x\n",
      "? complex key\n: port: 8080\n",
      "port: !!int 8080\nother: !custom 9090\n",
      "{{ unterminated template\nport: 8080\n",
      "port: |\n  8080\n",
      "\tport: 8080\n",
      "%YAML 1.2\n%TAG ! tag:example.com,2000:\n---\nport: 8080\n",
      "port: " + std::string(100000, '['),
      "port: " + std::string(100000, '{'),
      "port:\n" + std::string(50000, '-') + " 8080",
      "port: 1\n" + std::string(20000, ' ') + "- a\n" + std::string(20000, '\n') + "  : b",
      "services:\n  web:\n    ports:\n      - \"${A:-${B:-${C:-80}}}:80\"\n      - \":::\"\n      - "
      "\"/udp\"\n",
  };
  for (const std::string& in : inputs) {
    SCOPED_TRACE(in.substr(0, 60));
    const auto ports = scan_yaml(in);
    expect_exact_digits(in, ports);
  }
}

TEST(YamlExtract, DeepNestingIsCutNotFollowed) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += std::string(static_cast<std::size_t>(i % 40), ' ') + "- [\n";
  expect_exact_digits(deep, scan_yaml(deep));
  std::string nested;
  for (int i = 0; i < 3000; ++i) nested += "{a: ";
  nested += "{port: 8080}";
  for (int i = 0; i < 3000; ++i) nested += "}";
  expect_exact_digits(nested, scan_yaml(nested));
}

TEST(YamlExtract, AnchorsAndAliasesReportOnce) {
  const std::string text =
      "x-env: &env\n  PORT: 3000\nservices:\n  a:\n    image: app\n    environment: *env\n"
      "  b:\n    image: app\n    environment:\n      <<: *env\n      DB_PORT: 5432\n";
  EXPECT_EQ(values(scan_yaml(text, "compose.yaml")), (V{3000, 5432}));
}

TEST(YamlExtract, DocumentKindComesFromContent) {
  // A top-level services: whose entries are Compose services is Compose, whatever the name.
  const auto compose =
      scan_yaml("services:\n  web:\n    image: nginx\n    ports: [\"8080:80\"]\n", "stack.yml");
  ASSERT_EQ(compose.size(), 2u);
  EXPECT_EQ(compose[0].format, "compose");
  EXPECT_EQ(compose[0].role, core::Role::kPublish);
  // GitLab CI lists services as images: no ports there.
  EXPECT_TRUE(
      scan_yaml("services:\n  - postgres:15\n  - redis:7\nimage: node:18\n", ".gitlab-ci.yml").empty());
  const auto k8s =
      scan_yaml("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - ports:\n    - containerPort: 80\n");
  ASSERT_EQ(k8s.size(), 1u);
  EXPECT_EQ(k8s[0].format, "kubernetes");
}

TEST(YamlExtract, DefaultsOfVariables) {
  EXPECT_EQ(values(scan_yaml("port: ${PORT:-3000}\nb_port: ${B_PORT-3001}\nc_port: ${C_PORT:3002}\n"
                             "d_port: ${D_PORT}\ne_port: ${E_PORT:?required}\n")),
            (V{3000, 3001, 3002}));
}

TEST(YamlExtract, CountsAndSettingsAboutPortsAreNotPorts) {
  EXPECT_TRUE(
      scan_yaml("max_ports: 4\nports_count: 2\nport_timeout: 30\nport: {minimum: 1, maximum: 65535}\n")
          .empty());
  EXPECT_EQ(values(scan_yaml("min_port: 30000\nmax_port: 32767\n")), (V{30000, 32767}));
}

TEST(YamlExtract, CommentsAreNotPorts) {
  EXPECT_TRUE(scan_yaml("# port: 8080\nname: x # http://localhost:8080\n").empty());
  EXPECT_TRUE(scan_yaml("jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n"
                        "          # curl http://localhost:8080\n          echo hi # localhost:9090\n",
                        "ci.yml")
                  .empty());
}

// Every fixture, cut and shuffled: the extractor must survive whatever is left.
TEST(YamlExtract, MutatedFixturesNeverCrash) {
  std::mt19937 rng(12345);
  const fs::path root = fs::path(PP_TEST_DIR) / "fixtures" / "ports" / "yaml";
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || e.path().extension() == ".expect") continue;
    const std::string original = test::slurp(e.path());
    for (int round = 0; round < 40; ++round) {
      std::string text = original;
      const int edits = 1 + static_cast<int>(rng() % 8);
      for (int k = 0; k < edits && !text.empty(); ++k) {
        const std::size_t at = rng() % text.size();
        switch (rng() % 4) {
          case 0:
            text.erase(at, 1 + rng() % 40);
            break;
          case 1:
            text.insert(at, 1, "\n:-[]{}\"'#&*!|>%@`\t"[rng() % 19]);
            break;
          case 2:
            text[at] = static_cast<char>(rng() % 256);
            break;
          default:
            text.insert(at, text.substr(rng() % text.size(), rng() % 80));
            break;
        }
      }
      SCOPED_TRACE(e.path().string() + " round " + std::to_string(round));
      expect_exact_digits(text, scan_yaml(text, e.path().filename().string()));
    }
  }
}

}  // namespace
}  // namespace portpolicy::scan
