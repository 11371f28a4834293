#include "registry/classify.h"

#include <gtest/gtest.h>

namespace portpolicy::registry {
namespace {

TEST(Classify, ReservedDescriptions) {
  EXPECT_EQ(classify("", "Reserved", "", false), Kind::kReserved);
  EXPECT_EQ(classify("", "Reserved - IANA", "", false), Kind::kReserved);
}

TEST(Classify, UnassignedSpellings) {
  EXPECT_EQ(classify("", "Unassigned", "", false), Kind::kUnassigned);
  EXPECT_EQ(classify("", "unassigned", "Deprecated June 2004", false), Kind::kUnassigned);
  EXPECT_EQ(classify("", "Unassigned [was netstat]", "", false), Kind::kUnassigned);
  EXPECT_EQ(classify("", "(unassigned) Possibly assigned", "", false), Kind::kUnassigned);
  EXPECT_EQ(classify("", "Unassigned (FRP-Released 12/7/00)", "", false), Kind::kUnassigned);
}

TEST(Classify, WithdrawnRows) {
  EXPECT_EQ(classify("", "De-registered", "Use of 585 is not recommended", false), Kind::kWithdrawn);
  EXPECT_EQ(classify("", "Removed", "", false), Kind::kWithdrawn);
  EXPECT_EQ(classify("", "Deprecated", "", false), Kind::kWithdrawn);
  EXPECT_EQ(classify("", "De-Commissioned Port", "", false), Kind::kWithdrawn);
  EXPECT_EQ(classify("", "Decomissioned Port 04/14/00, ms", "", true), Kind::kWithdrawn);
  // A named row whose whole description is a withdrawal (14001/udp sua).
  EXPECT_EQ(classify("sua", "De-Registered", "", true), Kind::kWithdrawn);
}

TEST(Classify, UnnamedRowsWithAnAssigneeArePrivateUse) {
  EXPECT_EQ(classify("", "any private mail system", "", true), Kind::kPrivate);
  EXPECT_EQ(classify("", "any private printer server", "", true), Kind::kPrivate);
  // Nobody named, no status word: an unverifiable claim stays unassigned.
  EXPECT_EQ(classify("", "Possibly used by Sun Solaris????", "", false), Kind::kUnassigned);
}

TEST(Classify, NamedRowsAreAssignedWhateverTheirWording) {
  EXPECT_EQ(classify("http", "World Wide Web HTTP", "", false), Kind::kAssigned);
  EXPECT_EQ(classify("remoteware-un", "RemoteWare Unassigned", "", true), Kind::kAssigned);
  EXPECT_EQ(classify("stun-behaviors", "Reserved for a future enhancement of STUN-BEHAVIOR", "", false),
            Kind::kAssigned);
}

TEST(Classify, Aliases) {
  EXPECT_EQ(classify("z3950", "ANSI Z39.50", "This entry is an alias to \"z39-50\".", false), Kind::kAlias);
}

TEST(Classify, StatusOfKinds) {
  EXPECT_EQ(status_of(Kind::kAssigned), Status::kAssigned);
  EXPECT_EQ(status_of(Kind::kAlias), Status::kAssigned);
  EXPECT_EQ(status_of(Kind::kPrivate), Status::kAssigned);
  EXPECT_EQ(status_of(Kind::kReserved), Status::kReserved);
  EXPECT_EQ(status_of(Kind::kUnassigned), Status::kUnassigned);
  EXPECT_EQ(status_of(Kind::kWithdrawn), Status::kUnassigned);
}

}  // namespace
}  // namespace portpolicy::registry
