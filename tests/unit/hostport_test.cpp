#include "extract/shared/hostport.h"

#include <gtest/gtest.h>

namespace portpolicy::extract {
namespace {

std::vector<std::uint64_t> values(std::string_view s, HostMode mode) {
  std::vector<std::uint64_t> out;
  for (const StringPort& p : find_ports_in_text(s, mode)) out.push_back(p.value);
  return out;
}

using V = std::vector<std::uint64_t>;

TEST(HostPort, Urls) {
  EXPECT_EQ(values("http://localhost:8080/x", HostMode::kUrlsOnly), V{8080});
  EXPECT_EQ(values("jdbc:postgresql://db:5432/app", HostMode::kUrlsOnly), V{5432});
  EXPECT_EQ(values("postgres://user:secret@db:5432/app", HostMode::kUrlsOnly), V{5432});
  EXPECT_EQ(values("postgres://user:1234@db/app", HostMode::kUrlsOnly), V{});
  EXPECT_EQ(values("mongodb://a:27017,b:27018/db", HostMode::kUrlsOnly), (V{27017, 27018}));
  EXPECT_EQ(values("http://[::1]:8080/", HostMode::kUrlsOnly), V{8080});
  EXPECT_EQ(values("https://example.com/path", HostMode::kUrlsOnly), V{});
  EXPECT_EQ(values("CONTROLLER://localhost:9091,HOST://0.0.0.0:9092", HostMode::kUrlsOnly), (V{9091, 9092}));
  EXPECT_EQ(values("PLAINTEXT://:9092,CONTROLLER://:9093", HostMode::kUrlsOnly), (V{9092, 9093}));
  EXPECT_EQ(values("file:///tmp/a:1", HostMode::kUrlsOnly), V{});
  auto udp = find_ports_in_text("udp://0.0.0.0:12201", HostMode::kUrlsOnly);
  ASSERT_EQ(udp.size(), 1u);
  EXPECT_EQ(udp[0].transport, core::Transport::kUdp);
  EXPECT_EQ(udp[0].offset, 14u);
  EXPECT_EQ(udp[0].length, 5u);
}

TEST(HostPort, HostsByMode) {
  EXPECT_EQ(values("localhost:9092", HostMode::kKnownHosts), V{9092});
  EXPECT_EQ(values("0.0.0.0:254", HostMode::kKnownHosts), V{254});
  EXPECT_EQ(values("[::]:8080", HostMode::kKnownHosts), V{8080});
  EXPECT_EQ(values("db.example.com:5432", HostMode::kKnownHosts), V{5432});
  EXPECT_EQ(values(":8080", HostMode::kKnownHosts), V{8080});
  EXPECT_EQ(values("kafka:9093", HostMode::kKnownHosts), V{});
  EXPECT_EQ(values("kafka:9093", HostMode::kAnyHost), V{9093});
  EXPECT_EQ(values("1@localhost:9091", HostMode::kAnyHost), V{9091});
  EXPECT_EQ(values("localhost:9092", HostMode::kUrlsOnly), V{});
}

TEST(HostPort, WildcardHostsInUrlsAndBinds) {
  EXPECT_EQ(values("http://*:5000", HostMode::kUrlsOnly), V{5000});
  EXPECT_EQ(values("http://+:5000;https://+:5001", HostMode::kUrlsOnly), (V{5000, 5001}));
  EXPECT_EQ(values("*:8080", HostMode::kKnownHosts), V{8080});
  EXPECT_EQ(values("address=*:5005", HostMode::kKnownHosts), V{5005});
  EXPECT_EQ(values("*:8080", HostMode::kUrlsOnly), V{});
  EXPECT_EQ(values("+:8080", HostMode::kAnyHost), V{});
  EXPECT_EQ(values("a*:80", HostMode::kKnownHosts), V{});
  auto star = find_ports_in_text("http://*:5000", HostMode::kUrlsOnly);
  ASSERT_EQ(star.size(), 1u);
  EXPECT_EQ(star[0].offset, 9u);
  EXPECT_TRUE(star[0].wildcard_host);
  for (const char* s : {"0.0.0.0:8080", "[::]:8080", ":8080", "http://+:80/"}) {
    auto w = find_ports_in_text(s, HostMode::kKnownHosts);
    ASSERT_EQ(w.size(), 1u) << s;
    EXPECT_TRUE(w[0].wildcard_host) << s;
  }
  for (const char* s : {"localhost:8080", "[::1]:8080", "http://db:5432/x", "10.0.0.1:80"}) {
    auto w = find_ports_in_text(s, HostMode::kKnownHosts);
    ASSERT_EQ(w.size(), 1u) << s;
    EXPECT_FALSE(w[0].wildcard_host) << s;
  }
}

TEST(HostPort, LookAlikesAreNotPorts) {
  for (HostMode m : {HostMode::kKnownHosts, HostMode::kAnyHost}) {
    EXPECT_EQ(values("12:30", m), V{});
    EXPECT_EQ(values("16:9", m), V{});
    EXPECT_EQ(values("node:18.2", m), V{});
    EXPECT_EQ(values("fe80::1:2", m), V{});
    EXPECT_EQ(values("a:b:8080", m), V{});
    EXPECT_EQ(values("user:1234@host", m), V{});
    EXPECT_EQ(values("sha256:4bbf00ef", m), V{});
  }
  EXPECT_EQ(values("postgres:15", HostMode::kKnownHosts), V{});
  // JSON inside a string: a key's closing quote, not a quoted ":port"
  EXPECT_EQ(values(R"({"global":{"branches":80}})", HostMode::kKnownHosts), V{});
  EXPECT_EQ(values(R"(addr = ":8080")", HostMode::kKnownHosts), V{8080});
  EXPECT_EQ(values(R"(http.ListenAndServe(":8080/x", nil))", HostMode::kKnownHosts), V{8080});
}

TEST(HostPort, PlaceholderHosts) {
  EXPECT_EQ(values("wss://${OPAMP_HOST}:4320/v1/opamp", HostMode::kUrlsOnly), V{4320});
  EXPECT_EQ(values("http://{{host}}:8080/", HostMode::kUrlsOnly), V{8080});
  EXPECT_EQ(values("<UCP HOSTNAME>:30088", HostMode::kAnyHost), V{30088});
  EXPECT_EQ(values("${REDIS_HOST}:6379", HostMode::kAnyHost), V{6379});
  EXPECT_EQ(values("${REDIS_HOST}:6379", HostMode::kKnownHosts), V{});
  EXPECT_EQ(values("<none>:5", HostMode::kUrlsOnly), V{});
  EXPECT_EQ(values("${UID:-1000}:${GID:-1000}", HostMode::kAnyHost), V{});
  // Source languages' interpolation: Ruby "#{host}", C# and Python "{host}", PHP "{$host}".
  EXPECT_EQ(values("http://#{host}:3000/x", HostMode::kUrlsOnly), V{3000});
  EXPECT_EQ(values("http://#{host.name}:9292/healthz#top", HostMode::kUrlsOnly), V{9292});
  EXPECT_EQ(values("http://{host}:8080/x", HostMode::kUrlsOnly), V{8080});
  EXPECT_EQ(values("tcp://{$host}:9000", HostMode::kUrlsOnly), V{9000});
  EXPECT_EQ(values("#{host}:6379", HostMode::kKnownHosts), V{});
  EXPECT_EQ(values("#{host}:6379", HostMode::kAnyHost), V{6379});
  EXPECT_EQ(values("{host}:6379", HostMode::kAnyHost), V{});
  auto p = find_ports_in_text("https://${HOST}:8443/x", HostMode::kUrlsOnly);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].offset, 16u);
  EXPECT_TRUE(p[0].in_url);
}

