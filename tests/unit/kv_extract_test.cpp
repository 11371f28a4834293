// Robustness of the JSON, TOML, .properties and .env extractors: truncated and corrupted
// files never throw, hang or report a range that is not exactly a number's digits.
#include <gtest/gtest.h>

#include <ctime>
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

// Scans `text` as the file `name` and checks every range it reports.
std::vector<core::PortLiteral> checked_scan(const std::string& name, std::string text) {
  core::SourceFile file(name, std::move(text));
  std::vector<core::PortLiteral> ports;
  EXPECT_NO_THROW(ports = scan_text(file)) << name;
  const std::string_view t = file.text();
  for (const core::PortLiteral& p : ports) {
    EXPECT_LT(p.start, p.end) << name;
    EXPECT_LE(p.end, t.size()) << name;
    if (p.start >= p.end || p.end > t.size()) continue;
    const std::string_view digits = t.substr(p.start, p.end - p.start);
    EXPECT_EQ(digits.find_first_not_of("0123456789"), std::string_view::npos) << name << ": " << digits;
    EXPECT_EQ(std::to_string(p.value),
              std::string(digits).erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1)))
        << name;
  }
  return ports;
}

std::vector<fs::path> fixtures() {
  std::vector<fs::path> out;
  for (const char* dir : {"json", "toml", "properties", "env"}) {
    for (const auto& e :
         fs::recursive_directory_iterator(fs::path(PP_TEST_DIR) / "fixtures" / "ports" / dir)) {
      if (e.is_regular_file() && e.path().extension() != ".expect") out.push_back(e.path());
    }
  }
  return out;
}

TEST(KeyValueExtractors, EveryPrefixOfEveryFixture) {
  for (const fs::path& f : fixtures()) {
    const std::string text = test::slurp(f);
    for (std::size_t n = 0; n <= text.size(); ++n) checked_scan(f.filename().string(), text.substr(0, n));
  }
}

TEST(KeyValueExtractors, CorruptedFixtures) {
  std::mt19937 rng(12345);
  const std::string noise = "\"'`\\{}[]:=,;#!\n\r\t $-0123456789\xEF\xBB\xBF";
  for (const fs::path& f : fixtures()) {
    const std::string text = test::slurp(f);
    if (text.empty()) continue;
    for (int round = 0; round < 200; ++round) {
      std::string t = text;
      for (int k = 0; k < 4; ++k) {
        const std::size_t at = rng() % t.size();
        t[at] = noise[rng() % noise.size()];
      }
      checked_scan(f.filename().string(), t);
    }
  }
}

TEST(KeyValueExtractors, OddInputs) {
  for (const char* name : {"a.json", "a.toml", "a.properties", ".env"}) {
    for (const char* text : {"",
                             "\xEF\xBB\xBF",
                             "\"",
                             "'",
                             "=",
                             "export",
                             "export ",
                             "PORT=",
                             "PORT=\"",
                             "PORT='3000",
                             "port=\\",
                             "port = \"\"\"",
                             "{\"port\":",
                             "{\"port\": \"\\u00",
                             "[[[",
                             "port\n=\n3000",
                             "\r\n\r\n",
                             "PORT=${PORT:-",
                             "PORT=${PORT:-3000",
                             "a=1;b=2;port=3"}) {
      checked_scan(name, text);
    }
  }
  EXPECT_EQ(checked_scan(".env", "PORT='3000").size(), 1u);  // an unclosed quote ends at the line's end
}

TEST(KeyValueExtractors, LargeAndDeepFilesStayFast) {
  const std::clock_t start = std::clock();  // processor time: other jobs on the machine do not count
  std::string big = "{\"ports\": [";
  for (int i = 0; i < 100000; ++i) big += (i ? "," : "") + std::to_string(1000 + i % 60000);
  big += "]}";
  EXPECT_EQ(checked_scan("big.json", big).size(), 100000u);
  checked_scan("deep.json", std::string(20000, '[') + "{\"port\": 80}" + std::string(20000, ']'));
  checked_scan("deep.toml", "a = " + std::string(20000, '[') + "1" + std::string(20000, ']'));
  std::string env;
  for (int i = 0; i < 100000; ++i)
    env += "SERVICE_" + std::to_string(i) + "_PORT=" + std::to_string(1024 + i % 60000) + "\n";
  EXPECT_EQ(checked_scan("big.env", env).size(), 100000u);
  std::string props;
  for (int i = 0; i < 50000; ++i)
    props += "svc" + std::to_string(i) + ".url=http://h" + std::to_string(i) + ":8080/\n";
  EXPECT_EQ(checked_scan("big.properties", props).size(), 50000u);
  const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  EXPECT_LT(seconds, 20.0);
}

}  // namespace
}  // namespace portpolicy::scan
