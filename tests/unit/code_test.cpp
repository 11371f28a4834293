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

}  // namespace
}  // namespace portpolicy::extract
