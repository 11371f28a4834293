// Port 0: the host written before a port, whether it names this machine, and when 0 means
// "any free port" (not a finding) rather than port 0 itself.
#include <gtest/gtest.h>

#include "core/port_literal.h"
#include "rules/rule.h"

namespace portpolicy {
namespace {

// The host before the "0" at the position of the marker '^' (removed from the text).
std::optional<std::string> host_in(std::string text) {
  const std::size_t at = text.find('^');
  text.erase(at, 1);
  return core::host_before_port(text, static_cast<std::uint32_t>(at));
}

TEST(HostBeforePort, ReadsEveryShape) {
  EXPECT_EQ(host_in(R"(net.Listen("tcp", "localhost:^0"))"), "localhost");
  EXPECT_EQ(host_in(R"("[::1]:^0")"), "[::1]");
  EXPECT_EQ(host_in(R"(":^0")"), "");
  EXPECT_EQ(host_in(R"("http://api.example.com:^0/x")"), "api.example.com");
  EXPECT_EQ(host_in(R"(new InetSocketAddress("127.0.0.1", ^0))"), "\"127.0.0.1\"");
  EXPECT_EQ(host_in(R"(sock.bind(("", ^0)))"), "\"\"");
  EXPECT_EQ(host_in(R"(new InetSocketAddress(bindAddr, ^0))"), "bindAddr");
  EXPECT_EQ(host_in(R"(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), ^0))"),
            "InetAddress.getByName(\"0.0.0.0\")");
  EXPECT_EQ(host_in(R"(SocketAddr::from(([127, 0, 0, 1], ^0)))"), "[127, 0, 0, 1]");
  EXPECT_EQ(host_in(R"(net.JoinHostPort("127.0.0.1", "^0"))"), "\"127.0.0.1\"");
  EXPECT_EQ(host_in(R"(uvicorn.run(app, host="127.0.0.1", port=^0))"), "\"127.0.0.1\"");
  EXPECT_EQ(host_in(R"(Rack::Handler.run(app, Host: "0.0.0.0", Port: ^0))"), "\"0.0.0.0\"");
  EXPECT_EQ(host_in(R"({"host": "db", "port": ^0})"), "\"db\"");
  EXPECT_EQ(host_in("server.listen(^0)"), std::nullopt);
  EXPECT_EQ(host_in("connect(timeout=5, port=^0)"), std::nullopt);
  EXPECT_EQ(host_in("port: ^0"), std::nullopt);
  EXPECT_EQ(host_in("a = 1,\nport = ^0"), std::nullopt);  // the line before says nothing
}

TEST(NamesThisMachine, LoopbackWildcardsAndExpressionsThatSaySo) {
  for (const char* h : {"", "\"\"", "localhost", "\"127.0.0.1\"", "127.0.0.53", "[::1]", "[::]", "0.0.0.0", "*",
                        "[127, 0, 0, 1]", "[0, 0, 0, 0]", "INADDR_ANY", "InetAddress.getLoopbackAddress()",
                        "Ipv4Addr::UNSPECIFIED", "bindAddr", "localHost", "InetAddress.getByName(\"0.0.0.0\")",
                        "IPAddress.Loopback", "app.localhost"}) {
    EXPECT_TRUE(rules::names_this_machine(h)) << h;
  }
  for (const char* h : {"db", "\"db.example.com\"", "10.0.0.5", "[10, 0, 0, 5]", "expectedHost", "remoteAddr",
                        "\"lds.target.good\"", "InetAddress.getByName(\"db\")"}) {
    EXPECT_FALSE(rules::names_this_machine(h)) << h;
  }
}

scan::PortFinding zero(core::Role role, std::string format, std::optional<std::string> host = std::nullopt,
                       std::string context = "") {
  scan::PortFinding f;
  f.literal.value = 0;
  f.literal.role = role;
  f.literal.format = std::move(format);
  f.literal.host = std::move(host);
  f.literal.context = std::move(context);
  return f;
}

TEST(ZeroMeansAnyPort, ByRoleFormatHostAndNames) {
  using core::Role;
  EXPECT_TRUE(rules::zero_means_any_port(zero(Role::kListen, "python")));
  EXPECT_TRUE(rules::zero_means_any_port(zero(Role::kListen, "yaml")));  // server.port: 0
  EXPECT_TRUE(rules::zero_means_any_port(zero(Role::kPublish, "kubernetes")));  // nodePort: 0
  EXPECT_TRUE(rules::zero_means_any_port(zero(Role::kPublish, "compose")));
  EXPECT_TRUE(rules::zero_means_any_port(zero(Role::kRule, "hcl")));
  EXPECT_TRUE(rules::zero_means_any_port(zero(Role::kConnect, "go", "localhost")));
  EXPECT_TRUE(rules::zero_means_any_port(zero(Role::kConnect, "java", "\"127.0.0.1\"")));
  EXPECT_TRUE(rules::zero_means_any_port(zero(Role::kConnect, "python", std::nullopt, "source_address")));
  EXPECT_TRUE(rules::zero_means_any_port(zero(Role::kConnect, "go", std::nullopt, "LocalAddr Port")));
  // Port 0 itself: a declared container port, a destination elsewhere.
  EXPECT_FALSE(rules::zero_means_any_port(zero(Role::kListen, "kubernetes")));  // containerPort: 0
  EXPECT_FALSE(rules::zero_means_any_port(zero(Role::kListen, "dockerfile")));  // EXPOSE 0
  EXPECT_FALSE(rules::zero_means_any_port(zero(Role::kListen, "compose")));     // target 0
  EXPECT_FALSE(rules::zero_means_any_port(zero(Role::kConnect, "go", "db.internal")));
  EXPECT_FALSE(rules::zero_means_any_port(zero(Role::kConnect, "python")));
  scan::PortFinding nonzero = zero(Role::kListen, "python");
  nonzero.literal.value = 8080;
  EXPECT_FALSE(rules::zero_means_any_port(nonzero));
}

}  // namespace
}  // namespace portpolicy
