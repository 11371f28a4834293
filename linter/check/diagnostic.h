// What `check` reports: a rule's verdict on one port literal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/severity.h"
#include "core/source_file.h"
#include "core/transport.h"

namespace portpolicy::check {

/// One finding, positioned in bytes and in 1-based line/column.
struct Diagnostic {
  std::string path;
  std::uint32_t start = 0;  ///< byte offset of the first digit
  std::uint32_t end = 0;    ///< one past the last digit
  core::LineCol begin;
  core::LineCol end_pos;
  std::uint64_t value = 0;
  std::optional<core::Transport> transport;  ///< as written in the file
  std::string code;                          ///< "PP201"
  std::string rule;                          ///< "reserved-port"
  core::Severity severity = core::Severity::kWarning;
  std::string message;
  std::optional<std::uint32_t> suggestion;
  bool suppressed = false;       ///< silenced by an inline ignore or the baseline
  std::string suppressed_by;     ///< "inline", "file", "baseline"
  std::string suppression_note;  ///< the reason after " -- ", or an expiry notice
  std::string fingerprint;       ///< of the trimmed source line: what baselines match on
  bool test_code = false;        ///< the file is test code (see check/test_code.h)
  bool file_level = false;       ///< about the file, not a port literal (parse-error): no value
};

}  // namespace portpolicy::check
