#include "registry/registry.h"

#include <algorithm>
#include <string>

#include "core/text.h"
#include "registry/classify.h"

namespace portpolicy::registry {

using core::Transport;

namespace {

constexpr PortRange kRanges[] = {
    {"system", "System Ports", 0, 1023},
    {"user", "User Ports", 1024, 49151},
    {"dynamic", "Dynamic/Private Ports", 49152, 65535},
};

constexpr std::string_view kKindNames[] = {"assigned",   "alias",     "private",
                                           "reserved",   "unassigned", "withdrawn"};
constexpr std::string_view kStatusNames[] = {"assigned", "reserved", "unassigned", "dynamic",
                                             "invalid"};

// Which status wins when several rows cover one port: an assignment beats a reservation,
// which beats the Dynamic default, which beats "unassigned".
int rank(Status s) {
  switch (s) {
    case Status::kAssigned: return 0;
    case Status::kReserved: return 1;
    case Status::kDynamic: return 2;
    case Status::kUnassigned: return 3;
    case Status::kInvalid: return 4;
  }
  return 4;
}

int transport_index(Transport t) {
  switch (t) {
    case Transport::kTcp: return 0;
    case Transport::kUdp: return 1;
    case Transport::kSctp: return 2;
    case Transport::kDccp: return 3;
  }
  return 0;
}

constexpr std::size_t kFields = 9;

// Parses "80" or "249-255".
bool parse_number(std::string_view s, std::uint32_t& first, std::uint32_t& last) {
  const auto dash = s.find('-');
  auto a = core::parse_uint(core::trim(s.substr(0, dash)));
  auto b = dash == std::string_view::npos ? a : core::parse_uint(core::trim(s.substr(dash + 1)));
  if (!a || !b || *a > *b || *b > kMaxPort) return false;
  first = *a;
  last = *b;
  return true;
}

// Table fields hold no tabs or newlines: loaders fold white space, this makes sure.
std::string field(std::string_view s) {
  std::string out = core::collapse_space(s);
  return out;
}

}  // namespace

const PortRange* port_range(std::uint32_t port) {
  for (const PortRange& r : kRanges) {
    if (port >= r.first && port <= r.last) return &r;
  }
  return nullptr;
}

std::string_view to_string(Kind k) { return kKindNames[static_cast<int>(k)]; }
std::string_view to_string(Status s) { return kStatusNames[static_cast<int>(s)]; }

std::optional<Kind> parse_kind(std::string_view s) {
  for (int i = 0; i < 6; ++i) {
    if (kKindNames[i] == s) return static_cast<Kind>(i);
  }
  return std::nullopt;
}

Status status_of(Kind k) {
  switch (k) {
    case Kind::kAssigned:
    case Kind::kAlias:
    case Kind::kPrivate: return Status::kAssigned;
    case Kind::kReserved: return Status::kReserved;
    case Kind::kUnassigned:
    case Kind::kWithdrawn: return Status::kUnassigned;
  }
  return Status::kUnassigned;
}

Registry Registry::from_static_table(std::string_view text, std::string_view origin) {
  Registry reg;
  reg.text_ = text;
  reg.parse(origin);
  reg.index();
  return reg;
}

Registry Registry::from_table(std::string text, std::string_view origin) {
  Registry reg;
  reg.owned_ = std::make_shared<const std::string>(std::move(text));
  reg.text_ = *reg.owned_;
  reg.parse(origin);
  reg.index();
  return reg;
}

std::string Registry::make_table(const std::vector<RawRecord>& rows, const Meta& meta) {
  std::string out;
  out.reserve(rows.size() * 96);
  std::size_t n = 0;
  for (const RawRecord& r : rows) n += r.number.empty() ? 0 : 1;
  out += "# portpolicy port table v1: IANA Service Name and Transport Protocol Port Number Registry\n";
  out += "# source: " + field(meta.source) + "\n";
  out += "# format: " + field(meta.format) + "\n";
  out += "# updated: " + field(meta.updated) + "\n";
  out += "# sha256: " + field(meta.sha256) + "\n";
  out += "# records: " + std::to_string(n) + "\n";
  out += "# name-only: " + std::to_string(meta.name_only_rows) + "\n";
  out += "# port\ttransport\tkind\tname\tdescription\tnote\treferences\tregistered\tupdated\n";
  // Rows go out sorted by first port (stably, so IANA's order holds within a port), which
  // lets the reader skip sorting the embedded table at start-up.
  struct Row {
    std::uint32_t first, last;
    const RawRecord* raw;
  };
  std::vector<Row> sorted;
  sorted.reserve(rows.size());
  for (const RawRecord& r : rows) {
    if (r.number.empty()) continue;
    std::uint32_t first = 0, last = 0;
    if (!parse_number(r.number, first, last)) {
      throw RegistryError("bad port number '" + r.number + "' for service '" + r.name + "'");
    }
    sorted.push_back({first, last, &r});
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const Row& a, const Row& b) { return a.first < b.first; });
  for (const Row& row : sorted) {
    const RawRecord& r = *row.raw;
    const std::uint32_t first = row.first, last = row.last;
    std::string transport = "*";
    if (!core::trim(r.protocol).empty()) {
      auto t = core::parse_transport(core::trim(r.protocol));
      if (!t) throw RegistryError("unknown transport '" + r.protocol + "' at port " + r.number);
      transport = std::string(core::to_string(*t));
    }
    const Kind kind = classify(r.name, r.description, r.note, r.has_assignee);
    out += first == last ? std::to_string(first) : std::to_string(first) + "-" + std::to_string(last);
    for (const std::string& f : {transport, std::string(to_string(kind)), field(r.name),
                                 field(r.description), field(r.note), field(r.references),
                                 field(r.registered), field(r.updated)}) {
      out += '\t';
      out += f;
    }
    out += '\n';
  }
  return out;
}

