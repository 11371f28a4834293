#include "registry/loaders.h"

#include <csv.h>
#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "core/text.h"

namespace portpolicy::registry {

namespace {

using core::collapse_space;

[[noreturn]] void fail(std::string_view origin, const std::string& what) {
  throw RegistryError(std::string(origin) + ": " + what);
}

// Text of an element with mixed content: <xref> children become readable references.
void append_text(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
    } else if (c.type() == pugi::node_element) {
      if (std::string_view(c.name()) == "xref") {
        std::string data = c.attribute("data").value();
        std::string type = c.attribute("type").value();
        if (type == "person") std::replace(data.begin(), data.end(), '_', ' ');
        if (type == "rfc" && core::istarts_with(data, "rfc")) data = "RFC " + data.substr(3);
        out += data;
      } else {
        append_text(c, out);
      }
    }
  }
}

std::string element_text(const pugi::xml_node& parent, const char* name) {
  std::string out;
  for (pugi::xml_node n : parent.children(name)) {
    if (!out.empty()) out += ' ';
    append_text(n, out);
  }
  return collapse_space(out);
}

// "[RFC6335][Jon_Postel]" -> "rfc:rfc6335 person:Jon_Postel"
std::string csv_references(std::string_view s) {
  std::string out;
  std::size_t pos = 0;
  while ((pos = s.find('[', pos)) != std::string_view::npos) {
    std::size_t end = s.find(']', pos);
    if (end == std::string_view::npos) break;
    std::string item = collapse_space(s.substr(pos + 1, end - pos - 1));
    pos = end + 1;
    if (item.empty()) continue;
    std::string type = "person";
    if (core::istarts_with(item, "rfc")) {
      type = "rfc";
      item = core::to_lower(item);
    } else if (core::istarts_with(item, "draft-")) {
      type = "draft";
    } else if (item.find("://") != std::string::npos) {
      type = "uri";
    }
    std::replace(item.begin(), item.end(), ' ', '_');
    if (!out.empty()) out += ' ';
    out += type + ":" + item;
  }
  return out;
}

struct CsvState {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> current;
};

void csv_field(void* data, std::size_t len, void* state) {
  auto* st = static_cast<CsvState*>(state);
  st->current.emplace_back(static_cast<const char*>(data), len);
}

void csv_row(int, void* state) {
  auto* st = static_cast<CsvState*>(state);
  st->rows.push_back(std::move(st->current));
  st->current.clear();
}

std::string read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail(path.string(), "is a directory, not a registry file");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path.string(), "cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) fail(path.string(), "read error");
  return ss.str();
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

LoadedRows parse_xml(std::string_view bytes, std::string_view origin) {
  pugi::xml_document doc;
  pugi::xml_parse_result res = doc.load_buffer(bytes.data(), bytes.size());
  if (!res) {
    fail(origin, std::string("not well-formed XML (") + res.description() + " at byte " +
                     std::to_string(res.offset) + ")");
  }
  pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "registry") {
    fail(origin, std::string("not an IANA port registry: root element is <") + root.name() +
                     ">, expected <registry>");
  }
  LoadedRows out;
  out.meta.format = "xml";
  out.meta.updated = collapse_space(root.child("updated").text().get());
  for (pugi::xml_node rec : root.children("record")) {
    RawRecord r;
    r.number = collapse_space(rec.child("number").text().get());
    r.protocol = collapse_space(rec.child("protocol").text().get());
    r.name = collapse_space(rec.child("name").text().get());
    r.description = element_text(rec, "description");
    r.note = element_text(rec, "note");
    r.registered = rec.attribute("date").value();
    r.updated = rec.attribute("updated").value();
    r.has_assignee = !rec.child("assignee").empty();
    std::string refs;
    for (pugi::xml_node x : rec.children("xref")) {
      std::string type = x.attribute("type").value();
      std::string data = collapse_space(x.attribute("data").value());
      if (type == "person") r.has_assignee = true;
      if (data.empty()) continue;
      std::replace(data.begin(), data.end(), ' ', '_');
      if (!refs.empty()) refs += ' ';
      refs += type + ":" + data;
    }
    r.references = refs;
    if (r.number.empty()) {
      ++out.meta.name_only_rows;
      continue;
    }
    out.rows.push_back(std::move(r));
  }
  if (out.rows.empty()) fail(origin, "no <record> with a port <number>: not a port registry");
  return out;
}

