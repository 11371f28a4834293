// Walks tests/fixtures/ports/: every file there is scanned, and what it yields must equal
// its sidecar NAME.expect exactly. Each line of a sidecar is one expected port:
//
//   LINE:COL VALUE ROLE [TRANSPORT]     e.g.  12:9 8080 publish   or   4:15 53 listen udp
//
// Blank lines and lines starting with '#' are comments (say why a look-alike is no port).
// A fixture whose sidecar is empty must yield nothing. Failures are reported as missing
// (a false negative), noisy (a false positive) or wrong role/transport.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/source_file.h"
#include "scan/scanner.h"
#include "test_util.h"

namespace portpolicy::scan {
namespace {

namespace fs = std::filesystem;

fs::path fixtures_root() { return fs::path(PP_TEST_DIR) / "fixtures" / "ports"; }

std::vector<std::string> fixture_files() {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(fixtures_root())) {
    if (!e.is_regular_file() || e.path().extension() == ".expect") continue;
    out.push_back(fs::relative(e.path(), fixtures_root()).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string describe(std::uint32_t line, std::uint32_t col, std::uint64_t value, std::string_view role,
                     std::string_view transport) {
  std::string s = fmt::format("{}:{} {} {}", line, col, value, role);
  if (!transport.empty()) s += fmt::format(" {}", transport);
  return s;
}

class PortsFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(PortsFixture, YieldsExactlyItsExpectations) {
  const fs::path file = fixtures_root() / GetParam();
  const fs::path sidecar = file.string() + ".expect";
  ASSERT_TRUE(fs::exists(sidecar)) << "missing sidecar " << sidecar;
  std::set<std::string> expected;
  std::istringstream in(test::slurp(sidecar));
  for (std::string line; std::getline(in, line);) {
    auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    std::istringstream ls(line);
    std::string pos, value, role, transport;
    ls >> pos >> value >> role >> transport;
    const auto colon = pos.find(':');
    ASSERT_NE(colon, std::string::npos) << sidecar << ": bad line " << line;
    expected.insert(describe(std::stoul(pos.substr(0, colon)), std::stoul(pos.substr(colon + 1)),
                             std::stoull(value), role, transport));
  }
  core::SourceFile src(file.string(), test::slurp(file));
  std::set<std::string> got;
  for (const core::PortLiteral& p : scan_text(src)) {
    const core::LineCol lc = src.position(p.start);
    got.insert(describe(lc.line, lc.column, p.value, core::to_string(p.role),
                        p.transport ? core::to_string(*p.transport) : ""));
  }
  for (const std::string& e : expected) {
    if (!got.count(e)) ADD_FAILURE() << "missing " << GetParam() << " " << e;
  }
  for (const std::string& g : got) {
    if (!expected.count(g)) ADD_FAILURE() << "noisy   " << GetParam() << " " << g;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, PortsFixture, ::testing::ValuesIn(fixture_files()), [](const auto& info) {
  std::string n = info.param;
  for (char& c : n) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return n;
});

}  // namespace
}  // namespace portpolicy::scan
