#include "config/config.h"

#include <fmt/format.h>
#include <fnmatch.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/source_file.h"
#include "core/text.h"
#include "extract/shared/strict_parse.h"
#include "discover/discover.h"
#include "rules/rule.h"

namespace portpolicy::config {

namespace fs = std::filesystem;

namespace {

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& n, const std::string& what) const {
    const YAML::Mark m = n.Mark();
    if (m.line >= 0) throw ConfigError(fmt::format("{}:{}:{}: {}", file_, m.line + 1, m.column + 1, what));
    throw ConfigError(fmt::format("{}: {}", file_, what));
  }

  // The entries of a mapping by key. Unknown keys are errors with the nearest known key as a
  // suggestion; so are keys that are not plain names, keys given twice and keys without a value.
  std::map<std::string, YAML::Node> fields(const YAML::Node& map,
                                           std::initializer_list<std::string_view> known,
                                           const std::string& where) const {
    std::map<std::string, YAML::Node> out;
    std::map<std::string, YAML::Mark> seen;
    for (const auto& kv : map) {
      const std::string key = key_of(kv.first, where);
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string msg = "unknown key '" + key + "' in " + where;
        if (auto near = nearest(key, known)) msg += "; did you mean '" + *near + "'?";
        fail(kv.first, msg);
      }
      if (auto it = seen.find(key); it != seen.end()) {
        fail(kv.first,
             fmt::format("'{}' is set twice in {} (first at line {})", key, where, it->second.line + 1));
      }
      if (kv.second.IsNull()) fail(kv.first, "'" + key + "' has no value");
      seen.emplace(key, kv.first.Mark());
      out.emplace(key, kv.second);
    }
    return out;
  }

  std::string key_of(const YAML::Node& k, const std::string& where) const {
    if (!k.IsScalar()) fail(k, "keys in " + where + " must be plain names, not lists or mappings");
    return k.Scalar();
  }

  std::string scalar(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar())
      fail(n, what + " must be a single value, not a " + (n.IsSequence() ? "list" : "mapping"));
    return n.Scalar();
  }

  std::uint64_t number(const YAML::Node& n, const std::string& what) const {
    auto v = core::parse_uint(scalar(n, what));
    if (!v) fail(n, what + " must be a whole number of bytes, not '" + n.Scalar() + "'");
    return *v;
  }

  // 8080, "8080", 8000-8100
  core::PortSpan span(const YAML::Node& n, const std::string& what) const {
    const std::string s = scalar(n, what);
    const auto dash = s.find('-');
    auto a = core::parse_uint(core::trim(std::string_view(s).substr(0, dash)));
    auto b = dash == std::string::npos ? a : core::parse_uint(core::trim(std::string_view(s).substr(dash + 1)));
    if (!a || !b) fail(n, what + ": '" + s + "' is not a port or a range such as 49152-65535");
    if (*a > *b) fail(n, what + ": range " + s + " runs backwards");
    if (*b > 65535) fail(n, what + ": " + s + " goes past 65535");
    return {*a, *b};
  }

  std::vector<core::PortSpan> spans(const YAML::Node& n, const std::string& what) const {
    std::vector<core::PortSpan> out;
    if (n.IsScalar()) {
      out.push_back(span(n, what));
    } else if (n.IsSequence()) {
      for (const auto& item : n) out.push_back(span(item, what));
    } else {
      fail(n, what + " must be a list of ports and ranges");
    }
    return out;
  }

  std::vector<std::string> strings(const YAML::Node& n, const std::string& what) const {
    std::vector<std::string> out;
    if (n.IsScalar()) {
      out.push_back(n.Scalar());
    } else if (n.IsSequence()) {
      for (const auto& item : n) out.push_back(scalar(item, what + " entries"));
    } else {
      fail(n, what + " must be a list of strings");
    }
    return out;
  }

  std::map<std::string, RuleSetting> rule_settings(const YAML::Node& n) const {
    if (!n.IsMap()) fail(n, "'rules' must map rule names or codes to error, warning, info, on or off");
    std::map<std::string, RuleSetting> out;
    std::map<std::string, YAML::Mark> seen;
    for (const auto& kv : n) {
      const std::string key = key_of(kv.first, "rules");
      const rules::Rule* rule = rules::find_rule(key);
      if (rule == nullptr) {
        std::vector<std::string_view> names;
        for (const rules::Rule& r : rules::all_rules()) {
          names.push_back(r.info->name);
          names.push_back(r.info->code);
        }
        std::string msg = "unknown rule '" + key + "'";
        if (auto near = nearest(key, names)) msg += "; did you mean '" + *near + "'?";
        fail(kv.first, msg + " (see `portpolicy rules`)");
      }
      const std::string name(rule->info->name);
      if (auto it = seen.find(name); it != seen.end()) {
        fail(kv.first, fmt::format("rule {} is set twice (first at line {})", name, it->second.line + 1));
      }
      seen.emplace(name, kv.first.Mark());
      if (kv.second.IsNull())
        fail(kv.first, "rule " + name + " has no setting: use error, warning, info, on or off");
      const std::string v = scalar(kv.second, "the setting of rule " + name);
      RuleSetting s;
      if (v == "off" || v == "false") {
        s.enabled = false;
      } else if (v == "on" || v == "true") {
        s.selected = true;
      } else if (auto sev = core::parse_severity(v)) {
        s.severity = sev;
        s.selected = true;
      } else {
        fail(kv.second,
             "rule setting '" + v + "' for " + name + ": expected error, warning, info, on or off");
      }
      out[name] = s;
    }
    return out;
  }

 private:
  template <typename Names>
  static std::optional<std::string> nearest(const std::string& key, const Names& known) {
    std::optional<std::string> best;
    std::size_t best_d = 3;  // at most two edits away
    for (std::string_view k : known) {
      const std::size_t d = distance(key, k);
      if (d < best_d) {
        best_d = d;
        best = std::string(k);
      }
    }
    return best;
  }

  static std::size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t prev = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t cur = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
        prev = cur;
      }
    }
    return row[b.size()];
  }

  std::string file_;
};