LoadedRows parse_csv(std::string_view bytes, std::string_view origin) {
  csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) fail(origin, "CSV parser init failed");
  CsvState st;
  std::size_t done = csv_parse(&p, bytes.data(), bytes.size(), csv_field, csv_row, &st);
  int fin = done == bytes.size() ? csv_fini(&p, csv_field, csv_row, &st) : -1;
  const int err = csv_error(&p);
  csv_free(&p);
  if (done != bytes.size() || fin != 0) {
    fail(origin, std::string("malformed CSV (") + csv_strerror(err) + ") after row " +
                     std::to_string(st.rows.size()));
  }
  if (st.rows.empty()) fail(origin, "empty CSV: no header row");
  const auto& header = st.rows.front();
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.size(); ++i) col[core::to_lower(collapse_space(header[i]))] = i;
  auto need = [&](const char* name) {
    auto it = col.find(core::to_lower(name));
    if (it == col.end()) {
      fail(origin, std::string("not an IANA registry CSV: missing column '") + name + "'");
    }
    return it->second;
  };
  auto optional_col = [&](const char* name) -> std::size_t {
    auto it = col.find(core::to_lower(name));
    return it == col.end() ? SIZE_MAX : it->second;
  };
  const std::size_t c_name = need("Service Name"), c_port = need("Port Number"),
                    c_proto = need("Transport Protocol"), c_desc = need("Description");
  const std::size_t c_assignee = optional_col("Assignee"), c_ref = optional_col("Reference"),
                    c_reg = optional_col("Registration Date"),
                    c_mod = optional_col("Modification Date"),
                    c_note = optional_col("Assignment Notes");
  LoadedRows out;
  out.meta.format = "csv";
  for (std::size_t i = 1; i < st.rows.size(); ++i) {
    const auto& row = st.rows[i];
    if (row.size() == 1 && core::trim(row[0]).empty()) continue;  // blank line
    if (row.size() != header.size()) {
      fail(origin, "row " + std::to_string(i + 1) + " has " + std::to_string(row.size()) +
                       " fields, the header has " + std::to_string(header.size()));
    }
    auto get = [&](std::size_t c) { return c == SIZE_MAX ? std::string() : collapse_space(row[c]); };
    RawRecord r;
    r.name = get(c_name);
    r.number = get(c_port);
    r.protocol = get(c_proto);
    r.description = get(c_desc);
    r.note = get(c_note);
    r.registered = get(c_reg);
    r.updated = get(c_mod);
    r.references = csv_references(get(c_ref));
    r.has_assignee = !get(c_assignee).empty() || r.references.find("person:") != std::string::npos;
    out.meta.updated = std::max({out.meta.updated, r.registered, r.updated});
    if (r.number.empty()) {
      ++out.meta.name_only_rows;
      continue;
    }
    const std::string& n = r.number;
    const auto dash = n.find('-');
    auto lo = core::parse_uint(core::trim(std::string_view(n).substr(0, dash)));
    auto hi = dash == std::string::npos ? lo : core::parse_uint(core::trim(std::string_view(n).substr(dash + 1)));
    if (!lo || !hi || *lo > *hi || *hi > kMaxPort) {
      fail(origin, "row " + std::to_string(i + 1) + ": bad port number '" + n + "'");
    }
    if (!r.protocol.empty() && !core::parse_transport(r.protocol)) {
      fail(origin, "row " + std::to_string(i + 1) + ": unknown transport '" + r.protocol + "'");
    }
    out.rows.push_back(std::move(r));
  }
  if (out.rows.empty()) fail(origin, "no rows with a port number: not a port registry");
  return out;
}

Registry load_registry_file(const std::filesystem::path& path) {
  const std::string origin = path.string();
  std::string bytes = read_file(path);
  std::string_view body = core::trim(bytes);
  if (body.empty()) fail(origin, "empty file");
  if (body.starts_with("# portpolicy port table")) return Registry::from_table(std::move(bytes), origin);
  LoadedRows loaded = body.front() == '<' ? parse_xml(bytes, origin) : parse_csv(bytes, origin);
  loaded.meta.source = path.filename().string();
  loaded.meta.sha256 = sha256_hex(bytes);
  try {
    return Registry::from_raw(loaded.rows, loaded.meta);
  } catch (const RegistryError& e) {
    fail(origin, e.what());
  }
}

}  // namespace portpolicy::registry
