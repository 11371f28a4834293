#include "explain/explain.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "core/text.h"
#include "registry/suggest.h"

namespace portpolicy::explain {

using core::Transport;
using registry::Kind;
using registry::Record;
using registry::Registry;
using registry::Status;

namespace {

constexpr std::uint32_t kPortSpaceTop = 65535;

std::string port_text(const Record& r) {
  return r.first == r.last ? std::to_string(r.first)
                           : std::to_string(r.first) + "-" + std::to_string(r.last);
}

// "rfc:rfc1060 person:Jon_Postel" -> ["RFC 1060", "Jon Postel"]
std::vector<std::pair<std::string, std::string>> references(std::string_view refs) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string_view item : core::split(refs, ' ')) {
    if (item.empty()) continue;
    auto colon = item.find(':');
    std::string type(colon == std::string_view::npos ? "text" : item.substr(0, colon));
    std::string data(colon == std::string_view::npos ? item : item.substr(colon + 1));
    out.emplace_back(type, data);
  }
  return out;
}

std::string readable_reference(const std::string& type, const std::string& data) {
  if (type == "rfc" && core::istarts_with(data, "rfc")) return "RFC " + data.substr(3);
  std::string s = data;
  if (type == "person") std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

std::string rfc_list(const Record& r) {
  std::string out;
  for (auto& [type, data] : references(r.references)) {
    if (type != "rfc") continue;
    if (!out.empty()) out += ", ";
    out += readable_reference(type, data);
  }
  return out;
}

const char* range_meaning(std::string_view name) {
  if (name == "system") {
    return "assigned by IANA only through IETF Review or IESG Approval (RFC 6335); "
           "do not deploy on one before it is assigned";
  }
  if (name == "user") {
    return "assigned by IANA through IETF Review, IESG Approval or Expert Review (RFC 6335)";
  }
  return "never assigned by IANA: free for private and ephemeral use (RFC 6335)";
}

std::uint32_t parse_port_or_throw(std::string_view s, std::string_view query) {
  if (s.empty()) throw QueryError(std::string(query) + ": missing port number");
  if (s.front() == '-') {
    throw QueryError(std::string(query) + ": not a port: port numbers are 0-65535, never negative");
  }
  auto v = core::parse_uint(s);
  if (!v) {
    if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return kPortSpaceTop + 1;  // a huge number: explained as outside the port space
    }
    throw QueryError(std::string(query) + ": not a port number");
  }
  return *v;
}

// Rows that say the same thing (IANA repeats a row per transport).
bool same_rows(const std::vector<const Record*>& a, const std::vector<const Record*>& b) {
  auto key = [](const Record* r) {
    return std::tie(r->first, r->last, r->kind, r->name, r->description, r->note, r->references,
                    r->registered, r->updated);
  };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](const Record* x, const Record* y) { return key(x) == key(y); });
}

// Long notes (some run to a page) are cut in text output; JSON keeps them whole.
std::string shorten(std::string_view s) {
  constexpr std::size_t kMax = 200;
  if (s.size() <= kMax) return std::string(s);
  std::size_t cut = s.rfind(' ', kMax);
  if (cut == std::string_view::npos || cut < kMax / 2) cut = kMax;
  return std::string(s.substr(0, cut)) + " [...]";
}

bool looks_numeric(std::string_view s) {
  return !s.empty() && (std::isdigit(static_cast<unsigned char>(s.front())) || s.front() == '-');
}

}  // namespace

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::kFine: return "fine";
    case Verdict::kUnassignedSystem: return "unassigned-system-port";
    case Verdict::kReserved: return "reserved";
    case Verdict::kInvalid: return "invalid";
  }
  return "?";
}

