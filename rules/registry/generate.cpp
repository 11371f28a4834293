// Converts IANA's registry XML into portpolicy's compact table (rules/registry/iana-ports.tsv).
// Usage: portpolicy-registry-gen service-names-port-numbers.xml OUTPUT.tsv
#include <fstream>
#include <iostream>
#include <sstream>

#include "registry/loaders.h"
#include "registry/registry.h"

int main(int argc, char** argv) {
  using namespace portpolicy::registry;
  if (argc != 3) {
    std::cerr << "usage: portpolicy-registry-gen REGISTRY.xml OUTPUT.tsv\n";
    return 2;
  }
  const std::filesystem::path in_path = argv[1];
  std::ifstream in(in_path, std::ios::binary);
  if (!in) {
    std::cerr << in_path.string() << ": cannot open file\n";
    return 2;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  try {
    LoadedRows loaded = parse_xml(bytes, in_path.string());
    loaded.meta.source = in_path.filename().string();
    loaded.meta.sha256 = sha256_hex(bytes);
    const std::string table = Registry::make_table(loaded.rows, loaded.meta);
    Registry::from_table(table, argv[2]);  // the table must read back
    std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
    out << table;
    if (!out) {
      std::cerr << argv[2] << ": cannot write\n";
      return 2;
    }
  } catch (const RegistryError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
