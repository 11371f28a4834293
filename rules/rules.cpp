#include <algorithm>

#include "core/text.h"
#include "discover/discover.h"
#include "scan/scanner.h"
#include "extract/shared/hostport.h"
#include "rules/rule.h"

namespace portpolicy::rules {

#define PP_RULE(code, var) extern const Rule var;
#include "rules/rules.def"
#undef PP_RULE

namespace {
const std::vector<Rule>& table() {
  static const std::vector<Rule> t = {
#define PP_RULE(code, var) var,
#include "rules/rules.def"
#undef PP_RULE
  };
  return t;
}
}  // namespace

std::span<const Rule> all_rules() { return table(); }

const Rule* find_rule(std::string_view code_or_name) {
  for (const Rule& r : table()) {
    if (core::iequals(r.info->code, code_or_name) || core::iequals(r.info->name, code_or_name)) return &r;
  }
  return nullptr;
}

std::vector<core::Transport> judged_transports(const scan::PortFinding& f) {
  if (f.literal.transport) return {*f.literal.transport};
  return {core::Transport::kTcp, core::Transport::kUdp};
}

std::vector<core::Transport> affected_transports(const registry::Registry& reg, const scan::PortFinding& f,
                                                registry::Status status) {
  std::vector<core::Transport> hit;
  if (f.literal.value > registry::kMaxPort) return hit;
  const auto port = static_cast<std::uint32_t>(f.literal.value);
  const std::vector<core::Transport> judged = judged_transports(f);
  for (core::Transport t : judged) {
    const registry::Status s = reg.status(port, t);
    // A port left to the file's guess is taken by the service that holds it over either
    // transport: redis's 6379/tcp does not make 6379 "reserved" because 6379/udp is.
    if (!f.literal.transport && s == registry::Status::kAssigned) return {};
    if (s == status) hit.push_back(t);
  }
  return hit;
}

bool names_this_machine(std::string_view host_in) {
  std::string_view host = core::trim(host_in);
  // Every quoted string inside an expression speaks for it: getByName("0.0.0.0").
  for (char q : {'"', '\''}) {
    for (std::size_t open = host.find(q); open != std::string_view::npos;) {
      const std::size_t close = host.find(q, open + 1);
      if (close == std::string_view::npos) break;
      if (names_this_machine(host.substr(open + 1, close - open - 1))) return true;
      if (open == 0 && close + 1 == host.size()) return false;  // one quoted host, judged above
      open = host.find(q, close + 1);
    }
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    const std::string_view inner = host.substr(1, host.size() - 2);
    // An octet array: [127, 0, 0, 1], [0, 0, 0, 0]
    std::vector<std::string_view> octets;
    for (std::string_view o : core::split(inner, ',')) octets.push_back(core::trim(o));
    if (octets.size() == 4 || octets.size() == 8) {
      const bool digits = std::all_of(octets.begin(), octets.end(), [](std::string_view o) {
        return core::parse_uint(o).has_value();
      });
      if (digits) {
        const bool zero = std::all_of(octets.begin(), octets.end(), [](std::string_view o) { return o == "0"; });
        const bool loop4 = octets.size() == 4 && octets[0] == "127";
        const bool loop6 = octets.size() == 8 && octets[7] == "1" &&
                           std::all_of(octets.begin(), octets.end() - 1, [](std::string_view o) { return o == "0"; });
        return zero || loop4 || loop6;
      }
    }
    host = inner;
  }
  const std::string h = core::to_lower(host);
  for (std::string_view local : {"", "0.0.0.0", "::", "::0", "*", "+", "localhost", "::1", "0:0:0:0:0:0:0:0",
                                 "0:0:0:0:0:0:0:1", "ip6-localhost", "ip6-loopback"}) {
    if (h == local) return true;
  }
  if (h.starts_with("127.") && h.find_first_not_of("0123456789.") == std::string::npos) return true;
  if (h.ends_with(".localhost")) return true;
  static constexpr std::string_view kLocalWords[] = {"localhost", "loopback", "local",  "any",  "inaddr",
                                                     "wildcard",  "unspecified", "bind", "listen"};
  for (const std::string& w : extract::key_words(host)) {
    if (std::find(std::begin(kLocalWords), std::end(kLocalWords), w) != std::end(kLocalWords)) return true;
  }
  return false;
}

bool zero_means_any_port(const scan::PortFinding& f) {
  const core::PortLiteral& lit = f.literal;
  if (lit.value != 0) return false;
  switch (lit.role) {
    case core::Role::kPublish:  // hostPort: 0, nodePort: 0, "0:80": allocated, or none
    case core::Role::kRule:     // from_port = 0 / to_port = 0: every port
      return true;
    case core::Role::kListen:
      // What a container or image declares it serves on is a real port; a program binding 0
      // asks the system for a free one.
      return lit.format != "kubernetes" && lit.format != "helm" && lit.format != "compose" &&
             lit.format != "dockerfile";
    case core::Role::kConnect:
      break;
  }
  if (lit.host && names_this_machine(*lit.host)) return true;  // "localhost:0", ("127.0.0.1", 0)
  // The local side of a connection (source_address=("", 0), LocalAddr, localPort, bindPort),
  // and an address made only to resolve a name (InetSocketAddress.createUnresolved(host, 0),
  // getaddrinfo(host, "0"), lookup): no port is meant.
  static constexpr std::string_view kLocalSideWords[] = {"local",   "source",  "src",     "bind",    "listen",
                                                         "resolve", "resolver", "unresolved", "getaddrinfo", "lookup"};
  for (const std::string& w : extract::key_words(lit.context)) {
    if (std::find(std::begin(kLocalSideWords), std::end(kLocalSideWords), w) != std::end(kLocalSideWords)) return true;
  }
  return false;
}

std::string port_label(std::uint64_t value, const std::vector<core::Transport>& transports) {
  std::string s = std::to_string(value);
  for (std::size_t i = 0; i < transports.size(); ++i) {
    s += i == 0 ? '/' : '+';
    s += core::to_string(transports[i]);
  }
  return s;
}

std::string row_summary(const std::vector<const registry::Record*>& rows) {
  if (rows.empty()) return "no registry row";
  const registry::Record& r = *rows.front();
  std::string s = r.first == r.last ? std::to_string(r.first) : std::to_string(r.first) + "-" + std::to_string(r.last);
  for (std::string_view ref : core::split(r.references, ' ')) {
    if (ref.starts_with("rfc:rfc")) s += ", RFC " + std::string(ref.substr(7));
  }
  return s;
}

const std::string& FileTexts::get(const std::string& path) {
  auto it = texts_.find(path);
  if (it != texts_.end()) return it->second;
  // Removed, unreadable or changed since the scan: nothing to judge (the check names it).
  static const scan::ScanResult kNone;
  std::optional<std::string> text = scan::read_unchanged(scan_ != nullptr ? *scan_ : kNone, path);
  return texts_.emplace(path, text ? std::move(*text) : std::string()).first->second;
}

ScalarSpan scalar_at(std::string_view text, std::uint32_t start, std::uint32_t end) {
  ScalarSpan s{start, end, 0};
  if (start > end || end > text.size()) return s;
  const std::size_t nl = start == 0 ? std::string_view::npos : text.rfind('\n', start - 1);
  const std::size_t line_begin = nl == std::string_view::npos ? 0 : nl + 1;
  std::size_t line_end = text.find('\n', end);
  if (line_end == std::string_view::npos) line_end = text.size();
  // Quoted: the nearest quote before the literal opens a scalar that closes after it.
  for (std::size_t i = start; i > line_begin; --i) {
    const char c = text[i - 1];
    if (c != '"' && c != '\'') continue;
    // An odd number of these quotes before it: this one closes an earlier scalar.
    const auto before = text.substr(line_begin, i - 1 - line_begin);
    if (std::count(before.begin(), before.end(), c) % 2 != 0) break;
    const std::size_t close = text.find(c, end);
    if (close != std::string_view::npos && close < line_end) {
      return {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(close), c};
    }
    break;
  }
  const auto stops = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' ||
           c == '"' || c == '\'';
  };
  std::size_t b = start;
  while (b > line_begin && !stops(text[b - 1])) --b;
  std::size_t e = end;
  while (e < line_end && !stops(text[e])) ++e;
  return {static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), 0};
}

std::string location(const scan::PortFinding& f) {
  return f.path + ":" + std::to_string(f.begin.line) + ":" + std::to_string(f.begin.column);
}

}  // namespace portpolicy::rules