std::vector<Target> resolve(std::string_view query, const Registry& reg) {
  const std::string q(query);
  std::string_view body = core::trim(query);
  if (body.empty()) throw QueryError("empty argument: expected a port, range or service name");
  std::optional<Transport> transport;
  if (auto slash = body.rfind('/'); slash != std::string_view::npos) {
    std::string_view proto = body.substr(slash + 1);
    transport = core::parse_transport(proto);
    if (!transport) {
      throw QueryError(q + ": unknown transport '" + std::string(proto) +
                       "' (expected tcp, udp, sctp or dccp)");
    }
    body = body.substr(0, slash);
  }
  std::vector<Target> out;
  if (looks_numeric(body)) {
    auto dash = body.find('-', 1);
    std::uint32_t first = 0, last = 0;
    if (dash == std::string_view::npos) {
      first = last = parse_port_or_throw(body, q);
    } else {
      first = parse_port_or_throw(body.substr(0, dash), q);
      last = parse_port_or_throw(body.substr(dash + 1), q);
      if (first > last) {
        throw QueryError(q + ": range runs backwards (" + std::to_string(first) + " > " +
                         std::to_string(last) + ")");
      }
      if (last - first + 1 > kMaxRangePorts) {
        throw QueryError(q + ": range too large (at most " + std::to_string(kMaxRangePorts) +
                         " ports at once)");
      }
    }
    for (std::uint64_t p = first; p <= last; ++p) {
      out.push_back({q, static_cast<std::uint32_t>(p), transport});
    }
    return out;
  }
  std::set<std::uint32_t> ports;
  for (const Record* r : reg.find_service(body)) {
    if (transport && (r->transports & core::bit(*transport)) == 0) continue;
    for (std::uint32_t p = r->first; p <= r->last && ports.size() < kMaxRangePorts; ++p) ports.insert(p);
  }
  if (ports.empty()) {
    throw QueryError(q + ": not a port number, a range, or a service name the registry knows");
  }
  for (std::uint32_t p : ports) out.push_back({q, p, transport});
  return out;
}