TEST(HostPort, WildcardHosts) {
  EXPECT_EQ(values("*:80", HostMode::kKnownHosts), V{80});
  EXPECT_EQ(values("bind *:443 ssl", HostMode::kAnyHost), V{443});
  EXPECT_EQ(values("http://+:5000", HostMode::kUrlsOnly), V{5000});
  EXPECT_EQ(values("http://*:5000;https://*:5001", HostMode::kUrlsOnly), (V{5000, 5001}));
  EXPECT_EQ(values("*:80", HostMode::kUrlsOnly), V{});
  EXPECT_EQ(values("2*:80", HostMode::kKnownHosts), V{});
}

TEST(HostPort, TemplatedHostsBeforeLiteralPorts) {
  EXPECT_EQ(values("http://${API_HOST}:8000/v1", HostMode::kUrlsOnly), V{8000});
  EXPECT_EQ(values("http://{{ .Values.host }}:8080", HostMode::kUrlsOnly), V{8080});
  EXPECT_EQ(values("https://%{ if x }a%{ endif }:8443", HostMode::kUrlsOnly), V{8443});
  EXPECT_EQ(values("${aws_db.main.address}:5432", HostMode::kAnyHost), V{5432});
  EXPECT_EQ(values("${lookup(var.m, \"db\")}:5432", HostMode::kAnyHost), V{5432});
  EXPECT_EQ(values("${HOST}:8080", HostMode::kKnownHosts), V{});
  EXPECT_EQ(values("{a}:80", HostMode::kAnyHost), V{});
  EXPECT_EQ(values("http://${HOST}:${PORT}/", HostMode::kUrlsOnly), V{});
  // Format fields and printf conversions stand for the host of a URL (Python, C#, Ruby, Go)
  EXPECT_EQ(values("f\"http://{host}:8080/health\"", HostMode::kUrlsOnly), V{8080});
  EXPECT_EQ(values("http://{}:9200/_bulk", HostMode::kUrlsOnly), V{9200});
  EXPECT_EQ(values("http://#{host}:3000", HostMode::kUrlsOnly), V{3000});
  EXPECT_EQ(values("http://%s:8080", HostMode::kUrlsOnly), V{8080});
  EXPECT_EQ(values("{host}:8080", HostMode::kKnownHosts), V{});
  EXPECT_EQ(values("http://{host}:{port}/", HostMode::kUrlsOnly), V{});
}

