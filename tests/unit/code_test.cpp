#include "extract/code/code.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/source_file.h"
#include "scan/scanner.h"
#include "test_util.h"

namespace portpolicy::extract {
namespace {

// "LINE:COL VALUE ROLE [TRANSPORT]" for each port found in `text`, read as file `name`.
std::vector<std::string> ports_of(const std::string& name, const std::string& text) {
  core::SourceFile f(name, text);
  std::vector<std::string> out;
  for (const core::PortLiteral& p : scan::scan_text(f)) {
    const core::LineCol lc = f.position(p.start);
    std::string s = fmt::format("{}:{} {} {}", lc.line, lc.column, p.value, core::to_string(p.role));
    if (p.transport) s += fmt::format(" {}", core::to_string(*p.transport));
    out.push_back(s);
  }
  return out;
}

TEST(CodeQueries, EveryQueryCompilesWithKnownPredicates) {
  EXPECT_FALSE(code_languages().empty());
  for (const std::string& problem : check_code_queries()) ADD_FAILURE() << problem;
}

// A port bound to a name is found at the literal, saying through which name it reached
// which call; a fix there changes the literal.
TEST(CodeNames, FoundAtTheLiteralThroughTheName) {
  core::SourceFile f("srv.js", "const n = 254;\nhttp.createServer(h).listen(n);\n");
  const auto found = scan::scan_text(f);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, 254u);
  EXPECT_EQ(f.position(found[0].start).line, 1u);
  EXPECT_EQ(f.position(found[0].start).column, 11u);
  EXPECT_EQ(found[0].context, "listen through n");
  EXPECT_EQ(found[0].role, core::Role::kListen);
}

TEST(CodeNames, OnlyWhereTheFlowIsNoGuess) {
  // The same literal inline and through a name: one finding each.
  EXPECT_EQ(ports_of("a.py", "p = 8001\napp.run(port=p)\n"), (std::vector<std::string>{"1:5 8001 listen"}));
  // Bound twice, reassigned from a call, changed, used before it is bound, a count.
  EXPECT_TRUE(ports_of("a.py", "p = 8001\np = 8002\napp.run(port=p)\n").empty());
  EXPECT_TRUE(ports_of("a.py", "p = 8001\np = int(x)\napp.run(port=p)\n").empty());
  EXPECT_TRUE(ports_of("a.py", "p = 8001\np += 1\napp.run(port=p)\n").empty());
  EXPECT_TRUE(ports_of("a.py", "def f():\n    app.run(port=p)\n    p = 8001\n").empty());
  EXPECT_TRUE(ports_of("a.py", "retry_count = 5\napp.run(port=retry_count)\n").empty());
  // A parameter of the same name hides the module's binding; a function's own binding is
  // not seen from another function.
  EXPECT_TRUE(ports_of("a.py", "p = 8001\ndef f(p):\n    app.run(port=p)\n").empty());
  EXPECT_TRUE(ports_of("a.py", "def f():\n    p = 8001\ndef g():\n    app.run(port=p)\n").empty());
  // A module constant is seen from a function.
  EXPECT_EQ(ports_of("a.py", "P = 8001\ndef g():\n    app.run(port=P)\n"),
            (std::vector<std::string>{"1:5 8001 listen"}));
  // Not a port where it is used: a name used as a count or a key, not at a sink.
  EXPECT_TRUE(ports_of("a.go", "package m\nfunc f() {\n\tk := 8001\n\tx := make([]int, k)\n}\n").empty());
}

TEST(CodeNames, ManyUsesOfManyNamesStayLinear) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += fmt::format("p{} = {}\napp.run(port=p{})\n", i, 50000 + i % 10000, i);
  core::SourceFile f("many.py", text);
  EXPECT_EQ(scan::scan_text(f).size(), 3000u);
}

TEST(CodeQueries, OctalHexAndBinaryAreNeverPorts) {
  EXPECT_TRUE(ports_of("a.rs", "let l = TcpListener::bind((\"0.0.0.0\", 0o17));\n").empty());
  EXPECT_TRUE(ports_of("a.py", "app.run(port=0x1F90)\napp.run(port=0b11)\napp.run(port=017)\n").empty());
  EXPECT_EQ(ports_of("a.rs", "let l = TcpListener::bind((\"0.0.0.0\", 8080u16));\n"),
            (std::vector<std::string>{"1:39 8080 listen"}));
}

