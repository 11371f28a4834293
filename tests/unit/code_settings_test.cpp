// Settings strings (@port.settings), names of port numbers and roles from every captured
// name, in the JVM-family and scripting-language queries.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/source_file.h"
#include "extract/code/code.h"
#include "scan/scanner.h"

namespace portpolicy::extract {
namespace {

// "LINE:COL VALUE ROLE" for every port the query of `format` finds in `text`, the first
// of any two with one range kept (as the scanner does).
std::vector<std::string> found(std::string_view format, std::string_view text) {
  core::SourceFile f{"snippet", std::string(text)};
  ParserCache parsers;
  std::vector<core::PortLiteral> ports;
  extract_code(ExtractContext{f, parsers, ports}, format);
  std::stable_sort(ports.begin(), ports.end(),
                   [](const core::PortLiteral& a, const core::PortLiteral& b) { return a.start < b.start; });
  ports.erase(std::unique(ports.begin(), ports.end(),
                          [](const core::PortLiteral& a, const core::PortLiteral& b) {
                            return a.start == b.start && a.end == b.end;
                          }),
              ports.end());
  std::vector<std::string> out;
  for (const core::PortLiteral& p : ports) {
    const core::LineCol lc = f.position(p.start);
    out.push_back(std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " + std::to_string(p.value) +
                  " " + std::string(core::to_string(p.role)));
  }
  return out;
}

using Found = std::vector<std::string>;

TEST(CodeSettings, SettingsStrings) {
  // Connection strings, DSNs, option strings and placeholder defaults: the number of a port
  // key. A port beside a named host is that host's.
  EXPECT_EQ(found("java", "String a = \"host=db port=5433 dbname=app\";\n"), (Found{"1:26 5433 connect"}));
  EXPECT_EQ(found("java", "String a = \"--server.port=8088\";\n"), (Found{"1:27 8088 listen"}));
  EXPECT_EQ(found("java", "@Value(\"${server.port:8081}\") int p;\n"), (Found{"1:23 8081 listen"}));
  EXPECT_EQ(found("java", "String a = \"--host=0.0.0.0 --port=9000\";\n"), (Found{"1:35 9000 listen"}));
  EXPECT_EQ(found("csharp", "var s = \"Server=tcp:sql.example.net,1433;Initial Catalog=shop\";\n"),
            (Found{"1:37 1433 connect"}));
  EXPECT_EQ(found("php", "<?php\n$d = 'mysql:host=db;port=3306;dbname=x';\n"), (Found{"2:26 3306 connect"}));
  // Format strings, timeouts and other keys are not ports.
  EXPECT_EQ(found("java", "String a = \"port=%d timeout=30 retries=3\";\n"), Found{});
  EXPECT_EQ(found("java", "String a = \"${server.timeout:30}\";\n"), Found{});
}

TEST(CodeSettings, EarlierPatternWinsForClients) {
  // The catch-all string pattern would call a URL a destination; Urls.Add says it listens.
  EXPECT_EQ(found("csharp", "app.Urls.Add(\"http://localhost:5005\");\n"), (Found{"1:32 5005 listen"}));
  EXPECT_EQ(found("csharp", "var u = new Uri(\"http://localhost:5005\");\n"), (Found{"1:35 5005 connect"}));
}

TEST(CodeSettings, RoleFromEveryNameCaptured) {
  // The receiver and the key speak together: Redis connects, WEBrick listens.
  EXPECT_EQ(found("ruby", "r = Redis.new(port: 6379)\n"), (Found{"1:21 6379 connect"}));
  EXPECT_EQ(found("ruby", "s = WEBrick::HTTPServer.new(Port: 8000)\n"), (Found{"1:35 8000 listen"}));
}

TEST(CodeSettings, AddressNamesAndWildcards) {
  EXPECT_EQ(found("java", "String BOOTSTRAP_SERVERS = \"kafka:9092\";\n"), (Found{"1:35 9092 connect"}));
  EXPECT_EQ(found("java", "String SERVER_ADDR = \"0.0.0.0:8080\";\n"), (Found{"1:31 8080 listen"}));
}

TEST(CodeSettings, PortNamesLeaveOutCountsAndCodes) {
  EXPECT_EQ(found("java", "static final int MAX_PORTS = 16;\nstatic final int PORT_TYPE_TCP = 1;\n"),
            Found{});
  EXPECT_EQ(found("php", "<?php\ndefine('CURLOPT_PORT', 3);\ndefine('CURLE_FTP_PORT_FAILED', 30);\n"),
            Found{});
  EXPECT_EQ(found("java", "static final int PORT = 8080;\n"), (Found{"1:25 8080 listen"}));
  // Port 0 beside a name is "not set"; given to a socket it asks for any free port.
  EXPECT_EQ(found("java", "int port = 0;\nnew ServerSocket(0);\n"), (Found{"2:18 0 listen"}));
}

}  // namespace
}  // namespace portpolicy::extract
