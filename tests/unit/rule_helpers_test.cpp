// The helpers rules share: transports judged, labels, and reading the scalar around a literal.
#include <gtest/gtest.h>

#include <string>

#include "core/text.h"
#include "rules/rule.h"
#include "test_util.h"

namespace portpolicy::rules {
namespace {

// The scalar around the first occurrence of `needle` in `text`, as "quote|content".
std::string scalar_of(std::string_view text, std::string_view needle) {
  const auto at = static_cast<std::uint32_t>(text.find(needle));
  const ScalarSpan s = scalar_at(text, at, at + static_cast<std::uint32_t>(needle.size()));
  return std::string(1, s.quote == 0 ? '-' : s.quote) + "|" + std::string(text.substr(s.begin, s.end - s.begin));
}

TEST(ScalarAt, PlainQuotedAndFlowScalars) {
  EXPECT_EQ(scalar_of("      - 22:22\n", "22"), "-|22:22");
  EXPECT_EQ(scalar_of("      - \"2222:22\"  # ssh\n", "2222"), "\"|2222:22");
  EXPECT_EQ(scalar_of("      - '127.0.0.1:8443:443/tcp'\n", "8443"), "'|127.0.0.1:8443:443/tcp");
  // The quotes before belong to another scalar of the flow sequence.
  EXPECT_EQ(scalar_of("ports: [\"8080:80\", 3030:31, \"9000:9000\"]\n", "3030"), "-|3030:31");
  EXPECT_EQ(scalar_of("ports: [\"8080:80\", '3031:31']\n", "3031"), "'|3031:31");
  EXPECT_EQ(scalar_of("ports: [22:22]\n", "22"), "-|22:22");
  // A quote that does not close on the same line makes no quoted scalar.
  EXPECT_EQ(scalar_of("note: it's 22:22\n", "22"), "-|22:22");
  EXPECT_EQ(scalar_of("22:22", "22"), "-|22:22");
}

TEST(ScalarAt, OutOfRangeOffsetsAreReturnedAsGiven) {
  const ScalarSpan s = scalar_at("abc", 2, 10);
  EXPECT_EQ(s.begin, 2u);
  EXPECT_EQ(s.end, 10u);
  EXPECT_EQ(s.quote, 0);
}

TEST(PortLabel, NamesTheTransports) {
  EXPECT_EQ(port_label(254, {core::Transport::kTcp, core::Transport::kUdp}), "254/tcp+udp");
  EXPECT_EQ(port_label(53, {core::Transport::kUdp}), "53/udp");
}

TEST(FileTexts, ReadsOnceAndToleratesMissingFiles) {
  test::TempDir dir;
  const std::string path = (dir.path() / "compose.yaml").string();
  test::write_file(path, "services: {}\n");
  FileTexts texts;
  EXPECT_EQ(texts.get(path), "services: {}\n");
  test::write_file(path, "changed\n");
  EXPECT_EQ(texts.get(path), "services: {}\n");  // read once per check
  EXPECT_EQ(texts.get((dir.path() / "gone.yaml").string()), "");
}

TEST(FileTexts, AFileChangedSinceTheScanReadsAsEmpty) {
  test::TempDir dir;
  const std::string same = (dir.path() / "same.yaml").string();
  const std::string changed = (dir.path() / "changed.yaml").string();
  test::write_file(same, "ports: [\"254:80\"]\n");
  test::write_file(changed, "ports: [\"254:80\"]\n");
  scan::ScanResult scanned;
  scanned.digests = {{same, core::digest("ports: [\"254:80\"]\n")}, {changed, core::digest("ports: [\"254:80\"]\n")}};
  test::write_file(changed, "");  // truncated between the scan and the rule
  const std::vector<scan::PortFinding> ports;
  const std::vector<std::string> files;
  const std::vector<scan::FileProblem> problems;
  const RuleContext ctx{registry::Registry::embedded(), ports, files, problems, nullptr, nullptr, &scanned};
  FileTexts texts(ctx);
  EXPECT_EQ(texts.get(same), "ports: [\"254:80\"]\n");
  EXPECT_EQ(texts.get(changed), "");
}

}  // namespace
}  // namespace portpolicy::rules
