#include "registry/registry.h"

#include <gtest/gtest.h>

#include "registry/classify.h"

namespace portpolicy::registry {
namespace {

using core::Transport;

const Registry& reg() { return Registry::embedded(); }

TEST(EmbeddedRegistry, Metadata) {
  EXPECT_EQ(reg().meta().updated, "2026-08-17");
  EXPECT_EQ(reg().meta().sha256, "4bbf00ef4dd194ea3098d090b42a832c0f8aef704699956a4a7e24576a49631b");
  EXPECT_EQ(reg().records().size(), 13463u);
  EXPECT_EQ(reg().meta().name_only_rows, 1070u);
}

TEST(EmbeddedRegistry, ReservedBlock249To255CoversEveryTransport) {
  for (std::uint32_t p = 249; p <= 255; ++p) {
    for (Transport t : core::kTransports) {
      EXPECT_EQ(reg().status(p, t), Status::kReserved) << p << "/" << core::to_string(t);
      auto rows = reg().records_for(p, t);
      ASSERT_EQ(rows.size(), 1u);
      EXPECT_EQ(rows[0]->first, 249u);
      EXPECT_EQ(rows[0]->last, 255u);
      EXPECT_EQ(rows[0]->updated, "2024-12-20");
      EXPECT_EQ(rows[0]->references, "rfc:rfc1060");
    }
  }
  EXPECT_NE(reg().status(256, Transport::kTcp), Status::kReserved);
  EXPECT_NE(reg().status(248, Transport::kTcp), Status::kReserved);
}

TEST(EmbeddedRegistry, UnassignedRange272To279) {
  EXPECT_EQ(reg().status(278, Transport::kTcp), Status::kUnassigned);
  EXPECT_EQ(reg().status(278, Transport::kUdp), Status::kUnassigned);
  auto rows = reg().records_for(278, Transport::kUdp);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]->first, 272u);
  EXPECT_EQ(rows[0]->last, 279u);
  EXPECT_EQ(rows[0]->kind, Kind::kUnassigned);
}

TEST(EmbeddedRegistry, PortZeroAndDeassignedCompressnet) {
  EXPECT_EQ(reg().status(0, Transport::kTcp), Status::kReserved);
  EXPECT_EQ(reg().status(0, Transport::kUdp), Status::kReserved);
  for (std::uint32_t p : {2u, 3u}) {
    auto rows = reg().records_for(p, Transport::kTcp);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]->kind, Kind::kReserved);
    EXPECT_EQ(rows[0]->note, "De-assigned on 2025-02-13, previously compressnet by Bernie Volz");
    EXPECT_EQ(rows[0]->updated, "2025-02-13");
  }
}

TEST(EmbeddedRegistry, TransportSpecificRows) {
  auto tcp = reg().records_for(15, Transport::kTcp);
  auto udp = reg().records_for(15, Transport::kUdp);
  ASSERT_EQ(tcp.size(), 1u);
  ASSERT_EQ(udp.size(), 1u);
  EXPECT_EQ(tcp[0]->description, "Unassigned [was netstat]");
  EXPECT_EQ(udp[0]->description, "Unassigned");
  EXPECT_EQ(reg().status(270, Transport::kTcp), Status::kReserved);
  // The registry, not prose about it: 270/udp is assigned to gist (RFC 5971).
  EXPECT_EQ(reg().status(270, Transport::kUdp), Status::kAssigned);
  // 14001: sua assigned over tcp and sctp, de-registered over udp.
  EXPECT_EQ(reg().status(14001, Transport::kTcp), Status::kAssigned);
  EXPECT_EQ(reg().status(14001, Transport::kSctp), Status::kAssigned);
  EXPECT_EQ(reg().status(14001, Transport::kUdp), Status::kUnassigned);
}

TEST(EmbeddedRegistry, ProtocolLessRowsApplyToEveryTransport) {
  // "1783 Decomissioned Port" has no <protocol>.
  for (Transport t : core::kTransports) {
    auto rows = reg().records_for(1783, t);
    ASSERT_EQ(rows.size(), 1u) << core::to_string(t);
    EXPECT_EQ(rows[0]->kind, Kind::kWithdrawn);
    EXPECT_EQ(rows[0]->transports, core::kAllTransports);
  }
}

TEST(EmbeddedRegistry, PrivateUseRowsCountAsAssigned) {
  EXPECT_EQ(reg().status(24, Transport::kTcp), Status::kAssigned);
  auto rows = reg().records_for(24, Transport::kTcp);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]->kind, Kind::kPrivate);
  EXPECT_EQ(rows[0]->description, "any private mail system");
}

