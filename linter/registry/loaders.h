// Reading IANA's published registry files (XML or CSV) for `--registry FILE`.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "registry/record.h"
#include "registry/registry.h"

namespace portpolicy::registry {

/// Rows and facts read from one registry file.
struct LoadedRows {
  std::vector<RawRecord> rows;
  Meta meta;
};

/// Parses IANA's XML; `origin` names the file in errors. Throws RegistryError.
LoadedRows parse_xml(std::string_view bytes, std::string_view origin);

/// Parses IANA's CSV (service-names-port-numbers.csv). Throws RegistryError.
LoadedRows parse_csv(std::string_view bytes, std::string_view origin);

/// Reads a registry file, XML, CSV or a portpolicy table, chosen by content.
/// Throws RegistryError naming the file and the problem.
Registry load_registry_file(const std::filesystem::path& path);

/// Hex sha256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace portpolicy::registry