Registry Registry::from_raw(const std::vector<RawRecord>& rows, Meta meta) {
  std::string table = make_table(rows, meta);
  Registry reg = from_table(std::move(table), meta.source);
  return reg;
}

void Registry::parse(std::string_view origin) {
  std::size_t pos = 0;
  std::size_t line_no = 0;
  bool saw_header = false;
  auto fail = [&](const std::string& what) {
    throw RegistryError(std::string(origin) + ":" + std::to_string(line_no) + ": " + what);
  };
  while (pos < text_.size()) {
    std::size_t end = text_.find('\n', pos);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view line = text_.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    if (line.front() == '#') {
      if (line_no == 1) saw_header = line.starts_with("# portpolicy port table v1");
      auto colon = line.find(": ");
      if (colon == std::string_view::npos) continue;
      std::string_view key = core::trim(line.substr(1, colon - 1));
      std::string value(line.substr(colon + 2));
      if (key == "source") meta_.source = value;
      else if (key == "format") meta_.format = value;
      else if (key == "updated") meta_.updated = value;
      else if (key == "sha256") meta_.sha256 = value;
      else if (key == "name-only") meta_.name_only_rows = core::parse_uint(value).value_or(0);
      else if (key == "records") records_.reserve(core::parse_uint(value).value_or(0));
      continue;
    }
    if (!saw_header) fail("not a portpolicy port table (missing '# portpolicy port table v1' header)");
    std::string_view f[kFields];
    std::size_t n = 0, start = 0;
    while (n < kFields) {
      std::size_t tab = line.find('\t', start);
      f[n++] = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (n != kFields || line.find('\t', start) != std::string_view::npos) {
      fail("expected " + std::to_string(kFields) + " tab-separated fields");
    }
    Record r;
    if (!parse_number(f[0], r.first, r.last)) fail("bad port '" + std::string(f[0]) + "'");
    if (f[1] == "*") {
      r.transports = core::kAllTransports;
    } else if (auto t = core::parse_transport(f[1])) {
      r.transports = core::bit(*t);
    } else {
      fail("bad transport '" + std::string(f[1]) + "'");
    }
    auto kind = parse_kind(f[2]);
    if (!kind) fail("bad kind '" + std::string(f[2]) + "'");
    r.kind = *kind;
    r.name = f[3];
    r.description = f[4];
    r.note = f[5];
    r.references = f[6];
    r.registered = f[7];
    r.updated = f[8];
    records_.push_back(r);
  }
  if (!saw_header) {
    line_no = 1;
    fail("not a portpolicy port table (missing '# portpolicy port table v1' header)");
  }
  if (meta_.format.empty()) meta_.format = "table";
}

void Registry::index() {
  auto by_first = [](const Record& a, const Record& b) { return a.first < b.first; };
  // Tables made by make_table are sorted already; only foreign ones pay for the sort.
  if (!std::is_sorted(records_.begin(), records_.end(), by_first)) {
    std::stable_sort(records_.begin(), records_.end(), by_first);
  }
  max_last_.resize(records_.size());
  std::uint32_t m = 0;
  for (std::size_t i = 0; i < records_.size(); ++i) {
    m = std::max(m, records_[i].last);
    max_last_[i] = m;
  }
  status_ = std::make_shared<std::array<std::vector<std::uint8_t>, 4>>();
  for (Transport t : core::kTransports) {
    auto& v = (*status_)[transport_index(t)];
    v.assign(kMaxPort + 1, static_cast<std::uint8_t>(Status::kUnassigned));
    std::fill(v.begin() + kFirstDynamicPort, v.end(), static_cast<std::uint8_t>(Status::kDynamic));
    for (const Record& r : records_) {
      if ((r.transports & core::bit(t)) == 0) continue;
      const Status s = status_of(r.kind);
      for (std::uint32_t p = r.first; p <= r.last; ++p) {
        if (rank(s) < rank(static_cast<Status>(v[p]))) v[p] = static_cast<std::uint8_t>(s);
      }
    }
  }
}

Status Registry::status(std::uint32_t port, Transport t) const {
  if (port > kMaxPort) return Status::kInvalid;
  return static_cast<Status>((*status_)[transport_index(t)][port]);
}

std::vector<const Record*> Registry::records_for(std::uint32_t port, Transport t) const {
  std::vector<const Record*> out;
  auto it = std::upper_bound(records_.begin(), records_.end(), port,
                             [](std::uint32_t p, const Record& r) { return p < r.first; });
  for (std::size_t i = static_cast<std::size_t>(it - records_.begin()); i-- > 0;) {
    if (max_last_[i] < port) break;
    if (records_[i].covers(port, t)) out.push_back(&records_[i]);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<const Record*> Registry::find_service(std::string_view name) const {
  std::vector<const Record*> out;
  for (const Record& r : records_) {
    if (!r.name.empty() && core::iequals(r.name, name)) out.push_back(&r);
  }
  return out;
}

Counts Registry::counts() const {
  Counts c;
  for (const Record& r : records_) ++c.records_by_kind[static_cast<int>(r.kind)];
  for (Transport t : core::kTransports) {
    const auto& v = (*status_)[transport_index(t)];
    for (std::uint8_t s : v) ++c.ports_by_status[transport_index(t)][s];
  }
  return c;
}

}  // namespace portpolicy::registry
