// Scans files for port literals: discovery, format detection, prefilter, parallel extraction.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/port_literal.h"
#include "core/source_file.h"
#include "discover/discover.h"

namespace portpolicy::scan {

/// A port literal with the file it is in and its 1-based positions.
struct PortFinding {
  std::string path;
  core::PortLiteral literal;
  core::LineCol begin;
  core::LineCol end;  ///< the position just past the last digit
};

/// Something that kept part of a file from being read (a parse error, nesting too deep),
/// with its 1-based position.
struct FileProblem {
  std::string path;
  std::uint32_t offset = 0;
  core::LineCol at;
  std::string kind;     ///< "parse-error", "too-deep"
  std::string message;
};

/// How to scan.
struct ScanOptions {
  discover::Options discover;  ///< discover.wanted, when set, is asked after the format test
  unsigned threads = 0;  ///< 0: one per core
  /// The time one file may take (reading, parsing, queries); past it the file is skipped
  /// ("scan budget exceeded after 5.0 s"). 0: no limit.
  std::chrono::milliseconds file_budget{5000};
  /// Files given by their content instead of read from disk (standard input with
  /// --stdin-filename, an editor's unsaved buffer): each is scanned as if it were at its path,
  /// whether or not a file is there, and a path in `paths` that names one is not looked up.
  /// The caller's filter (discover.wanted) still applies, and so does the size limit.
  std::map<std::string, std::string> texts;
};

/// What a scan found, sorted by path, then position.
struct ScanResult {
  std::vector<PortFinding> ports;
  std::size_t files_scanned = 0;  ///< files read (whether or not they held a port)
  std::vector<std::string> files;  ///< those files, sorted by path
  std::vector<discover::Skipped> skipped;
  std::vector<FileProblem> problems;  ///< sorted by path, then offset
  /// A digest of each scanned file's text as it was read: what reads the file again later
  /// (ignore comments, the rules that look around a literal) can tell it changed meanwhile.
  std::map<std::string, std::uint64_t> digests;
  /// The files given by content (ScanOptions::texts) that were scanned.
  std::map<std::string, std::string> in_memory;
};

/// The text of `path` read again, when it is still what the scan read (its digest among
/// `scan.digests`); nullopt when it can no longer be read or has changed since. A file given
/// by content is that content. A file the scan did not read has no digest, and its text is
/// returned as it is.
std::optional<std::string> read_unchanged(const ScanResult& scan, const std::string& path);

/// Scans `paths` (files or folders). Throws discover::DiscoverError for a missing path.
ScanResult scan(const std::vector<std::string>& paths, const ScanOptions& options);

/// Port literals of one in-memory file, its format chosen from `path` and its text;
/// sorted by position. Empty when the format is not one portpolicy reads.
std::vector<core::PortLiteral> scan_text(const core::SourceFile& file);

/// The cheap lexical test run before any parse: false when the text cannot hold a port
/// literal in any format portpolicy reads (no "port", "listen", "expose", "inspect", "sock",
/// "htons", "://", no name or bracket followed by ':' and a digit, no short flag followed by a
/// number).
bool may_hold_port(std::string_view text);

}  // namespace portpolicy::scan
