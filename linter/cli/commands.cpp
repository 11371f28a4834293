#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <cctype>
#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "explain/explain.h"
#include "registry/loaders.h"
#include "registry/registry.h"
#include "version.h"

namespace portpolicy::cli {

namespace {

using registry::Registry;

// The registry in force: the embedded snapshot, or the file given with --registry.
struct RegistryChoice {
  std::string path;
  std::optional<Registry> loaded;

  const Registry& get() {
    if (path.empty()) return Registry::embedded();
    if (!loaded) loaded = registry::load_registry_file(path);
    return *loaded;
  }
};

int cmd_explain(const std::vector<std::string>& queries, const std::string& format,
                RegistryChoice& reg, std::ostream& out, std::ostream& err) {
  const Registry& r = reg.get();
  std::vector<explain::Explanation> items;
  bool bad = false;
  for (const std::string& q : queries) {
    try {
      for (const explain::Target& t : explain::resolve(q, r)) items.push_back(explain::explain(t, r));
    } catch (const explain::QueryError& e) {
      err << "portpolicy explain: " << e.what() << "\n";
      bad = true;
    }
  }
  if (bad) return kExitError;
  out << (format == "json" ? explain::render_json(items, r) : explain::render_text(items, r));
  return kExitClean;
}

int cmd_registry(const std::string& format, RegistryChoice& reg, std::ostream& out) {
  const Registry& r = reg.get();
  const registry::Counts c = r.counts();
  const registry::Meta& m = r.meta();
  static constexpr registry::Kind kKinds[] = {registry::Kind::kAssigned, registry::Kind::kAlias,
                                              registry::Kind::kPrivate, registry::Kind::kReserved,
                                              registry::Kind::kUnassigned, registry::Kind::kWithdrawn};
  static constexpr registry::Status kStatuses[] = {registry::Status::kAssigned, registry::Status::kReserved,
                                                   registry::Status::kUnassigned, registry::Status::kDynamic};
  if (format == "json") {
    nlohmann::ordered_json doc;
    doc["snapshot"] = reg.path.empty() ? "embedded" : reg.path;
    doc["updated"] = m.updated;
    doc["source"] = m.source;
    doc["format"] = m.format;
    doc["sha256"] = m.sha256;
    doc["rows"] = r.records().size();
    doc["name_only_rows"] = m.name_only_rows;
    nlohmann::ordered_json kinds;
    for (auto k : kKinds) kinds[std::string(registry::to_string(k))] = c.records_by_kind[static_cast<int>(k)];
    doc["rows_by_kind"] = kinds;
    nlohmann::ordered_json ports;
    for (int t = 0; t < 4; ++t) {
      nlohmann::ordered_json s;
      for (auto st : kStatuses) s[std::string(registry::to_string(st))] = c.ports_by_status[t][static_cast<int>(st)];
      ports[std::string(core::to_string(core::kTransports[t]))] = s;
    }
    doc["ports_by_status"] = ports;
    out << doc.dump(2) << "\n";
    return kExitClean;
  }
  out << "IANA Service Name and Transport Protocol Port Number Registry\n";
  out << "  snapshot  " << (reg.path.empty() ? std::string("embedded in portpolicy ") + kVersion : reg.path) << "\n";
  out << "  updated   " << m.updated << "\n";
  out << "  source    " << m.source << " (" << m.format << ")\n";
  out << "  sha256    " << m.sha256 << "\n";
  out << "  rows      " << r.records().size() << " with a port:";
  for (auto k : kKinds) out << " " << registry::to_string(k) << " " << c.records_by_kind[static_cast<int>(k)];
  out << "\n            " << m.name_only_rows << " service names without a port\n";
  out << "  ports     status of each port 0-65535, per transport\n";
  for (int t = 0; t < 4; ++t) {
    std::string label(core::to_string(core::kTransports[t]));
    label.resize(6, ' ');
    out << "            " << label;
    for (auto st : kStatuses) {
      out << " " << registry::to_string(st) << " " << c.ports_by_status[t][static_cast<int>(st)];
    }
    out << "\n";
  }
  return kExitClean;
}

}  // namespace

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"portpolicy: finds port numbers in a tree and checks them against the IANA registry "
               "and your team's policy."};
  app.name("portpolicy");
  app.set_version_flag("--version", std::string("portpolicy ") + kVersion);
  app.require_subcommand(1);

  RegistryChoice reg;
  app.add_option("--registry", reg.path,
                 "Use this IANA registry file (XML or CSV as published) instead of the embedded snapshot")
      ->check(CLI::ExistingFile);

  std::string format = "text";
  auto* ex = app.add_subcommand("explain", "Explain ports: registry status, history, verdict, suggestion");
  std::vector<std::string> queries;
  ex->add_option("ports", queries, "Ports (80), ranges (249-255), PORT/PROTO (53/udp) or service names (ssh)")
  ;
  ex->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));
  ex->allow_extras();  // so that "-1" reaches explain, which says why it is not a port

  auto* rg = app.add_subcommand("registry", "Show the registry snapshot: date, counts per status, sha256");
  rg->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      app.exit(e, out, err);
      return kExitClean;
    }
    app.exit(e, out, err);
    return kExitError;
  }

  try {
    if (ex->parsed()) {
      std::vector<std::string> all = queries;
      for (const std::string& extra : ex->remaining()) {
        if (extra.size() > 1 && extra[0] == '-' && !std::isdigit(static_cast<unsigned char>(extra[1]))) {
          err << "portpolicy explain: unknown option " << extra << "\n";
          return kExitError;
        }
        all.push_back(extra);
      }
      if (all.empty()) {
        err << "portpolicy explain: expected at least one port, range or service name\n";
        return kExitError;
      }
      return cmd_explain(all, format, reg, out, err);
    }
    if (rg->parsed()) return cmd_registry(format, reg, out);
  } catch (const registry::RegistryError& e) {
    err << "portpolicy: error: " << e.what() << "\n";
    return kExitError;
  }
  return kExitError;
}

}  // namespace portpolicy::cli
