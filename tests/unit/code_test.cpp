#include "extract/code.h"

#include <gtest/gtest.h>

#include "core/source_file.h"
#include "scan/scanner.h"

namespace portpolicy::extract {
namespace {

TEST(CodeQueries, EveryQueryCompilesWithKnownPredicates) {
  EXPECT_FALSE(code_languages().empty());
  for (const std::string& problem : check_code_queries()) ADD_FAILURE() << problem;
}

TEST(CodeQueries, FindsByMeaningNotByValue) {
  core::SourceFile f("app.py", "app.run(port=254)\nmask = 254 & flags\nstatus = 404\n");
  auto found = scan::scan_text(f);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, 254u);
  EXPECT_EQ(f.position(found[0].start).line, 1u);
}

// #scope-match?: the function a literal is written in decides its transport and side.
TEST(CodeQueries, ScopeOfTheLiteralGivesTransportAndSide) {
  core::SourceFile f("net.c",
                     "int srv(void) { int fd = socket(AF_INET, SOCK_DGRAM, 0); a.sin_port = htons(53);\n"
                     "  return bind(fd, 0, 0); }\n"
                     "int cli(void) { int fd = socket(AF_INET, SOCK_STREAM, 0); a.sin_port = htons(5432);\n"
                     "  return connect(fd, 0, 0); }\n");
  auto found = scan::scan_text(f);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, 53u);
  EXPECT_EQ(found[0].role, core::Role::kListen);
  EXPECT_EQ(found[0].transport, core::Transport::kUdp);
  EXPECT_EQ(found[1].value, 5432u);
  EXPECT_EQ(found[1].role, core::Role::kConnect);
  EXPECT_FALSE(found[1].transport.has_value());
}

// role "from-host": a wildcard host listens, a named host is a destination.
TEST(CodeQueries, HostOfTheStringGivesTheSide) {
  core::SourceFile f("main.go",
                     "package main\nvar a = &http.Server{Addr: \":8080\"}\n"
                     "var b = &redis.Options{Addr: \"cache:6379\"}\n");
  auto found = scan::scan_text(f);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, 8080u);
  EXPECT_EQ(found[0].role, core::Role::kListen);
  EXPECT_EQ(found[1].value, 6379u);
  EXPECT_EQ(found[1].role, core::Role::kConnect);
}

// When two patterns find one literal, the one written first in ports.scm wins: the UDPAddr
// pattern precedes the one for any field named Port.
TEST(CodeQueries, FirstPatternWinsOnTheSameLiteral) {
  for (int i = 0; i < 3; ++i) {
    core::SourceFile f("udp.go", "package main\nvar u = &net.UDPAddr{Port: 53}\nvar c = Config{Port: 80}\n");
    auto found = scan::scan_text(f);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].transport, core::Transport::kUdp);
    EXPECT_FALSE(found[1].transport.has_value());
  }
}

// @port.command: the strings of an argv, joined, read by the shared command-line mechanism.
TEST(CodeQueries, CommandsAreReadLikeCommandLines) {
  core::SourceFile f("ops.go",
                     "package ops\nvar c = exec.Command(\"ssh\", \"-L\", \"8080:app:80\", \"-p\", \"2222\", h)\n"
                     "var s = exec.Command(\"sleep\", \"30\")\n");
  auto found = scan::scan_text(f);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].value, 8080u);
  EXPECT_EQ(found[0].role, core::Role::kPublish);
  EXPECT_EQ(f.position(found[0].start).column, 36u);
  EXPECT_EQ(found[1].value, 80u);
  EXPECT_EQ(found[1].role, core::Role::kConnect);
  EXPECT_EQ(found[2].value, 2222u);
  EXPECT_EQ(found[2].role, core::Role::kConnect);
}

// #line-match?: a macro the grammar cannot parse is read from its line.
TEST(CodeQueries, UnparsableMacrosAreReadFromTheirLine) {
  core::SourceFile f("server.cc",
                     "ABSL_FLAG(uint16_t, port, 50051, \"Server port\");\n"
                     "ABSL_FLAG(int32_t, max_streams, 100, \"Streams\");\nint main() { return 0; }\n");
  auto found = scan::scan_text(f);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, 50051u);
  EXPECT_EQ(f.position(found[0].start).line, 1u);
}

}  // namespace
}  // namespace portpolicy::extract
