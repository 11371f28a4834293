#include "explain/explain.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace portpolicy::explain {
namespace {

using registry::Registry;

const Registry& reg() { return Registry::embedded(); }

Explanation one(const std::string& q) {
  auto targets = resolve(q, reg());
  EXPECT_EQ(targets.size(), 1u);
  return explain(targets.at(0), reg());
}

TEST(Resolve, NumbersRangesTransportsAndNames) {
  EXPECT_EQ(resolve("80", reg()).at(0).port, 80u);
  auto udp = resolve("53/udp", reg());
  ASSERT_EQ(udp.size(), 1u);
  EXPECT_EQ(udp[0].transport, core::Transport::kUdp);
  auto range = resolve("249-256", reg());
  ASSERT_EQ(range.size(), 8u);
  EXPECT_EQ(range.front().port, 249u);
  EXPECT_EQ(range.back().port, 256u);
  auto ssh = resolve("ssh", reg());
  ASSERT_EQ(ssh.size(), 1u);
  EXPECT_EQ(ssh[0].port, 22u);
  EXPECT_EQ(resolve("domain/udp", reg()).at(0).port, 53u);
}

TEST(Resolve, BadInputSaysWhy) {
  auto says = [](const std::string& q, const std::string& text) {
    try {
      resolve(q, reg());
      ADD_FAILURE() << q << " resolved";
    } catch (const QueryError& e) {
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    }
  };
  says("abc", "not a port number, a range, or a service name");
  says("-1", "never negative");
  says("80/foo", "unknown transport 'foo'");
  says("300-200", "runs backwards");
  says("0-65535", "range too large");
  says("", "empty argument");
}

TEST(Explain, Verdicts) {
  EXPECT_EQ(one("254").verdict, Verdict::kReserved);
  EXPECT_EQ(one("251").verdict, Verdict::kReserved);
  EXPECT_EQ(one("252").verdict, Verdict::kReserved);
  EXPECT_EQ(one("0").verdict, Verdict::kReserved);
  EXPECT_EQ(one("2").verdict, Verdict::kReserved);
  EXPECT_EQ(one("278").verdict, Verdict::kUnassignedSystem);
  EXPECT_EQ(one("80").verdict, Verdict::kFine);
  EXPECT_EQ(one("22").verdict, Verdict::kFine);
  EXPECT_EQ(one("1023").verdict, Verdict::kReserved);
  EXPECT_EQ(one("49152").verdict, Verdict::kFine);
  EXPECT_EQ(one("65535").verdict, Verdict::kFine);
  EXPECT_EQ(one("70000").verdict, Verdict::kInvalid);
  EXPECT_EQ(one("65536").verdict, Verdict::kInvalid);
  EXPECT_EQ(one("99999999999").verdict, Verdict::kInvalid);
}

TEST(Explain, SuggestionsOnlyWhenNotFineAndAlwaysDynamic) {
  for (const char* q : {"254", "278", "0", "70000"}) {
    auto e = one(q);
    ASSERT_TRUE(e.suggestion.has_value()) << q;
    EXPECT_GE(*e.suggestion, 49152u);
    EXPECT_LE(*e.suggestion, 65535u);
    EXPECT_EQ(one(q).suggestion, e.suggestion) << "suggestions are stable";
  }
  EXPECT_FALSE(one("80").suggestion.has_value());
  EXPECT_NE(one("254").suggestion, one("253").suggestion);
}

TEST(Explain, TransportFilter) {
  auto e = one("53/udp");
  ASSERT_EQ(e.transports.size(), 1u);
  EXPECT_EQ(e.transports[0].transport, core::Transport::kUdp);
  EXPECT_EQ(one("80").transports.size(), 4u);
}

// Golden files: tests/golden/explain/<name>.txt and .json. Regenerate with
// PORTPOLICY_UPDATE_GOLDEN=1 after a deliberate change, and review the diff.
class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, TextAndJson) {
  const std::string q = GetParam();
  std::vector<Explanation> items;
  for (const Target& t : resolve(q, reg())) items.push_back(explain(t, reg()));
  std::string name = q;
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  const auto dir = std::filesystem::path(PP_TEST_DIR) / "golden" / "explain";
  const std::string text = render_text(items, reg());
  const std::string json = render_json(items, reg());
  EXPECT_NO_THROW((void)nlohmann::json::parse(json));
  if (test::update_golden()) {
    test::write_file(dir / (name + ".txt"), text);
    test::write_file(dir / (name + ".json"), json);
  }
  EXPECT_EQ(text, test::slurp(dir / (name + ".txt")));
  EXPECT_EQ(json, test::slurp(dir / (name + ".json")));
}

INSTANTIATE_TEST_SUITE_P(Explain, Golden,
                         ::testing::Values("0", "22", "53/udp", "80", "251", "254", "278", "1023", "1024",
                                           "49151", "49152", "65535", "70000", "249-256"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) {
                             if (c == '/' || c == '-') c = '_';
                           }
                           return "port_" + n;
                         });

}  // namespace
}  // namespace portpolicy::explain
