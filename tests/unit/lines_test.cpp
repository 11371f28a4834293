#include "extract/shared/lines.h"

#include <gtest/gtest.h>

#include "core/port_literal.h"
#include "extract/shared/line_settings.h"
#include "extract/shared/port_keys.h"

namespace portpolicy::extract {
namespace {

TEST(Lines, SplitSkipsBomAndCarriageReturns) {
  const std::vector<Line> lines = split_lines(
      "\xEF\xBB\xBF"
      "a=1\r\n\r\nb = 2\nlast");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].start, 3u);
  EXPECT_EQ(lines[0].text, "a=1");
  EXPECT_EQ(lines[1].text, "");
  EXPECT_EQ(lines[2].start, 10u);
  EXPECT_EQ(lines[2].text, "b = 2");
  EXPECT_EQ(lines[3].text, "last");
  EXPECT_TRUE(split_lines("").empty());
}

TEST(Lines, Comments) {
  EXPECT_TRUE(is_comment_line("  # port = 80", "#;"));
  EXPECT_TRUE(is_comment_line("\t; port = 80", "#;"));
  EXPECT_FALSE(is_comment_line("port = 80 # http", "#;"));
  EXPECT_FALSE(is_comment_line("", "#"));
  EXPECT_EQ(strip_inline_comment("port = 80 ; http", "#;"), "port = 80 ");
  EXPECT_EQ(strip_inline_comment("password = a#b", "#;"), "password = a#b");
  EXPECT_EQ(strip_inline_comment("prefix = '%m # %p' # note", "#;"), "prefix = '%m # %p' ");
  EXPECT_EQ(strip_inline_comment("# all of it", "#"), "");
}

TEST(Lines, ContinuationsKeepFileOffsets) {
  const std::string text = "RUN a \\\n  # note\n  --port 8080\nEXPOSE 1\n";
  const std::vector<Line> lines = split_lines(text);
  std::size_t i = 0;
  const LogicalLine line = join_continued(lines, i, '\\', "#");
  EXPECT_EQ(i, 3u);
  const std::size_t pos = line.text().find("8080");
  ASSERT_NE(pos, std::string_view::npos);
  EXPECT_EQ(text.substr(line.file_offset(pos), 4), "8080");
  EXPECT_EQ(line.text().find("note"), std::string_view::npos);
  const LogicalLine next = join_continued(lines, i, '\\', "#");
  EXPECT_EQ(next.text(), "EXPOSE 1");
  EXPECT_EQ(i, 4u);
}

TEST(Lines, ContinuationAtEndOfFile) {
  const std::vector<Line> lines = split_lines("CMD a \\");
  std::size_t i = 0;
  const LogicalLine line = join_continued(lines, i, '\\', "#");
  EXPECT_EQ(i, 1u);
  EXPECT_EQ(line.text(), "CMD a  ");
}

TEST(Lines, WordsAndNumbers) {
  const std::vector<Word> w = split_words(R"(["a", "--port", "3000"])", "\"',[]");
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[1].text, "--port");
  EXPECT_EQ(w[2].pos, 17u);
  using P = std::vector<std::pair<std::size_t, std::size_t>>;
  EXPECT_EQ(port_numbers("8080"), (P{{0, 4}}));
  EXPECT_EQ(port_numbers("8000-8010"), (P{{0, 4}, {5, 4}}));
  EXPECT_EQ(port_numbers("70000"), (P{{0, 5}}));
  EXPECT_TRUE(port_numbers("1234567").empty());
  EXPECT_TRUE(port_numbers("30s").empty());
  EXPECT_TRUE(port_numbers("1.2").empty());
  EXPECT_TRUE(port_numbers("-1").empty());
  EXPECT_TRUE(port_numbers("").empty());
  std::size_t off = 0;
  EXPECT_EQ(unquote("\"80\"", off), "80");
  EXPECT_EQ(off, 1u);
  EXPECT_EQ(unquote("'80", off), "'80");
}

TEST(KeyTables, PortNumbersAndSides) {
  for (const char* k : {"port", "http_port", "tls-port", "DB_PORT", "containerPort", "server.port"}) {
    EXPECT_TRUE(is_port_number_key(k)) << k;
  }
  for (const char* k : {"port_timeout", "port-open-timeout", "max_port_retries", "port_offset", "support"}) {
    EXPECT_FALSE(is_port_number_key(k)) << k;
  }
  EXPECT_EQ(role_for_name("PORT"), core::Role::kListen);
  EXPECT_EQ(role_for_name("DB_PORT"), core::Role::kConnect);
  EXPECT_EQ(role_for_name("REDIS_HOST"), core::Role::kConnect);
  EXPECT_EQ(role_for_name("REDIS_LISTEN_PORT"), core::Role::kListen);
  EXPECT_TRUE(is_wildcard_host("0.0.0.0"));
  EXPECT_TRUE(is_wildcard_host("[::]"));
  EXPECT_TRUE(is_wildcard_host(""));
  EXPECT_FALSE(is_wildcard_host("localhost"));
  EXPECT_EQ(host_before_port("http://db.internal:5432/x", 19), "db.internal");
  EXPECT_EQ(host_before_port("[::1]:80", 6), "[::1]");
  EXPECT_EQ(host_before_port("${HOST}:80", 8), "{HOST}");
  EXPECT_EQ(host_before_port(":80", 1), "");
}

}  // namespace
}  // namespace portpolicy::extract
