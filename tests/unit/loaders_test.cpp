#include "registry/loaders.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace portpolicy::registry {
namespace {

using core::Transport;

std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(PP_TEST_DIR) / "fixtures" / "registry" / name;
}

// Both published formats, classified the same way.
class BothFormats : public ::testing::TestWithParam<std::string> {};

TEST_P(BothFormats, ClassifiesEveryKind) {
  Registry r = load_registry_file(fixture(GetParam()));
  EXPECT_EQ(r.status(0, Transport::kTcp), Status::kReserved);
  EXPECT_EQ(r.status(2, Transport::kTcp), Status::kReserved);
  EXPECT_EQ(r.records_for(2, Transport::kTcp).at(0)->note,
            "De-assigned on 2025-02-13, previously compressnet by Bernie Volz");
  EXPECT_EQ(r.status(7, Transport::kTcp), Status::kAssigned);
  EXPECT_EQ(r.status(7, Transport::kUdp), Status::kUnassigned);
  EXPECT_EQ(r.records_for(15, Transport::kTcp).at(0)->kind, Kind::kUnassigned);
  EXPECT_EQ(r.records_for(24, Transport::kTcp).at(0)->kind, Kind::kPrivate);
  EXPECT_EQ(r.status(24, Transport::kTcp), Status::kAssigned);
  EXPECT_EQ(r.records_for(210, Transport::kTcp).at(0)->kind, Kind::kAlias);
  for (Transport t : core::kTransports) {
    EXPECT_EQ(r.status(252, t), Status::kReserved);
    EXPECT_EQ(r.status(278, t), Status::kUnassigned);
    EXPECT_EQ(r.records_for(585, t).at(0)->kind, Kind::kWithdrawn);
  }
  EXPECT_EQ(r.status(50000, Transport::kTcp), Status::kDynamic);
  EXPECT_EQ(r.records().size(), 9u);
  EXPECT_EQ(r.meta().name_only_rows, 1u);
  EXPECT_EQ(r.meta().sha256.size(), 64u);
  EXPECT_EQ(r.meta().source, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Loaders, BothFormats, ::testing::Values("mini.xml", "mini.csv"));

TEST(XmlLoader, ReadsTheRegistryDate) {
  Registry r = load_registry_file(fixture("mini.xml"));
  EXPECT_EQ(r.meta().updated, "2031-02-03");
  EXPECT_EQ(r.meta().format, "xml");
  EXPECT_EQ(r.records_for(7, Transport::kTcp).at(0)->references, "person:Jon_Postel");
}

TEST(CsvLoader, DatesAndReferences) {
  Registry r = load_registry_file(fixture("mini.csv"));
  EXPECT_EQ(r.meta().format, "csv");
  EXPECT_EQ(r.meta().updated, "2031-02-03");  // the latest date in any row
  EXPECT_EQ(r.records_for(252, Transport::kTcp).at(0)->references, "rfc:rfc1060");
}

// Each broken file: the error names the file and says what is wrong.
struct Broken {
  const char* file;
  const char* says;
};

class BrokenFiles : public ::testing::TestWithParam<Broken> {};

TEST_P(BrokenFiles, ClearErrorNamingTheFile) {
  const Broken b = GetParam();
  try {
    load_registry_file(fixture(b.file));
    FAIL() << b.file << " loaded";
  } catch (const RegistryError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(b.file), std::string::npos) << msg;
    EXPECT_NE(msg.find(b.says), std::string::npos) << msg;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Loaders, BrokenFiles,
    ::testing::Values(Broken{"empty.xml", "empty file"}, Broken{"truncated.xml", "not well-formed XML"},
                      Broken{"not-registry.xml", "root element is <html>"},
                      Broken{"wrong-columns.csv", "missing column 'Service Name'"},
                      Broken{"bad-row.csv", "row 3 has 3 fields"},
                      Broken{"bad-port.csv", "bad port number 'eighty'"},
                      Broken{"unterminated.csv", "malformed CSV"},
                      Broken{"no-such-file.xml", "cannot open"}));

TEST(Loader, ADirectoryIsNotARegistry) {
  EXPECT_THROW(load_registry_file(std::filesystem::path(PP_TEST_DIR)), RegistryError);
}

TEST(Loader, AcceptsItsOwnTable) {
  Registry r = load_registry_file(std::filesystem::path(PP_SOURCE_DIR) / "rules/registry/iana-ports.tsv");
  EXPECT_EQ(r.records().size(), Registry::embedded().records().size());
  EXPECT_EQ(r.meta().updated, "2026-08-17");
}

TEST(Sha256, KnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace portpolicy::registry