Explanation explain(const Target& target, const Registry& reg) {
  Explanation e;
  e.target = target;
  e.range = registry::port_range(target.port);
  if (!e.range) {
    e.verdict = Verdict::kInvalid;
    e.reason = std::to_string(target.port) + " is outside the port space 0-65535: no transport can carry it";
  } else {
    for (Transport t : core::kTransports) {
      if (target.transport && *target.transport != t) continue;
      e.transports.push_back({t, reg.status(target.port, t), reg.records_for(target.port, t)});
    }
    // Without an explicit transport, the verdict weighs tcp and udp: a bare port number in
    // a config file or program almost always means one of them. sctp and dccp are shown.
    if (target.transport) {
      e.judged = {*target.transport};
    } else {
      e.judged = {Transport::kTcp, Transport::kUdp};
    }
    const bool system = e.range->name == "system";
    std::string label = std::to_string(target.port);
    if (target.transport) label += "/" + std::string(core::to_string(*target.transport));
    for (const TransportFacts& f : e.transports) {
      if (std::find(e.judged.begin(), e.judged.end(), f.transport) == e.judged.end()) continue;
      Verdict v = Verdict::kFine;
      if (f.status == Status::kReserved) v = Verdict::kReserved;
      else if (f.status == Status::kUnassigned && system) v = Verdict::kUnassignedSystem;
      e.verdict = std::max(e.verdict, v);
    }
    // As in check: a bare port that a service holds over tcp or udp means that service.
    if (!target.transport) {
      for (const TransportFacts& f : e.transports) {
        const bool judged = std::find(e.judged.begin(), e.judged.end(), f.transport) != e.judged.end();
        if (judged && f.status == Status::kAssigned) e.verdict = Verdict::kFine;
      }
    }
    std::string which;
    int which_count = 0;
    for (const TransportFacts& f : e.transports) {
      if (std::find(e.judged.begin(), e.judged.end(), f.transport) == e.judged.end()) continue;
      const bool counts = (e.verdict == Verdict::kReserved && f.status == Status::kReserved) ||
                          (e.verdict == Verdict::kUnassignedSystem && f.status == Status::kUnassigned);
      if (!counts) continue;
      if (!which.empty()) which += " and ";
      ++which_count;
      which += std::to_string(target.port) + "/" + std::string(core::to_string(f.transport));
    }
    const TransportFacts* first = nullptr;
    for (const TransportFacts& f : e.transports) {
      if (std::find(e.judged.begin(), e.judged.end(), f.transport) != e.judged.end()) {
        first = &f;
        break;
      }
    }
    std::string rows;
    if (first && !first->records.empty()) {
      const Record* r = first->records.front();
      rows = " (row " + port_text(*r);
      std::string rfcs = rfc_list(*r);
      if (!rfcs.empty()) rows += ", " + rfcs;
      rows += ")";
    }
    switch (e.verdict) {
      case Verdict::kReserved:
        e.reason = which + (which_count > 1 ? " are" : " is") + " reserved by IANA" + rows +
                   ": the port is held back and must not be deployed on";
        break;
      case Verdict::kUnassignedSystem:
        e.reason = which + (which_count > 1 ? " are unassigned System ports" : " is an unassigned System port") + rows +
                   ": RFC 6335 says not to deploy on a System port before IANA assigns it";
        break;
      case Verdict::kFine:
        if (e.range->name == "dynamic") {
          e.reason = label + " is in the Dynamic/Private range: free for private use";
        } else {
          std::set<std::string> names;
          for (const TransportFacts& f : e.transports) {
            if (std::find(e.judged.begin(), e.judged.end(), f.transport) == e.judged.end()) continue;
            for (const Record* r : f.records) {
              if (registry::status_of(r->kind) != Status::kAssigned) continue;
              names.insert(r->name.empty() ? "\"" + std::string(r->description) + "\"" : std::string(r->name));
            }
          }
          if (!names.empty()) {
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
            e.reason = label + " is assigned by IANA (" + list +
                       "): fine where that is the service you run";
          } else {
            e.reason = label + " is an unassigned User port: usable, but IANA may assign it to another service later";
          }
        }
        break;
      case Verdict::kInvalid: break;
    }
  }
  if (e.verdict != Verdict::kFine) {
    e.suggestion = registry::suggest_port(target.port, registry::SuggestionRange{});
  }
  return e;
}

std::string render_text(const std::vector<Explanation>& items, const Registry& reg) {
  std::string out;
  for (const Explanation& e : items) {
    if (!out.empty()) out += '\n';
    std::string head = std::to_string(e.target.port);
    if (e.target.transport) head += "/" + std::string(core::to_string(*e.target.transport));
    out += head + "  " + std::string(to_string(e.verdict)) + "\n";
    if (!e.range) {
      out += "  range    none: outside 0-65535\n";
    } else {
      out += "  range    " + std::string(e.range->title) + " (" + std::to_string(e.range->first) + "-" +
             std::to_string(e.range->last) + "): " + range_meaning(e.range->name) + "\n";
    }
    // Transports that the same rows cover with the same status print as one block.
    std::vector<bool> done(e.transports.size(), false);
    for (std::size_t i = 0; i < e.transports.size(); ++i) {
      if (done[i]) continue;
      const TransportFacts& f = e.transports[i];
      std::string label(core::to_string(f.transport));
      for (std::size_t j = i + 1; j < e.transports.size(); ++j) {
        if (!done[j] && e.transports[j].status == f.status && same_rows(e.transports[j].records, f.records)) {
          done[j] = true;
          label += ", " + std::string(core::to_string(e.transports[j].transport));
        }
      }
      out += "  " + label + ": " + std::string(registry::to_string(f.status));
      if (f.records.empty()) {
        out += f.status == Status::kDynamic ? "\n" : " (no registry row covers it)\n";
        continue;
      }
      out += "\n";
      for (const Record* r : f.records) {
        out += "             " + port_text(*r) + "  ";
        out += r->name.empty() ? std::string("(no service name)") : std::string(r->name);
        out += ": " + std::string(r->description);
        if (r->kind == Kind::kAlias) out += " [alias]";
        if (r->kind == Kind::kWithdrawn) out += " [withdrawn]";
        if (r->kind == Kind::kPrivate) out += " [private use]";
        out += "\n";
        if (!r->note.empty()) out += "               note: " + shorten(r->note) + "\n";
        std::string refs;
        for (auto& [type, data] : references(r->references)) {
          refs += (refs.empty() ? "" : ", ") + readable_reference(type, data);
        }
        if (!refs.empty()) out += "               references: " + refs + "\n";
        std::string dates;
        if (!r->registered.empty()) dates += "registered " + std::string(r->registered);
        if (!r->updated.empty()) dates += (dates.empty() ? "" : ", ") + std::string("updated ") + std::string(r->updated);
        if (!dates.empty()) out += "               " + dates + "\n";
      }
    }
    out += "  verdict  " + std::string(to_string(e.verdict)) + ": " + e.reason + "\n";
    if (e.suggestion) {
      out += "  suggest  use a port in the Dynamic/Private range 49152-65535, e.g. " +
             std::to_string(*e.suggestion) + "\n";
    }
  }
  out += "\nregistry: IANA Service Name and Transport Protocol Port Number Registry, updated " +
         reg.meta().updated + "\n";
  return out;
}