bool glob_matches(const std::string& glob, const std::string& rel) {
  std::string g = glob;
  if (g.starts_with("./")) g = g.substr(2);
  if (g.starts_with("**/")) {
    // any depth, including the top
    if (fnmatch(g.substr(3).c_str(), rel.c_str(), 0) == 0) return true;
  }
  if (fnmatch(g.c_str(), rel.c_str(), 0) == 0) return true;  // '*' crosses '/' here, like '**'
  const auto slash = rel.find_last_of('/');
  return g.find('/') == std::string::npos && fnmatch(g.c_str(), rel.substr(slash + 1).c_str(), 0) == 0;
}

}  // namespace

fs::path Config::base_dir() const {
  const fs::path dir = fs::path(path).parent_path();
  return dir.empty() ? fs::path(".") : dir;
}

namespace {

// The file's path relative to the configuration's folder, for its globs; the path as given
// when the file is not below it.
std::string relative_to(const fs::path& base_dir, const std::string& file_path) {
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(fs::absolute(base_dir), ec);
  const fs::path file = fs::weakly_canonical(fs::absolute(file_path), ec);
  std::string rel = file.lexically_relative(base).generic_string();
  if (rel.empty() || rel.starts_with("..")) rel = fs::path(file_path).generic_string();
  return rel;
}

}  // namespace

bool Config::in_test_paths(const std::string& file_path) const {
  if (tests.paths.empty()) return false;
  const std::string rel = relative_to(base_dir(), file_path);
  return std::any_of(tests.paths.begin(), tests.paths.end(), [&](const std::string& g) {
    return glob_matches(g, rel) || discover::path_excluded({g}, rel);
  });
}

RuleSetting Config::setting_for(const std::string& name, const std::string& file_path) const {
  RuleSetting s;
  if (auto it = rules.find(name); it != rules.end()) s = it->second;
  if (overrides.empty()) return s;
  const std::string rel = relative_to(base_dir(), file_path);
  for (const Override& o : overrides) {
    const bool match = std::any_of(o.paths.begin(), o.paths.end(), [&](const std::string& g) { return glob_matches(g, rel); });
    if (!match) continue;
    if (auto it = o.rules.find(name); it != o.rules.end()) {
      s.enabled = it->second.enabled;
      if (it->second.severity) s.severity = it->second.severity;
      s.selected = s.selected || it->second.selected;
    }
  }
  return s;
}

