// Output of `portpolicy ports`: the port inventory as text, grouped text or JSON.
#pragma once

#include <string>

#include "scan/scanner.h"

namespace portpolicy::report {

/// One line per port: `path:line:col: VALUE[/transport] ROLE (format: context)`.
std::string ports_text(const scan::ScanResult& result);

/// Each port value with the places that use it, for people.
std::string ports_grouped(const scan::ScanResult& result);

/// `{"ports": [...], "files_scanned": N, "files_skipped": [...]}`, pretty-printed.
std::string ports_json(const scan::ScanResult& result);

}  // namespace portpolicy::report
