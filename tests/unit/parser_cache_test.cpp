#include <gtest/gtest.h>

#include <string>

#include "extract/shared/extractor.h"

namespace portpolicy::extract {
namespace {

// The runtime aborts when it frees a tree about 65535 levels deep: such input is refused,
// for every grammar, while ordinary nesting and stray closing brackets still parse.
TEST(ParserCache, RefusesPathologicalNesting) {
  ParserCache parsers;
  for (const char* lang : {"yaml", "json"}) {
    EXPECT_EQ(parsers.parse(lang, std::string(70000, '[')), nullptr) << lang;
    EXPECT_EQ(parsers.parse(lang, "a: " + std::string(40000, '{')), nullptr) << lang;
    EXPECT_NE(parsers.parse(lang, std::string(100, '[') + std::string(100, ']')), nullptr) << lang;
  }
  EXPECT_NE(parsers.parse("yaml", "a: " + std::string(50000, ']') + "\n"), nullptr);
}

TEST(ParserCache, UnknownGrammarYieldsNothing) {
  ParserCache parsers;
  EXPECT_EQ(parsers.parse("no-such-grammar", "a: 1\n"), nullptr);
}

}  // namespace
}  // namespace portpolicy::extract
