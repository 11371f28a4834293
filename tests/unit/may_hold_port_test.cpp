#include <gtest/gtest.h>

#include "scan/scanner.h"

namespace portpolicy::scan {
namespace {

TEST(MayHoldPort, CommandLinesWithoutThePortWord) {
  EXPECT_TRUE(may_hold_port(R"({"start": "http-server -p 3000 src/static"})"));
  EXPECT_TRUE(may_hold_port("docker run -p 8080:80 nginx"));
  EXPECT_TRUE(may_hold_port("node --inspect=9229 app.js"));
  EXPECT_TRUE(may_hold_port("-p 3000"));
}

TEST(MayHoldPort, TextWithoutPorts) {
  EXPECT_FALSE(may_hold_port(R"({"name": "app", "version": "1.0.0", "private": true})"));
  EXPECT_FALSE(may_hold_port("x-1 2 a-b 3 --color -p --progress"));
  EXPECT_FALSE(may_hold_port(""));
}

}  // namespace
}  // namespace portpolicy::scan
