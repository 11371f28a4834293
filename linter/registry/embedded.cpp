// Embeds the compact registry table (rules/registry/iana-ports.tsv) in the binary.
// The build passes its path as PP_REGISTRY_TABLE; the table is read in place at run time.
#ifndef PP_REGISTRY_TABLE
#error "PP_REGISTRY_TABLE must name the registry table file"
#endif

__asm__(
    ".section .rodata\n"
    ".global pp_registry_table\n"
    ".type pp_registry_table, @object\n"
    ".balign 16\n"
    "pp_registry_table:\n"
    ".incbin \"" PP_REGISTRY_TABLE "\"\n"
    ".global pp_registry_table_end\n"
    ".type pp_registry_table_end, @object\n"
    "pp_registry_table_end:\n"
    ".byte 0\n"
    ".previous\n");

#include "registry/registry.h"

extern "C" const char pp_registry_table[];
extern "C" const char pp_registry_table_end[];

namespace portpolicy::registry {

const Registry& Registry::embedded() {
  static const Registry r = Registry::from_static_table(
      std::string_view(pp_registry_table,
                       static_cast<std::size_t>(pp_registry_table_end - pp_registry_table)),
      "embedded registry table");
  return r;
}

}  // namespace portpolicy::registry
