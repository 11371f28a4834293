// The rule interface. A rule gets facts (port literals, the registry, the configuration),
// never parse trees, and says which literals break it and why.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy.h"
#include "core/severity.h"
#include "registry/registry.h"
#include "scan/scanner.h"

namespace portpolicy::rules {

/// What a rule is: stable code, kebab-case name, one-line summary, default severity, whether
/// it runs without being selected, and its documentation (Markdown with the headings
/// What it does / Why is this bad? / Example / Use instead / Options / References).
struct RuleInfo {
  std::string_view code;
  std::string_view name;
  std::string_view summary;
  core::Severity severity;
  bool enabled_by_default;
  std::string_view doc;
  std::string_view example_path;  ///< file name the Example / Use instead blocks are read as
};

/// A team policy and the file it comes from.
struct PolicyInForce {
  const core::Policy& policy;
  std::string_view file;  ///< the .portpolicy.yaml; empty for the defaults
};

/// What every rule sees.
struct RuleContext {
  const registry::Registry& registry;
  const std::vector<scan::PortFinding>& ports;  ///< every port of the scan, sorted
  const std::vector<std::string>& files;        ///< every file scanned, sorted (with ports or not)
  const std::vector<scan::FileProblem>& problems;  ///< what kept parts of files from being read
  /// The team policy in force for the file at `path`, and the configuration file it was
  /// read from (empty when none was found).
  PolicyInForce (*policy_for)(const void* self, const std::string& path);
  const void* self;
  /// What the scan read: each file's digest, the files given by content (scan::read_unchanged).
  const scan::ScanResult* scan = nullptr;

  PolicyInForce policy(const std::string& path) const { return policy_for(self, path); }
};

/// One literal that breaks the rule, or one problem with a file.
struct Hit {
  std::size_t index = 0;   ///< into RuleContext::ports
  std::string message;     ///< lowercase, no trailing period, fact first then reason
  bool suggest = true;     ///< append a replacement port in the suggestion range
  std::optional<std::size_t> problem;  ///< into RuleContext::problems, instead of `index`
};

/// The check: appends a Hit per literal that breaks the rule.
using CheckFn = void (*)(const RuleContext& ctx, std::vector<Hit>& out);

/// A rule: its info and its check.
struct Rule {
  const RuleInfo* info;
  CheckFn check;
};

/// Every rule, sorted by code (the list lives in rules/rules.def).
std::span<const Rule> all_rules();

/// The rule with this code or name (case-insensitive), or nullptr.
const Rule* find_rule(std::string_view code_or_name);

// Helpers shared by the registry-backed rules.

/// The transports a literal is judged over: the one the file names, else tcp and udp
/// (a bare port number in a config file or program almost always means one of them).
std::vector<core::Transport> judged_transports(const scan::PortFinding& f);

/// The judged transports over which the literal's port has `status`. When the file names
/// no transport and the port is assigned over tcp or udp, none: the literal most likely
/// means that service.
std::vector<core::Transport> affected_transports(const registry::Registry& reg, const scan::PortFinding& f,
                                                registry::Status status);

/// True when a host as core::host_before_port() reads it names this machine: none written
/// (":0", ("", 0)), a wildcard (0.0.0.0, ::, *), loopback (localhost, 127.x, ::1), an octet
/// array of either ([127, 0, 0, 1]), or an expression that says so (INADDR_ANY,
/// InetAddress.getLoopbackAddress(), Ipv4Addr::UNSPECIFIED, bindAddr, InetAddress.getByName("0.0.0.0")).
bool names_this_machine(std::string_view host);

/// True when the literal is a port 0 that means "any free port" (or "none"), which is what 0
/// means to bind() and listen() in every language, to a Kubernetes hostPort or nodePort, to
/// the host side of a Compose mapping and to a firewall rule (all ports). False where 0 can
/// only be port 0 itself, which no service can use: a port a container or image declares
/// (containerPort, targetPort, a Service's port, EXPOSE, a Compose target), and a destination
/// on another host (net.Dial("tcp", "db:0"), http://api.example.com:0/). A connection's
/// local side (a source port, a local address) is this machine's and means any; an address
/// made only to resolve a name (createUnresolved(host, 0), getaddrinfo) means no port.
bool zero_means_any_port(const scan::PortFinding& f);

/// "254/tcp", "254/tcp+udp": the value with the transports it concerns.
std::string port_label(std::uint64_t value, const std::vector<core::Transport>& transports);

/// What the registry rows covering the port say, briefly: "249-255, RFC 1060".
std::string row_summary(const std::vector<const registry::Record*>& rows);

// Helpers for the rules that read the text around a literal (how it is quoted, what else
// the same mapping says), which the port facts do not carry.

/// Files' text, each read once on first use.
class FileTexts {
 public:
  FileTexts() = default;  ///< every file read as it is now
  explicit FileTexts(const RuleContext& ctx) : scan_(ctx.scan) {}

  /// The text of the file at `path`; empty when it can no longer be read or is no longer
  /// what the scan read (its literals' offsets would point elsewhere).
  const std::string& get(const std::string& path);

 private:
  const scan::ScanResult* scan_ = nullptr;
  std::map<std::string, std::string> texts_;
};

/// The YAML scalar that holds the bytes [start, end) of `text`: its content's offsets and
/// the quote character around it ('"', '\'', or 0 for a plain scalar). Only scalars on a
/// single line are recognised; a plain scalar ends at white space or flow punctuation.
struct ScalarSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  char quote = 0;
};
ScalarSpan scalar_at(std::string_view text, std::uint32_t start, std::uint32_t end);

/// "path:line:col" of a finding.
std::string location(const scan::PortFinding& f);

}  // namespace portpolicy::rules
