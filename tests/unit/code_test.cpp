#include "extract/code.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// "LINE:COL VALUE ROLE [TRANSPORT]" for every port of `text` read as file `path`.
std::vector<std::string> ports(const std::string& path, const std::string& text) {
  core::SourceFile f(path, text);
  std::vector<std::string> out;
  for (const core::PortLiteral& p : scan::scan_text(f)) {
    const core::LineCol lc = f.position(p.start);
    std::string s = std::to_string(lc.line);
    s.append(":").append(std::to_string(lc.column)).append(" ").append(std::to_string(p.value));
    s.append(" ").append(core::to_string(p.role));
    if (p.transport) s.append(" ").append(core::to_string(*p.transport));
    out.push_back(s);
  }
  return out;
}

using S = std::vector<std::string>;

TEST(CodeQueries, TheEarlierPatternWinsALiteralTwoPatternsFind) {
  // The SOCK_DGRAM pattern comes before the generic bind pattern in python/ports.scm.
  EXPECT_EQ(ports("udp.py",
                  "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                  "s.bind((\"10.0.0.1\", 5353))\n"),
            (S{"3:21 5353 listen udp"}));
}

TEST(CodeQueries, CaseInsensitiveMatch) {
  // (?i) in #match?: MongoClient is a client whatever the case of its name.
  EXPECT_EQ(ports("db.py", "import pymongo\nc = pymongo.MongoClient(host=\"db\", port=27017)\n"),
            (S{"2:41 27017 connect"}));
}

TEST(CodeQueries, AddressNamesConnectUnlessTheyListen) {
  EXPECT_EQ(ports("cfg.py",
                  "import os\nREDIS_ADDR = \"cache:6379\"\nbind = \"0.0.0.0:8000\"\n"
                  "peers = [\"10.0.0.2:7000\"]\n"),
            (S{"2:21 6379 connect", "3:17 8000 listen", "4:20 7000 connect"}));
}

TEST(CodeQueries, CommandsAreReadByTheSharedCommandLineReader) {
  // @port.command: a command node, continuation lines joined, read like a Dockerfile RUN line.
  EXPECT_EQ(ports("run.sh", "#!/bin/sh\nnc -l 8080 &\nssh \\\n  -p 2222 deploy@host uptime\n"),
            (S{"2:7 8080 listen", "4:6 2222 connect"}));
  EXPECT_EQ(ports("run.sh", "#!/bin/sh\n# nc -l 8080\necho 'exit 255'\nexit 254\n"), S{});
}

}  // namespace
}  // namespace portpolicy::extract
