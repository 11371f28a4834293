// --format checkstyle: Checkstyle's XML report, as Jenkins' warnings plugin, reviewdog and
// SonarQube read it. One <file> per file with findings, one <error> per finding; suppressed
// findings are not findings and are left out.
#include <pugixml.hpp>

#include <map>
#include <sstream>

#include "report/format.h"

namespace portpolicy::report {

std::string render_checkstyle(const Output& o) {
  std::map<std::string, std::vector<const check::Diagnostic*>> by_file;
  for (const check::Diagnostic* d : reported(o.result)) {
    if (!d->suppressed) by_file[d->path].push_back(d);
  }
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("checkstyle");
  root.append_attribute("version") = "4.3";
  for (const auto& [path, diags] : by_file) {
    pugi::xml_node file = root.append_child("file");
    file.append_attribute("name") = xml_safe(path).c_str();
    for (const check::Diagnostic* d : diags) {
      pugi::xml_node e = file.append_child("error");
      e.append_attribute("line") = d->begin.line;
      e.append_attribute("column") = d->begin.column;
      e.append_attribute("severity") = std::string(core::to_string(d->severity)).c_str();
      e.append_attribute("message") = xml_safe(d->message + " [" + d->code + " " + d->rule + "]").c_str();
      e.append_attribute("source") = ("portpolicy." + d->code + "." + d->rule).c_str();
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default | pugi::format_no_declaration, pugi::encoding_utf8);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + out.str();
}

}  // namespace portpolicy::report
