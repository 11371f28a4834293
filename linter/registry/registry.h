// The port registry: lookups over a compact table, from the embedded snapshot or a file.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/transport.h"
#include "registry/record.h"

namespace portpolicy::registry {

/// A registry that cannot be read: the message names the source and what is wrong.
class RegistryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Facts about where a snapshot came from.
struct Meta {
  std::string source;   ///< file name of the registry it was made from
  std::string format;   ///< "xml", "csv" or "table"
  std::string updated;  ///< the registry's own <updated> date (or latest row date for CSV)
  std::string sha256;   ///< sha256 of the source file's bytes
  std::size_t name_only_rows = 0;  ///< service names without a port (not in the table)
};

/// Ports a Status applies to, per RFC 6335.
struct PortRange {
  std::string_view name;   ///< "system", "user", "dynamic"
  std::string_view title;  ///< "System Ports"
  std::uint32_t first;
  std::uint32_t last;
};

/// The RFC 6335 range holding `port`; nullptr for values above 65535.
const PortRange* port_range(std::uint32_t port);

/// The largest valid port number.
inline constexpr std::uint32_t kMaxPort = 65535;
/// The first port of the Dynamic/Private range.
inline constexpr std::uint32_t kFirstDynamicPort = 49152;

/// Counts shown by `portpolicy registry`.
struct Counts {
  std::array<std::size_t, 6> records_by_kind{};  ///< indexed by Kind
  /// ports 0-65535 by Status, per transport (tcp, udp, sctp, dccp)
  std::array<std::array<std::size_t, 5>, 4> ports_by_status{};
};

/// An immutable registry. Cheap to move; records point into its own table text.
class Registry {
 public:
  /// The snapshot compiled into the binary (parsed once, on first use). Defined in
  /// embedded.cpp, which only the programs that embed the table link.
  static const Registry& embedded();

  /// Parses a table that outlives the registry (the embedded one) without copying it.
  static Registry from_static_table(std::string_view text, std::string_view origin);

  /// Parses a compact table (the format of rules/registry/iana-ports.tsv).
  static Registry from_table(std::string text, std::string_view origin);

  /// Classifies raw IANA rows and builds a registry; throws RegistryError on bad rows.
  static Registry from_raw(const std::vector<RawRecord>& rows, Meta meta);

  /// Serializes raw rows into the compact table format (classifying them).
  static std::string make_table(const std::vector<RawRecord>& rows, const Meta& meta);

  const Meta& meta() const { return meta_; }
  const std::vector<Record>& records() const { return records_; }

  /// The status of `port` over transport `t`.
  Status status(std::uint32_t port, core::Transport t) const;

  /// Every row that covers `port` over `t`, in table order.
  std::vector<const Record*> records_for(std::uint32_t port, core::Transport t) const;

  /// Rows whose service name equals `name` (case-insensitive), in table order.
  std::vector<const Record*> find_service(std::string_view name) const;

  Counts counts() const;

 private:
  Registry() = default;
  void parse(std::string_view origin);
  void index();

  std::shared_ptr<const std::string> owned_;  // table text when not embedded
  std::string_view text_;
  Meta meta_;
  std::vector<Record> records_;       // sorted by first port
  std::vector<std::uint32_t> max_last_;  // max_last_[i] = max(records_[0..i].last)
  std::shared_ptr<std::array<std::vector<std::uint8_t>, 4>> status_;  // per transport, per port
};

}  // namespace portpolicy::registry