std::string render_json(const std::vector<Explanation>& items, const Registry& reg) {
  using nlohmann::ordered_json;
  auto opt = [](std::string_view s) { return s.empty() ? ordered_json(nullptr) : ordered_json(std::string(s)); };
  ordered_json ports = ordered_json::array();
  for (const Explanation& e : items) {
    ordered_json p;
    p["query"] = e.target.query;
    p["port"] = e.target.port;
    p["transport"] = e.target.transport ? ordered_json(std::string(core::to_string(*e.target.transport))) : ordered_json(nullptr);
    if (e.range) {
      p["range"] = {{"name", e.range->name}, {"first", e.range->first}, {"last", e.range->last}};
    } else {
      p["range"] = nullptr;
    }
    p["verdict"] = to_string(e.verdict);
    ordered_json judged = ordered_json::array();
    for (Transport t : e.judged) judged.push_back(core::to_string(t));
    p["judged_transports"] = judged;
    p["reason"] = e.reason;
    p["suggestion"] = e.suggestion ? ordered_json(*e.suggestion) : ordered_json(nullptr);
    ordered_json ts = ordered_json::array();
    for (const TransportFacts& f : e.transports) {
      ordered_json recs = ordered_json::array();
      for (const Record* r : f.records) {
        ordered_json refs = ordered_json::array();
        for (auto& [type, data] : references(r->references)) refs.push_back({{"type", type}, {"id", data}});
        recs.push_back({{"first", r->first},
                        {"last", r->last},
                        {"transport", r->transports == core::kAllTransports
                                          ? ordered_json(nullptr)
                                          : ordered_json(std::string(core::to_string(f.transport)))},
                        {"kind", registry::to_string(r->kind)},
                        {"name", opt(r->name)},
                        {"description", r->description},
                        {"note", opt(r->note)},
                        {"references", refs},
                        {"registered", opt(r->registered)},
                        {"updated", opt(r->updated)}});
      }
      ts.push_back({{"transport", core::to_string(f.transport)},
                    {"status", registry::to_string(f.status)},
                    {"records", recs}});
    }
    p["transports"] = ts;
    ports.push_back(p);
  }
  ordered_json doc;
  doc["registry"] = {{"updated", reg.meta().updated}, {"source", reg.meta().source}, {"sha256", reg.meta().sha256}};
  doc["ports"] = ports;
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace portpolicy::explain