bool Config::excludes(const std::string& file_path) const {
  if (exclude.empty()) return false;
  // Lexically, without touching the disk: this runs for every file of a walk.
  const fs::path base = fs::absolute(base_dir()).lexically_normal();
  const fs::path file = fs::absolute(file_path).lexically_normal();
  const std::string rel = file.lexically_relative(base).generic_string();
  if (rel.empty() || rel == "." || rel.starts_with("../")) return false;  // not below the config
  return discover::path_excluded(exclude, rel);
}

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  while (!dir.empty()) {
    const fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) {
      // Named the way the path was given: relative paths stay relative, as in diagnostics.
      if (start.is_relative()) {
        const fs::path rel = candidate.lexically_relative(fs::current_path(ec));
        if (!rel.empty()) return rel;
      }
      return candidate;
    }
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

Config load_config(const fs::path& path) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(file + ": cannot open configuration file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), file);
}

Config parse_config(const std::string& text, const std::string& file) {
  // yaml-cpp recurses once per level; a configuration is never this deep.
  if (const core::Nesting n = core::nesting_of(text); n.brackets > 64 || n.indent > 256) {
    throw ConfigError(file + ": the configuration nests too deep to be one (more than 64 levels of brackets or "
                             "256 columns of indentation)");
  }
  // libyaml reads it first: yaml-cpp 0.7 loops forever on some invalid YAML (a document
  // that opens with ','), so it is given only text that parses.
  if (const std::optional<extract::StrictError> bad = extract::yaml_error(text); bad && bad->checked) {
    const core::SourceFile src(file, text);
    const core::LineCol at = src.position(bad->offset);
    throw ConfigError(fmt::format("{}:{}:{}: not valid YAML: {}", file, at.line, at.column, bad->message));
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    // yaml-cpp calls indentation by tabs an "illegal map value" somewhere further on.
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size() && static_cast<int>(line) <= e.mark.line + 1; ++line) {
      std::size_t j = i;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      const std::size_t tab = text.find('\t', i);
      if (tab < j && j < text.size() && text[j] != '\n' && text[j] != '\r' && text[j] != '#') {
        throw ConfigError(
            fmt::format("{}:{}:{}: not valid YAML: a tab indents this line; YAML indents with spaces", file,
                        line, tab - i + 1));
      }
      const std::size_t nl = text.find('\n', i);
      if (nl == std::string::npos) break;
      i = nl + 1;
    }
    if (e.mark.is_null()) throw ConfigError(fmt::format("{}: not valid YAML: {}", file, e.msg));
    throw ConfigError(
        fmt::format("{}:{}:{}: not valid YAML: {}", file, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  Config cfg;
  cfg.path = file;
  if (root.IsNull()) return cfg;  // an empty file: defaults
  Reader r(file);
  if (!root.IsMap()) r.fail(root, "the configuration must be a mapping of settings");
  const auto top =
      r.fields(root, {"rules", "suggestion-range", "policy", "overrides", "exclude", "max-file-size", "tests"},
               "the configuration");
  auto get = [](const std::map<std::string, YAML::Node>& m, const char* key) -> const YAML::Node* {
    auto it = m.find(key);
    return it == m.end() ? nullptr : &it->second;
  };
  if (auto* n = get(top, "rules")) cfg.rules = r.rule_settings(*n);
  if (auto* n = get(top, "suggestion-range")) {
    const core::PortSpan s = r.span(*n, "suggestion-range");
    if (s.first == 0) r.fail(*n, "suggestion-range: port 0 cannot be suggested (it means \"any free port\")");
    cfg.suggestion_range = {s.first, s.last};
  }
  if (auto* n = get(top, "policy")) {
    if (!n->IsMap()) r.fail(*n, "'policy' must be a mapping with allow, deny and listen-range");
    const auto policy = r.fields(*n, {"allow", "deny", "listen-range"}, "policy");
    if (auto* a = get(policy, "allow")) cfg.policy.allow = r.spans(*a, "policy.allow");
    if (auto* d = get(policy, "deny")) cfg.policy.deny = r.spans(*d, "policy.deny");
    if (auto* l = get(policy, "listen-range")) cfg.policy.listen_range = r.span(*l, "policy.listen-range");
  }
  if (auto* n = get(top, "overrides")) {
    if (!n->IsSequence()) r.fail(*n, "'overrides' must be a list of {paths, rules}");
    for (const auto& item : *n) {
      if (!item.IsMap()) r.fail(item, "each override must be a mapping with paths and rules");
      const auto fields = r.fields(item, {"paths", "rules"}, "an override");
      Override o;
      const YAML::Node* paths = get(fields, "paths");
      if (paths == nullptr) r.fail(item, "an override needs 'paths'");
      o.paths = r.strings(*paths, "paths");
      if (auto* rs = get(fields, "rules")) o.rules = r.rule_settings(*rs);
      cfg.overrides.push_back(std::move(o));
    }
  }
  if (auto* n = get(top, "exclude")) cfg.exclude = r.strings(*n, "exclude");
  if (auto* n = get(top, "tests")) {
    if (!n->IsMap()) r.fail(*n, "'tests' must be a mapping with paths, conventions and severity");
    const auto tests = r.fields(*n, {"paths", "conventions", "severity"}, "tests");
    if (auto* p = get(tests, "paths")) cfg.tests.paths = r.strings(*p, "tests.paths");
    if (auto* c = get(tests, "conventions")) {
      const std::string v = r.scalar(*c, "tests.conventions");
      if (v == "true" || v == "on") {
        cfg.tests.conventions = true;
      } else if (v == "false" || v == "off") {
        cfg.tests.conventions = false;
      } else {
        r.fail(*c, "tests.conventions must be true or false, not '" + v + "'");
      }
    }
    if (auto* s = get(tests, "severity")) {
      const std::string v = r.scalar(*s, "tests.severity");
      if (v == "off") {
        cfg.tests.mode = TestCode::Mode::kOff;
      } else if (v == "same") {
        cfg.tests.mode = TestCode::Mode::kSame;
      } else if (auto sev = core::parse_severity(v)) {
        cfg.tests.mode = TestCode::Mode::kCap;
        cfg.tests.severity = *sev;
      } else {
        r.fail(*s, "tests.severity '" + v + "': expected error, warning, info, off or same");
      }
    }
  }
  if (auto* n = get(top, "max-file-size")) {
    cfg.max_file_size = r.number(*n, "max-file-size");
    if (*cfg.max_file_size == 0) r.fail(*n, "max-file-size must be more than 0");
  }
  return cfg;
}

std::string starter_config() {
  return R"yaml(# portpolicy configuration. Every key is optional; this file shows the defaults
# and what can be changed. Run `portpolicy rules` to list the rules.

# Rule selection and severity, by rule name or code: error, warning, info, on or off.
# Rules off by default (unassigned-user-port, privileged-port) are turned on by naming them.
rules:
  reserved-port: warning
  unassigned-system-port: warning
  # unassigned-user-port: info
  # privileged-port: warning

# Where replacement ports are suggested from (RFC 6335 Dynamic/Private range).
suggestion-range: 49152-65535

# The team's own policy (the policy-port rule; an error when set).
policy:
  # allow: [8080, 49152-65535]   # only these ports may be used
  deny: []                       # ports never to use, e.g. [23, 6000-6063]
  # listen-range: 49152-65535    # listen ports must lie in this range

# Settings for some paths only (globs relative to this file).
overrides: []
#  - paths: ["legacy/**"]
#    rules:
#      reserved-port: off

# Test code: files that each ecosystem's conventions mark as tests (*_test.go, test_*.py,
# src/test/, *Test.java, *.spec.ts, spec/, tests/, testdata/, fixtures/ ...) and the globs
# of `paths`. Their findings are reported at most at `severity` (error, warning, info), or
# not at all (off), or like any other finding (same).
tests:
  paths: []            # more test code, e.g. ["qa/**", "tools/loadgen/*"]
  conventions: true    # false: only `paths` is test code
  severity: info

# Paths to leave out, as globs relative to this file: a glob without '/' matches a file or
# folder name at any depth ("testdata"), one with '/' a path from here ("deploy/old/*.yaml").
# Files named on the command line (as pre-commit passes them) are left out too.
exclude: []

# Files larger than this many bytes are skipped (and reported as skipped); the command
# line's --max-file-size wins over it.
max-file-size: 1048576
)yaml";
}

}  // namespace portpolicy::config