TEST(EmbeddedRegistry, GapsInsideTheRegisteredRangeAreUnassigned) {
  // 8 sctp: no row names it; System range, so unassigned rather than dynamic.
  EXPECT_TRUE(reg().records_for(80, Transport::kDccp).empty());
  EXPECT_EQ(reg().status(80, Transport::kDccp), Status::kUnassigned);
}

TEST(EmbeddedRegistry, Boundaries) {
  EXPECT_EQ(reg().status(1023, Transport::kTcp), Status::kReserved);
  EXPECT_EQ(reg().status(1024, Transport::kTcp), Status::kReserved);
  EXPECT_EQ(reg().status(49151, Transport::kTcp), Status::kReserved);
  EXPECT_EQ(reg().status(49152, Transport::kTcp), Status::kDynamic);
  EXPECT_EQ(reg().status(65535, Transport::kUdp), Status::kDynamic);
  EXPECT_EQ(reg().status(65536, Transport::kUdp), Status::kInvalid);
  EXPECT_EQ(port_range(1023)->name, "system");
  EXPECT_EQ(port_range(1024)->name, "user");
  EXPECT_EQ(port_range(49151)->name, "user");
  EXPECT_EQ(port_range(49152)->name, "dynamic");
  EXPECT_EQ(port_range(65535)->name, "dynamic");
  EXPECT_EQ(port_range(65536), nullptr);
}

TEST(EmbeddedRegistry, ServiceNames) {
  auto ssh = reg().find_service("SSH");
  ASSERT_FALSE(ssh.empty());
  for (const Record* r : ssh) EXPECT_EQ(r->first, 22u);
  EXPECT_TRUE(reg().find_service("no-such-service-xyz").empty());
}

TEST(EmbeddedRegistry, AssignedRowsCarryEveryServiceName) {
  auto rows = reg().records_for(80, Transport::kTcp);
  std::vector<std::string_view> names;
  for (const Record* r : rows) names.push_back(r->name);
  EXPECT_NE(std::find(names.begin(), names.end(), "http"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "www"), names.end());
}

TEST(EmbeddedRegistry, Counts) {
  Counts c = reg().counts();
  std::size_t total = 0;
  for (auto n : c.records_by_kind) total += n;
  EXPECT_EQ(total, reg().records().size());
  for (const auto& per_transport : c.ports_by_status) {
    std::size_t ports = 0;
    for (auto n : per_transport) ports += n;
    EXPECT_EQ(ports, 65536u);
    EXPECT_EQ(per_transport[static_cast<int>(Status::kDynamic)], 16384u);
  }
}

TEST(Table, RoundTripsRawRows) {
  std::vector<RawRecord> rows = {
      {"7", "tcp", "echo", "Echo", "", "person:Jon_Postel", "", "", true},
      {"249-255", "", "", "Reserved", "", "rfc:rfc1060", "", "2024-12-20", false},
      {"", "", "nameonly", "No port", "", "", "", "", false},
  };
  Meta meta;
  meta.source = "x.xml";
  meta.updated = "2030-01-01";
  const std::string table = Registry::make_table(rows, meta);
  Registry r = Registry::from_table(table, "t.tsv");
  ASSERT_EQ(r.records().size(), 2u);
  EXPECT_EQ(r.meta().updated, "2030-01-01");
  EXPECT_EQ(r.status(7, Transport::kTcp), Status::kAssigned);
  EXPECT_EQ(r.status(7, Transport::kUdp), Status::kUnassigned);
  EXPECT_EQ(r.status(252, Transport::kDccp), Status::kReserved);
  // A moved registry keeps pointing at its own text.
  Registry moved = std::move(r);
  EXPECT_EQ(moved.records_for(7, Transport::kTcp).at(0)->name, "echo");
}

TEST(Table, RejectsMalformedTables) {
  EXPECT_THROW(Registry::from_table("not a table\n", "x.tsv"), RegistryError);
  const std::string head = "# portpolicy port table v1\n";
  EXPECT_THROW(Registry::from_table(head + "80\ttcp\n", "x.tsv"), RegistryError);
  EXPECT_THROW(Registry::from_table(head + "99999\ttcp\tassigned\t\t\t\t\t\t\n", "x.tsv"), RegistryError);
  EXPECT_THROW(Registry::from_table(head + "80\tfoo\tassigned\t\t\t\t\t\t\n", "x.tsv"), RegistryError);
  EXPECT_THROW(Registry::from_table(head + "80\ttcp\tweird\t\t\t\t\t\t\n", "x.tsv"), RegistryError);
  try {
    Registry::from_table(head + "80\ttcp\n", "x.tsv");
  } catch (const RegistryError& e) {
    EXPECT_NE(std::string(e.what()).find("x.tsv:2"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace portpolicy::registry
