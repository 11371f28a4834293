// The line formats (Dockerfile, nginx, systemd, INI, HCL) beyond their fixtures: cases
// that are easier to state one at a time, and inputs no real file should have but any
// file may, which must neither crash, hang nor yield a range that is not digits.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/source_file.h"
#include "extract/formats.h"
#include "scan/scanner.h"

namespace portpolicy::scan {
namespace {

// "LINE:COL VALUE ROLE [TRANSPORT]" for every port of `text` read as file `path`.
std::vector<std::string> ports(const std::string& path, const std::string& text) {
  core::SourceFile file(path, text);
  std::vector<std::string> out;
  for (const core::PortLiteral& p : scan_text(file)) {
    const core::LineCol lc = file.position(p.start);
    std::string s = std::to_string(lc.line);
    s.append(":").append(std::to_string(lc.column)).append(" ").append(std::to_string(p.value));
    s.append(" ").append(core::to_string(p.role));
    if (p.transport) s.append(" ").append(core::to_string(*p.transport));
    out.push_back(s);
  }
  return out;
}

using S = std::vector<std::string>;

TEST(Dockerfile, ArithmeticShiftOpensNoHereDocument) {
  EXPECT_EQ(ports("Dockerfile", "FROM alpine:3\nRUN echo $((1<<3))\nEXPOSE 80\n"), (S{"3:8 80 listen"}));
}

TEST(Dockerfile, ShortFlagsDependOnTheProgram) {
  EXPECT_EQ(ports("Dockerfile", "FROM python:3\nCMD [\"flask\", \"run\", \"-p\", \"5000\"]\n"),
            (S{"2:29 5000 listen"}));
  EXPECT_EQ(ports("Dockerfile", "FROM postgres:16\nHEALTHCHECK CMD psql -p 5432 -c 'select 1'\n"),
            (S{"2:25 5432 connect"}));
  EXPECT_EQ(ports("Dockerfile", "FROM x:1\nRUN mkdir -p 700 && ps -p 1 && ls | xargs -P 4 echo\n"), S{});
  EXPECT_EQ(ports("Dockerfile", "FROM x:1\nRUN mysql -h db -P 3306 -e 'select 1'\n"),
            (S{"2:20 3306 connect"}));
}

TEST(Dockerfile, SshForwards) {
  EXPECT_EQ(ports("Dockerfile", "FROM x:1\nCMD ssh -N -L 15432:db.internal:5432 -p 2222 bastion\n"),
            (S{"2:15 15432 publish", "2:33 5432 connect", "2:41 2222 connect"}));
  EXPECT_EQ(ports("Dockerfile", "FROM x:1\nCMD ssh -R 0.0.0.0:8080:localhost:3000 host\n"),
            (S{"2:20 8080 publish", "2:35 3000 connect"}));
  EXPECT_EQ(ports("Dockerfile", "FROM x:1\nRUN curl -L https://example.com/x.tgz | tar xz\n"), S{});
}

TEST(Dockerfile, ExposeForms) {
  EXPECT_EQ(ports("Dockerfile", "EXPOSE 80/tcp 53/udp 9000-9002/sctp $PORT \"8080\"\n"),
            (S{"1:8 80 listen tcp", "1:15 53 listen udp", "1:22 9000 listen sctp", "1:27 9002 listen sctp",
               "1:44 8080 listen"}));
  EXPECT_EQ(ports("Dockerfile", "expose 3000\n"), (S{"1:8 3000 listen"}));
}

TEST(Dockerfile, ShellAssignmentsAndDefaults) {
  EXPECT_EQ(ports("Dockerfile", "FROM x:1\nCMD PORT=4000 node server.js\n"), (S{"2:10 4000 listen"}));
  EXPECT_EQ(ports("Dockerfile", "FROM x:1\nCMD uvicorn app:app --port ${PORT:-8000}\n"),
            (S{"2:36 8000 listen"}));
  EXPECT_EQ(ports("Dockerfile", "FROM x:1\nENV DB_PORT=5432 PORT=${PORT}\n"), (S{"2:13 5432 connect"}));
}

TEST(Dockerfile, NetworkToolsReadByTheirOwnSyntax) {
  // socat addresses, netcat listeners and probes, a firewall rule
  EXPECT_EQ(ports("Dockerfile", "FROM alpine:3\nCMD socat TCP-LISTEN:8080,fork TCP:backend:80\n"),
            (S{"2:22 8080 listen tcp", "2:44 80 connect tcp"}));
  EXPECT_EQ(ports("Dockerfile", "FROM alpine:3\nCMD nc -lk -p 9000 -e /bin/cat\n"), (S{"2:15 9000 listen"}));
  EXPECT_EQ(ports("Dockerfile", "FROM alpine:3\nHEALTHCHECK CMD nc -z -w 3 localhost 8080 || exit 1\n"),
            (S{"2:38 8080 connect"}));
  EXPECT_EQ(ports("Dockerfile", "FROM alpine:3\nRUN nc -l 8080 > /tmp/out 2>&1\n"), (S{"2:11 8080 listen"}));
}

TEST(Dockerfile, MappingsAndForwards) {
  EXPECT_EQ(
      ports("Dockerfile", "FROM docker:24\nCMD docker run -p 127.0.0.1:8080:80 -p 53:53/udp nginx:1.25\n"),
      (S{"2:29 8080 publish", "2:34 80 listen", "2:40 53 publish udp", "2:43 53 listen udp"}));
  EXPECT_EQ(ports("Dockerfile", "FROM alpine:3\nCMD ssh -N -L 15432:db:5432 -D 1080 ops@bastion\n"),
            (S{"2:15 15432 publish", "2:24 5432 connect", "2:32 1080 listen"}));
  EXPECT_EQ(ports("Dockerfile", "FROM bitnami/kubectl:1.29\nCMD kubectl port-forward svc/web 8080:80\n"),
            (S{"2:34 8080 publish", "2:39 80 listen"}));
}

TEST(Dockerfile, NoPortsInPidsLoopCountsOrDisplays) {
  EXPECT_EQ(ports("Dockerfile", "FROM x:1\nRUN strace -p 1234 && perf bench sched messaging -l 100\n"), S{});
  EXPECT_EQ(ports("Dockerfile", "FROM x:1\nENV DISPLAY=:0\nCMD DISPLAY=:99 xvfb-run app\n"), S{});
  EXPECT_EQ(ports("Dockerfile", "FROM x:1\nRUN ufw delete 3 && ufw allow 22/tcp\n"), (S{"2:31 22 rule tcp"}));
}

TEST(Systemd, DefaultsOfPositionalParameters) {
  // The default of any variable assigned to a port name is a port.
  EXPECT_EQ(ports("x.service", "[Service]\nExecStart=/bin/sh -c 'PORT=${1:-8080} exec app'\n"),
            (S{"2:33 8080 listen"}));
}

TEST(Nginx, DirectivesSpanningLinesAndRanges) {
  EXPECT_EQ(ports("nginx.conf", "server {\n  listen\n    8443\n    ssl;\n  listen 8000-8002;\n}\n"),
            (S{"3:5 8443 listen", "5:10 8000 listen", "5:15 8002 listen"}));
  EXPECT_EQ(ports("nginx.conf", "http { server { listen 80; } }\nupstream u { server 10.0.0.1:81; }\n"),
            (S{"1:24 80 listen", "2:30 81 connect"}));
  // "server" outside an upstream block is a block, not an address
  EXPECT_EQ(ports("nginx.conf", "server { listen 80; server_name a.example.com:90; }\n"),
            (S{"1:17 80 listen"}));
}

TEST(Systemd, SocketForms) {
  EXPECT_EQ(ports("x.socket",
                  "[Socket]\nListenStream=127.0.0.1:631\nListenStream=vsock:2:1234\n"
                  "ListenDatagram=@journal\nListenStream= 9000 \n"),
            (S{"2:24 631 listen tcp", "5:15 9000 listen tcp"}));
}

TEST(Ini, SectionsDecideTheSide) {
  EXPECT_EQ(ports("app.ini", "[server]\nport = 8000\n[database]\nport = 5432\n[redis]\nhost = cache:6379\n"),
            (S{"2:8 8000 listen", "4:8 5432 connect", "6:14 6379 connect"}));
  EXPECT_EQ(ports("php-fpm.conf",
                  "[www]\nlisten = 9000\nlisten.backlog = 511\nlisten.mode = 0660\npm.max_children = 5\n"),
            (S{"2:10 9000 listen"}));
}

TEST(Hcl, ExpressionsAroundNumbers) {
  EXPECT_EQ(ports("main.tf",
                  "x {\n  port = var.ports[0]\n  https = -1\n  port = 8080 # note\n"
                  "  port = lookup(var.m, \"p\", 9090)\n  timeout = 30\n}\n"),
            (S{"4:10 8080 listen", "5:29 9090 listen"}));
  EXPECT_EQ(ports("main.tf", "resource \"aws_security_group_rule\" \"r\" { from_port = \"22\" }\n"),
            (S{"1:55 22 rule"}));
  EXPECT_EQ(ports("main.tf", "ingress = [{ from_port = 80, to_port = 81, protocol = \"udp\" }]\n"),
            (S{"1:26 80 rule udp", "1:40 81 rule udp"}));
}

TEST(Hcl, ProseAndReferencesAreNoPorts) {
  EXPECT_EQ(ports("main.tf",
                  "variable \"port\" {\n  description = \"e.g. localhost:8080\"\n"
                  "  default = var.base_port\n}\noutput \"p\" { value = \"${var.port}\" }\n"),
            S{});
}

// Every format must survive malformed files: unterminated strings, comments and heredocs,
// unbalanced braces, stray continuations, binary noise.
TEST(LineFormats, MalformedInputsNeitherCrashNorHang) {
  const std::vector<std::string> pieces = {"{",
                                           "}",
                                           "[",
                                           "]",
                                           "(",
                                           ")",
                                           "\"",
                                           "'",
                                           "\\\n",
                                           "\n",
                                           "\r\n",
                                           "<<EOF\n",
                                           "<<-X",
                                           "EOF\n",
                                           "${",
                                           "%{",
                                           "{{",
                                           "}}",
                                           "{%",
                                           "/*",
                                           "*/",
                                           "//",
                                           "#",
                                           ";",
                                           "=",
                                           ":",
                                           " ",
                                           "\t",
                                           "port = 80",
                                           "listen 443;",
                                           "EXPOSE 80/udp",
                                           "ListenStream=",
                                           "from_port",
                                           "http://h:8080",
                                           "[::]:",
                                           "-p",
                                           "--port",
                                           "8000-",
                                           "\xEF\xBB\xBF",
                                           "\x00",
                                           "\xff",
                                           "server ",
                                           "upstream u ",
                                           "ENV ",
                                           "RUN ",
                                           "[Socket]",
                                           "[client]",
                                           "`",
                                           "-",
                                           "."};
  const std::vector<std::string> paths = {"Dockerfile", "nginx.conf", "x.service",
                                          "x.ini",      "main.tf",    "redis.conf"};
  std::mt19937 rng(1234);
  for (const std::string& path : paths) {
    for (int round = 0; round < 400; ++round) {
      std::string text;
      const int n = static_cast<int>(rng() % 60);
      for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
      core::SourceFile file(path, text);
      for (const core::PortLiteral& p : scan_text(file)) {
        ASSERT_LE(p.end, text.size()) << path << ": " << text;
        ASSERT_LT(p.start, p.end) << path << ": " << text;
        for (std::uint32_t b = p.start; b < p.end; ++b) {
          ASSERT_TRUE(text[b] >= '0' && text[b] <= '9') << path << ": " << text;
        }
      }
    }
  }
  // Deep nesting and long chains are read without recursion.
  std::string templates = "x = \"";
  for (int k = 0; k < 100000; ++k) templates += "${\"";
  std::string onbuild;
  for (int k = 0; k < 100000; ++k) onbuild += "ONBUILD ";
  const std::string words(300000, 'a');
  std::string lists = "port = " + std::string(100000, '[');
  std::string braces = "upstream_url = \"";
  for (int k = 0; k < 100000; ++k) {
    lists += "1,";
    braces += "}:1";
  }
  std::string idents;
  for (int k = 0; k < 100000; ++k) idents += "a ";
  const std::vector<std::string> long_inputs = {
      std::string(200000, '{') + "port = 80" + std::string(200000, '}'),
      templates,
      onbuild + "EXPOSE 80\n",
      idents + "port = 80\n",
      "EXPOSE " + words + "\n",
      lists,
      braces,
      std::string(200000, '\\') + "\n"};
  for (const std::string& text : long_inputs) {
    for (const std::string& path : paths) {
      core::SourceFile file(path, text);
      (void)scan_text(file);
    }
  }
  core::SourceFile chain("Dockerfile", onbuild + "EXPOSE 80\n");
  EXPECT_EQ(scan_text(chain).size(), 1u);
}

}  // namespace
}  // namespace portpolicy::scan