TEST(KeyNames, Words) {
  EXPECT_EQ(key_words("containerPort"), (std::vector<std::string>{"container", "port"}));
  EXPECT_EQ(key_words("HTTP_PORT"), (std::vector<std::string>{"http", "port"}));
}

TEST(KeyNames, PortKeys) {
  for (const char* k : {"port", "Port", "containerPort", "targetPort", "nodePort", "servicePort", "http_port",
                        "DB_PORT", "OTEL_COLLECTOR_PORT_GRPC", "server.port", "internal_port", "sslPort",
                        "httpport", "ports"}) {
    EXPECT_TRUE(is_port_key(k)) << k;
  }
  for (const char* k : {"support", "report", "import", "transport", "passport", "viewport", "timeout",
                        "replicas", "portal", "Portfolio", "portCount", "num_ports", "PORT_TIMEOUT",
                        "health_check_port_interval"}) {
    EXPECT_FALSE(is_port_key(k)) << k;
  }
}

TEST(KeyNames, WordsOfMixedStyles) {
  using W = std::vector<std::string>;
  EXPECT_EQ(key_words("OTEL_COLLECTOR_PORT_GRPC"), (W{"otel", "collector", "port", "grpc"}));
  EXPECT_EQ(key_words("spring.data.redis.port"), (W{"spring", "data", "redis", "port"}));
  EXPECT_EQ(key_words("applicationUrl"), (W{"application", "url"}));
  EXPECT_EQ(key_words("HTTPServer-port"), (W{"http", "server", "port"}));
}

TEST(KeyNames, AddressKeys) {
  for (const char* k : {"PRODUCT_CATALOG_SERVICE_ADDR", "KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS", "DATABASE_URL",
                        "redisHost", "KAFKA_CONTROLLER_QUORUM_VOTERS", "endpoint", "proxy_pass"}) {
    EXPECT_TRUE(is_address_key(k)) << k;
  }
  for (const char* k : {"image", "version", "name", "timeout"}) EXPECT_FALSE(is_address_key(k)) << k;
}

}  // namespace
}  // namespace portpolicy::extract
