// .portpolicy.yaml: rule selection and severities, suggestion range, policy, per-path
// overrides, excludes and the file size limit.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/policy.h"
#include "core/severity.h"
#include "registry/suggest.h"

namespace portpolicy::config {

/// A configuration that cannot be used; the message starts with file:line:col.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What the configuration says of one rule: off, or on at a severity.
struct RuleSetting {
  bool enabled = true;
  std::optional<core::Severity> severity;  ///< nullopt: the rule's default
  bool selected = false;  ///< named with a setting other than off: turns on a rule off by default
};

/// Settings for the paths matching `paths` (globs relative to the config's folder).
struct Override {
  std::vector<std::string> paths;
  std::map<std::string, RuleSetting> rules;  ///< by rule name
};

/// How findings in test code are reported (the `tests` section).
struct TestCode {
  enum class Mode : std::uint8_t {
    kCap,   ///< reported at most at `severity`
    kOff,   ///< not reported
    kSame,  ///< reported like any other finding
  };
  std::vector<std::string> paths;  ///< globs relative to the config's folder that are test code too
  bool conventions = true;         ///< recognise test code by each ecosystem's conventions
  Mode mode = Mode::kCap;
  core::Severity severity = core::Severity::kInfo;
};

/// A loaded configuration (defaults when no file was found).
struct Config {
  std::string path;                           ///< the file it came from; empty for defaults
  std::map<std::string, RuleSetting> rules;   ///< by rule name
  registry::SuggestionRange suggestion_range;
  core::Policy policy;
  std::vector<Override> overrides;
  std::vector<std::string> exclude;            ///< globs relative to base_dir(), --exclude syntax
  std::optional<std::uint64_t> max_file_size;  ///< nullopt: the command line's (1 MiB by default)
  TestCode tests;

  /// The folder the config's relative globs start from.
  std::filesystem::path base_dir() const;

  /// The setting of rule `name` for the file at `file_path` (overrides applied in order).
  RuleSetting setting_for(const std::string& name, const std::string& file_path) const;

  /// True when `exclude` leaves out the file at `file_path` (it or a folder above it, taken
  /// relative to base_dir(), matches a glob). Applies to files named on the command line too.
  bool excludes(const std::string& file_path) const;

  /// True when a glob of tests.paths matches the file (relative to base_dir(), as overrides are).
  bool in_test_paths(const std::string& file_path) const;
};

/// The file name portpolicy looks for.
inline constexpr const char* kConfigFileName = ".portpolicy.yaml";

/// Walks up from `start` (a file or folder) to the first folder holding .portpolicy.yaml.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

/// Reads and validates a configuration file. Throws ConfigError: unknown keys (with a
/// did-you-mean), wrong types and bad ranges, each with file:line:col.
Config load_config(const std::filesystem::path& path);

/// The configuration in `text`, as if read from `file` (the name errors start with and
/// relative globs start from). Throws ConfigError as load_config does.
Config parse_config(const std::string& text, const std::string& file);

/// A commented starter configuration, as `portpolicy init` writes it.
std::string starter_config();

}  // namespace portpolicy::config
