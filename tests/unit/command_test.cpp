#include "extract/shared/command.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace portpolicy::extract {
namespace {

// "VALUE ROLE[/TRANSPORT]" for each port, checking that the offset points at the digits.
std::vector<std::string> ports(std::string_view cmd, CommandStart start = CommandStart::kProgram) {
  std::vector<std::string> out;
  for (const CommandPort& p : find_ports_in_command(cmd, start)) {
    EXPECT_EQ(cmd.substr(p.offset, p.length), std::to_string(p.value)) << cmd;
    std::string s = std::to_string(p.value);
    s.append(" ").append(core::to_string(p.role));
    if (p.transport) s.append("/").append(core::to_string(*p.transport));
    out.push_back(s);
  }
  return out;
}

using S = std::vector<std::string>;

TEST(Command, PortFlags) {
  EXPECT_EQ(ports("http-server -p 3000 src/static"), S{"3000 listen"});
  EXPECT_EQ(ports("NODE_ENV=production ./node_modules/.bin/http-server -p 3000 src/static"),
            S{"3000 listen"});
  EXPECT_EQ(ports("uvicorn main:app --host 0.0.0.0 --port 8000"), S{"8000 listen"});
  EXPECT_EQ(ports("uvicorn main:app --port=8000"), S{"8000 listen"});
  EXPECT_EQ(ports("ng serve --port 4200 --host 0.0.0.0"), S{"4200 listen"});
  EXPECT_EQ(ports("java -jar app.jar --server.port=8081"), S{"8081 listen"});
  EXPECT_EQ(ports("app -metrics-port=9100 -debug-port 6060"), (S{"9100 listen", "6060 listen"}));
  EXPECT_EQ(ports("worker --db-port 5432 --redis-port=6379"), (S{"5432 connect", "6379 connect"}));
  EXPECT_EQ(ports("next dev -p ${PORT:-3001}"), S{"3001 listen"});
}

TEST(Command, ClientPrograms) {
  EXPECT_EQ(ports("redis-cli -h redis -p 6379 ping"), S{"6379 connect"});
  EXPECT_EQ(ports("ssh -p 2222 deploy@example.com"), S{"2222 connect"});
  EXPECT_EQ(ports("pg_isready -h db -p 5432"), S{"5432 connect"});
  EXPECT_EQ(ports("mysql -h db -P 3306 -p secret"), S{"3306 connect"});
  EXPECT_EQ(ports("mysql -u root -p 1234"), S{});
  EXPECT_EQ(ports("curl -fsS http://localhost:8080/health"), S{"8080 connect"});
}

TEST(Command, Mappings) {
  EXPECT_EQ(ports("docker run -d -p 8080:80 nginx:1.25"), (S{"8080 publish", "80 listen"}));
  EXPECT_EQ(ports("docker run -p 127.0.0.1:5432:5432 postgres:15"), (S{"5432 publish", "5432 listen"}));
  EXPECT_EQ(ports("docker run -p 53:53/udp dns"), (S{"53 publish/udp", "53 listen/udp"}));
  EXPECT_EQ(ports("docker run --publish=9000-9001:9000-9001 minio"),
            (S{"9000 publish", "9001 publish", "9000 listen", "9001 listen"}));
  EXPECT_EQ(ports("docker run -p 80 nginx"), S{"80 listen"});
  EXPECT_EQ(ports("ssh -N -L 15432:db.internal:5432 bastion"), (S{"15432 publish", "5432 connect"}));
  EXPECT_EQ(ports("kubectl port-forward svc/web 8080:80"), (S{"8080 publish", "80 connect"}));
  EXPECT_EQ(ports("python3 -m http.server 8000"), S{"8000 listen"});
}

TEST(Command, AddressFlags) {
  EXPECT_EQ(ports("gunicorn -b 0.0.0.0:8000 app:app"), S{"8000 listen"});
  EXPECT_EQ(ports("gunicorn --bind=:8000 app:app"), S{"8000 listen"});
  EXPECT_EQ(ports("prometheus --web.listen-address=:9090"), S{"9090 listen"});
  EXPECT_EQ(ports("server --listen :8080"), S{"8080 listen"});
  EXPECT_EQ(ports("api -addr :8080 -grpc-addr=0.0.0.0:9090"), (S{"8080 listen", "9090 listen"}));
  EXPECT_EQ(ports("node --inspect=0.0.0.0:9229 server.js"), S{"9229 listen"});
  EXPECT_EQ(ports("node --inspect-brk=9230 server.js"), S{"9230 listen"});
  EXPECT_EQ(ports("kafka-topics --bootstrap-server kafka:9093 --list"), S{"9093 connect"});
  EXPECT_EQ(ports("app --redis-addr redis:6379"), S{"6379 connect"});
  EXPECT_EQ(ports("php -S localhost:8000 -t public"), S{"8000 listen"});
  EXPECT_EQ(ports("npx serve -s build -l 5000"), S{"5000 listen"});
}

TEST(Command, Assignments) {
  EXPECT_EQ(ports("PORT=3030 tsx --watch src/index.ts --watch-dir src"), S{"3030 listen"});
  EXPECT_EQ(ports("export PORT=3030"), S{"3030 listen"});
  EXPECT_EQ(ports("cross-env PORT=4000 HOST=0.0.0.0 node server.js"), S{"4000 listen"});
  EXPECT_EQ(ports("set PORT=5000&&react-scripts start"), S{"5000 listen"});
  EXPECT_EQ(ports("DB_PORT=5432 node migrate.js"), S{"5432 connect"});
  EXPECT_EQ(ports("DATABASE_URL=postgres://u:p@db:5432/app node migrate.js"), S{"5432 connect"});
  EXPECT_EQ(ports("docker run -e PORT=8080 -e KAFKA_BROKER=kafka:9092 app"),
            (S{"8080 listen", "9092 connect"}));
  EXPECT_EQ(ports("java -Dserver.port=8081 -Dspring.data.redis.port=6380 -jar app.jar"),
            (S{"8081 listen", "6380 connect"}));
  EXPECT_EQ(ports("NODE_OPTIONS='--inspect=0.0.0.0:9229' node app.js"), S{"9229 listen"});
  EXPECT_EQ(ports("-Dserver.port=8080 -Xmx512m", CommandStart::kArguments), S{"8080 listen"});
}

TEST(Command, NestedAndCompound) {
  EXPECT_EQ(ports("concurrently \"PORT=3001 npm run api\" \"vite --port 5173\""),
            (S{"3001 listen", "5173 listen"}));
  EXPECT_EQ(ports("sh -c 'npm ci && npm start -- --port 3000'"), S{"3000 listen"});
  EXPECT_EQ(ports("npm run build && serve -l 8080 || exit 1; redis-cli -p 6380 ping"),
            (S{"8080 listen", "6380 connect"}));
  EXPECT_EQ(ports("docker run -v $(pwd):/app -p 3000:3000 node:20 npm start"),
            (S{"3000 publish", "3000 listen"}));
  EXPECT_EQ(ports("app --port 3000 # --port 4000"), S{"3000 listen"});
}

TEST(Command, LookAlikesAreSilent) {
  EXPECT_EQ(ports("echo \"Error: no test specified\" && exit 1"), S{});
  EXPECT_EQ(ports("echo listening on localhost:3000"), S{});
  EXPECT_EQ(ports("webpack --color -p --progress"), S{});
  EXPECT_EQ(ports("mkdir -p /var/run/app"), S{});
  EXPECT_EQ(ports("sleep 30 && node --max-old-space-size=4096 app.js --timeout 5000"), S{});
  EXPECT_EQ(ports("node --port $PORT server.js"), S{});
  EXPECT_EQ(ports("docker run -p ${HOST_PORT}:80 nginx:1.25"), S{"80 listen"});
  EXPECT_EQ(ports("docker pull postgres:15 && docker run --cpus 2 -u 1000:1000 app"), S{});
  EXPECT_EQ(ports("tsc -w -p tsconfig.json"), S{});
  EXPECT_EQ(ports("git commit -m \"bump to 1.2.3 at 12:30\""), S{});
  EXPECT_EQ(ports("mastra dev"), S{});
  EXPECT_EQ(ports(""), S{});
  EXPECT_EQ(ports("\"unterminated --port 3000"), S{"3000 listen"});
  EXPECT_EQ(ports("--port"), S{});
  EXPECT_EQ(ports("a \\"), S{});
}

TEST(Command, Argv) {
  std::vector<std::string_view> argv{"node", "--port", "3000", "--inspect=0.0.0.0:9229"};
  auto got = find_ports_in_argv(argv);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].arg, 2u);
  EXPECT_EQ(got[0].offset, 0u);
  EXPECT_EQ(got[0].value, 3000u);
  EXPECT_EQ(got[1].arg, 3u);
  EXPECT_EQ(got[1].offset, 18u);
  std::vector<std::string_view> sh{"sh", "-c", "gunicorn -b 0.0.0.0:8000 app:app"};
  got = find_ports_in_argv(sh);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].arg, 2u);
  EXPECT_EQ(got[0].offset, 20u);
  EXPECT_EQ(got[0].role, core::Role::kListen);
  std::vector<std::string_view> docker{"docker", "run", "-p", "8080:80", "img"};
  got = find_ports_in_argv(docker);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].role, core::Role::kPublish);
  EXPECT_EQ(got[1].offset, 5u);
}

}  // namespace
}  // namespace portpolicy::extract
