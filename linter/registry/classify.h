// The one place that decides what each kind of IANA row means.
//
// IANA has no status field: status is read from the name and the description, which
// over decades have been written many ways. The decisions, in order:
//
//   row                                            example                       Kind
//   ---------------------------------------------  ----------------------------  ----------
//   description says the row was withdrawn:        "De-registered" (585),        Withdrawn
//     de-registered, removed, deprecated,          "Removed" (659),
//     de-commissioned/decomissioned (any case),    "Deprecated" (1028),
//     with or without a service name               "De-Commissioned Port" (9006),
//                                                  14001/udp sua "De-Registered"
//   unnamed, description starts with "Reserved"    "Reserved" (0, 249-255),      Reserved
//                                                  "Reserved - IANA" (1109)
//   unnamed, description starts with "unassigned"  "Unassigned", "unassigned",   Unassigned
//     or "(unassigned)", any case                  "Unassigned [was netstat]",
//                                                  "(unassigned) Possibly assigned"
//   unnamed, another description, with an          "any private mail system"     Private
//     assignee or person reference                 (24, 35, 57, 59, 75, 77, 87)
//   unnamed, another description, nobody named    "Possibly used by Sun          Unassigned
//                                                   Solaris????" (1008/udp)
//   named, note says "alias"                        "This entry is an alias to"   Alias
//   named, anything else                            "RemoteWare Unassigned"       Assigned
//                                                   (2999: the service's title),
//                                                   "Reserved for a future
//                                                   enhancement of STUN" (5349)
//
// A service name wins over words inside a description ("RemoteWare Unassigned" is the
// name of a product), except for withdrawal, which IANA writes as the whole description.
// Private rows count as Assigned: a port IANA gave to "any private mail system" is taken.
// Withdrawn rows count as Unassigned: the port is free again, and its history is kept.
#pragma once

#include <string_view>

#include "registry/record.h"

namespace portpolicy::registry {

/// Classifies one row by its service name, description, note and whether it names anyone.
Kind classify(std::string_view name, std::string_view description, std::string_view note,
              bool has_assignee);

}  // namespace portpolicy::registry
