#include "extract/shared/port_keys.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/shared/mapped_text.h"

namespace portpolicy::extract {
namespace {

// The numbers a value yields, as written.
std::vector<std::string> numbers(std::string_view v) {
  std::vector<std::string> out;
  for (const ValuePort& p : port_numbers_in_value(v)) out.emplace_back(v.substr(p.offset, p.length));
  return out;
}

std::vector<std::string> mapping(std::string_view v) {
  std::vector<std::string> out;
  for (const MappedPort& m : ports_in_mapping(v)) {
    std::string s(v.substr(m.port.offset, m.port.length));
    s.append(" ").append(core::to_string(m.role));
    if (m.port.transport) s.append("/").append(core::to_string(*m.port.transport));
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> connection(std::string_view v) {
  std::vector<std::string> out;
  for (const ValuePort& p : ports_in_connection_string(v)) out.emplace_back(v.substr(p.offset, p.length));
  return out;
}

using S = std::vector<std::string>;

TEST(PortValues, WholeValues) {
  EXPECT_EQ(numbers("8080"), S{"8080"});
  EXPECT_EQ(numbers("0"), S{"0"});
  EXPECT_EQ(numbers(" 70000 "), S{"70000"});
  EXPECT_EQ(numbers("80,443"), (S{"80", "443"}));
  EXPECT_EQ(numbers("80 443"), (S{"80", "443"}));
  EXPECT_EQ(numbers("8000-8010"), (S{"8000", "8010"}));
  EXPECT_EQ(numbers("${PORT:-3000}"), S{"3000"});
  EXPECT_EQ(numbers("${PORT-3000}"), S{"3000"});
  EXPECT_EQ(numbers("${PORT:=3000}"), S{"3000"});
  EXPECT_EQ(numbers("${server.port:8080}"), S{"8080"});
  EXPECT_EQ(numbers("${A:-${B:-4000}}"), S{"4000"});
  auto udp = port_numbers_in_value("53/udp");
  ASSERT_EQ(udp.size(), 1u);
  EXPECT_EQ(udp[0].transport, core::Transport::kUdp);
}

TEST(PortValues, NotWholeNumbers) {
  for (const char* v : {"", "$PORT", "${PORT}", "${PORT:-}", "30s", "8080abc", "1.5", "-1", "1234567", "80,x",
                        "53/xyz", "localhost:80", "true"}) {
    EXPECT_EQ(numbers(v), S{}) << v;
  }
}

TEST(PortValues, Mappings) {
  EXPECT_EQ(mapping("8080:80"), (S{"8080 publish", "80 listen"}));
  EXPECT_EQ(mapping("80"), S{"80 listen"});
  EXPECT_EQ(mapping("127.0.0.1:5432:5432"), (S{"5432 publish", "5432 listen"}));
  EXPECT_EQ(mapping("127.0.0.1::5432"), S{"5432 listen"});
  EXPECT_EQ(mapping("[::1]:8080:80"), (S{"8080 publish", "80 listen"}));
  EXPECT_EQ(mapping("53:53/udp"), (S{"53 publish/udp", "53 listen/udp"}));
  EXPECT_EQ(mapping("${WEB_PORT:-8080}:80"), (S{"8080 publish", "80 listen"}));
  EXPECT_EQ(mapping("${WEB_PORT}:80"), S{"80 listen"});
  EXPECT_EQ(mapping("9000-9001:9000-9001"),
            (S{"9000 publish", "9001 publish", "9000 listen", "9001 listen"}));
  for (const char* v : {"postgres:15", "a:b:c:d", "12:30:00", "host:80", "1000:1000:x", ""}) {
    EXPECT_EQ(mapping(v), S{}) << v;
  }
}

TEST(PortValues, ConnectionStrings) {
  EXPECT_EQ(connection("Host=db;Port=5432;Database=app;Timeout=15"), S{"5432"});
  EXPECT_EQ(connection("Server=tcp:sql.example.com,1433;Initial Catalog=x;Connect Timeout=30"), S{"1433"});
  EXPECT_EQ(connection("Data Source=sql,1433;User Id=sa"), S{"1433"});
  EXPECT_EQ(connection("Address=redis:6379;Password=x"), S{"6379"});
  EXPECT_EQ(connection("Port=5432"), S{});  // one setting is no connection string
  EXPECT_EQ(connection("a=1;b=2"), S{});
  EXPECT_EQ(connection("Server=a,b;Port=$P"), S{});
}

TEST(PortValues, StringValues) {
  auto ports = [](std::string_view v, bool address) {
    S out;
    for (const StringPort& p : ports_in_string_value(v, address))
      out.emplace_back(v.substr(p.offset, p.length));
    return out;
  };
  EXPECT_EQ(ports("redis:6379", true), S{"6379"});
  EXPECT_EQ(ports("redis:6379", false), S{});
  EXPECT_EQ(ports("Host=db;Port=5432", false), S{"5432"});
  EXPECT_EQ(ports("Server=tcp:db,1433;Url=http://x:81/", false), (S{"1433", "81"}));
}

TEST(RoleWords, Names) {
  for (const char* k : {"DB_PORT", "spring.datasource.url", "SMTP_HOST", "mailer", "upstream_url",
                        "RemoteAddr", "client.port"}) {
    EXPECT_TRUE(names_destination(k)) << k;
  }
  for (const char* k : {"PORT", "server.port", "OTEL_COLLECTOR_PORT_GRPC", "EMAIL_PORT", "listen", "dbt"}) {
    EXPECT_FALSE(names_destination(k)) << k;
  }
  for (const char* k : {"spring.data.redis.port", "POSTGRES_HOST", "kafka", "mongodb.uri"}) {
    EXPECT_TRUE(names_backing_service(k)) << k;
  }
  EXPECT_FALSE(names_backing_service("FRONTEND_PORT"));
}

TEST(RoleWords, Sections) {
  using V = std::vector<std::string>;
  EXPECT_EQ(port_role_in_section(V{"server", "port"}, true), core::Role::kListen);
  EXPECT_EQ(port_role_in_section(V{"database", "port"}, false), core::Role::kConnect);
  EXPECT_EQ(port_role_in_section(V{"spring", "data", "redis", "port"}, false), core::Role::kConnect);
  EXPECT_EQ(port_role_in_section(V{"Servers", "1", "Port"}, true), core::Role::kConnect);
  EXPECT_EQ(port_role_in_section(V{"Servers", "1", "Port"}, false), core::Role::kListen);
  EXPECT_EQ(port_role_in_section(V{"port"}, false), core::Role::kListen);
  EXPECT_EQ(port_role_in_section(V{"listeners", "http", "port"}, true), core::Role::kListen);
  EXPECT_EQ(address_role_in_section(V{"database", "url"}, false), core::Role::kConnect);
  EXPECT_EQ(address_role_in_section(V{"server", "address"}, false), core::Role::kListen);
  EXPECT_EQ(address_role_in_section(V{"redis", "addr"}, false), core::Role::kConnect);
  EXPECT_EQ(address_role_in_section(V{"anything", "url"}, true), core::Role::kListen);
  EXPECT_EQ(address_role_in_section(V{"metrics", "listen"}, false), core::Role::kListen);
}

TEST(MappedText, JsonEscapes) {
  const std::string_view raw = R"(a\"b \u0038080 http:\/\/x:81)";
  const MappedText m = decode_escapes(raw, 100, Escapes::kJson);
  EXPECT_EQ(m.text, "a\"b 8080 http://x:81");
  // "8080" begins with an escaped 8: it was not written there literally.
  EXPECT_FALSE(m.file_range(4, 4));
  const auto r = m.file_range(18, 2);
  ASSERT_TRUE(r);
  EXPECT_EQ(raw.substr(r->start - 100, r->end - r->start), "81");
}

TEST(MappedText, PropertiesEscapes) {
  const std::string_view raw = "http\\://x\\:8761/\\\n    y:1";
  const MappedText m = decode_escapes(raw, 0, Escapes::kProperties);
  EXPECT_EQ(m.text, "http://x:8761/y:1");
  const auto r = m.file_range(9, 4);
  ASSERT_TRUE(r);
  EXPECT_EQ(raw.substr(r->start, 4), "8761");
  EXPECT_TRUE(m.file_range(14, 3));   // "y:1" was written on the continued line
  EXPECT_FALSE(m.file_range(13, 2));  // "/y" crosses the line break
  EXPECT_FALSE(m.file_range(16, 5));  // past the end
}

TEST(MappedText, TruncatedEscapes) {
  EXPECT_EQ(decode_escapes("\\", 0, Escapes::kJson).text, "\\");
  EXPECT_EQ(decode_escapes("\\u12", 0, Escapes::kJson).text, "u12");
  EXPECT_EQ(decode_escapes("ab\\", 0, Escapes::kProperties).text, "ab\\");
}

}  // namespace
}  // namespace portpolicy::extract