TEST(CodeQueries, FindsByMeaningNotByValue) {
  core::SourceFile f("app.py", "app.run(port=254)\nmask = 254 & flags\nstatus = 404\n");
  auto found = scan::scan_text(f);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, 254u);
  EXPECT_EQ(f.position(found[0].start).line, 1u);
}

// @port.scope: the names around a port key give its side; one that speaks of something the
// program talks to makes it connect.
TEST(CodeQueries, ScopesGiveTheRole) {
  EXPECT_EQ(ports_of("c.js", "module.exports = { db: { port: 5432 }, web: { port: 80 } };\n"),
            (std::vector<std::string>{"1:32 5432 connect", "1:53 80 listen"}));
  EXPECT_EQ(ports_of("c.ts", "const redisOptions = { host: 'cache', port: 6379 };\n"),
            (std::vector<std::string>{"1:45 6379 connect"}));
}

// role "from-address": a wildcard host or a listen name listens, any other host connects.
TEST(CodeQueries, AddressesListenOnWildcardsAndConnectElsewhere) {
  EXPECT_EQ(ports_of("a.js", "const LISTEN_ADDR = '0.0.0.0:8080';\nconst UPSTREAM_ADDR = 'api:9000';\n"
                             "const BIND = ':7000';\n"),
            (std::vector<std::string>{"1:30 8080 listen", "2:28 9000 connect", "3:16 7000 listen"}));
}

// When two patterns find one literal, the first in the query file wins: a client call is
// more specific than the name of the key.
TEST(CodeQueries, FirstPatternWins) {
  EXPECT_EQ(ports_of("c.js", "const client = net.connect({ port: 6379 });\n"),
            (std::vector<std::string>{"1:36 6379 connect"}));
}

// @socket.udp / @port.receiver: a port passed to a method of a datagram socket is UDP,
// wherever in the file the socket was made.
TEST(CodeQueries, DatagramSocketsMakeTheirPortsUdp) {
  EXPECT_EQ(ports_of("u.js", "const s = dgram.createSocket('udp4');\nfunction go() { s.bind(5353); }\n"
                             "const t = net.createServer();\nt.listen(5354);\n"),
            (std::vector<std::string>{"2:24 5353 listen udp", "4:10 5354 listen"}));
}

// A numeric separator (8_080) is no port literal, nor is its leading digit.
TEST(CodeQueries, NumericSeparatorsAreNotPorts) {
  EXPECT_TRUE(ports_of("s.ts", "const PORT = 8_080;\n").empty());
}

// The JavaScript, TypeScript and TSX queries share sections (";;; section: NAME", kept once in
// grammars/ecmascript/) word for word, so that a context recognized in one is recognized in all three.
TEST(CodeQueries, SharedSectionsAgree) {
  // Read as embedded, after the build expanded "; include:" lines.
  std::map<std::string, std::string> embedded;
  for (const CodeLanguage& l : code_languages()) embedded[std::string(l.format)] = std::string(l.query);
  std::map<std::string, std::pair<std::string, std::string>> seen;  // section -> (file, text)
  for (const char* format : {"javascript", "typescript", "tsx"}) {
    ASSERT_TRUE(embedded.count(format)) << format;
    EXPECT_EQ(embedded[format].find("\n; include: "), std::string::npos) << format << ": an include was not expanded";
    std::istringstream in(embedded[format]);
    std::string name, text;
    auto finish = [&] {
      if (name.empty()) return;
      auto [it, fresh] = seen.emplace(name, std::make_pair(std::string(format), text));
      if (!fresh) {
        EXPECT_EQ(it->second.second, text) << "section " << name << " differs: " << it->second.first << " and "
                                           << format;
      }
    };
    for (std::string line; std::getline(in, line);) {
      if (line.starts_with(";;; section: ")) {
        finish();
        name.assign(line, 13);
        text.clear();
      }
      text.append(line).push_back('\n');
    }
    finish();
  }
  EXPECT_TRUE(seen.count("core") && seen.count("strings") && seen.count("jsx"));
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
