// One libFuzzer target, chosen at build time by PP_FUZZ_KIND:
//   scan      the extractor of the format that PP_FUZZ_PATH names (compose.yaml, main.go...),
//             error recovery and the strict parsers included
//   config    the .portpolicy.yaml loader
//   suppress  the inline-suppression parser (ignore comments) and their application
//   xml, csv  the registry loaders
// Every input must come back: a clean result or the component's own error, never a crash,
// a sanitizer report, a leak or a hang.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check/suppress.h"
#include "config/config.h"
#include "core/source_file.h"
#include "registry/loaders.h"
#include "scan/scanner.h"

#ifndef PP_FUZZ_KIND
#error "PP_FUZZ_KIND must name the component"
#endif

namespace {
constexpr std::string_view kKind = PP_FUZZ_KIND;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  using namespace portpolicy;
  if (kKind == "scan") {
    const core::SourceFile file(PP_FUZZ_PATH, text);
    (void)scan::scan_text(file);
  } else if (kKind == "config") {
    try {
      (void)config::parse_config(text, "fuzz/.portpolicy.yaml");
    } catch (const config::ConfigError&) {
    }
  } else if (kKind == "suppress") {
    const core::SourceFile file(PP_FUZZ_PATH, text);
    const auto markers = check::find_markers(file);
    std::vector<check::Diagnostic> diags(1);
    diags[0].path = PP_FUZZ_PATH;
    diags[0].code = "PP201";
    diags[0].rule = "reserved-port";
    diags[0].begin = {1, 1};
    diags[0].end_pos = {1, 2};
    std::vector<check::Diagnostic*> own{&diags[0]};
    (void)check::apply_markers(file, markers, own, "2026-01-01");
  } else if (kKind == "xml") {
    try {
      (void)registry::parse_xml(text, "fuzz.xml");
    } catch (const registry::RegistryError&) {
    }
  } else if (kKind == "csv") {
    try {
      (void)registry::parse_csv(text, "fuzz.csv");
    } catch (const registry::RegistryError&) {
    }
  }
  return 0;
}
