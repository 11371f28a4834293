// --format junit: JUnit XML as CI servers read test reports (Jenkins, GitLab, Azure
// DevOps). A test suite per file with findings, a failing test case per finding; a
// suppressed finding is a skipped test case. A run without findings is one passing case.
#include <fmt/format.h>
#include <pugixml.hpp>

#include <map>
#include <sstream>

#include "core/text.h"
#include "report/format.h"

namespace portpolicy::report {

std::string render_junit(const Output& o) {
  const check::CheckResult& r = o.result;
  std::map<std::string, std::vector<const check::Diagnostic*>> by_file;
  for (const check::Diagnostic* d : reported(r)) by_file[d->path].push_back(d);

  pugi::xml_document doc;
  pugi::xml_node suites = doc.append_child("testsuites");
  suites.append_attribute("name") = "portpolicy";
  std::size_t tests = 0, failures = 0, skipped = 0;
  for (const auto& [path, diags] : by_file) {
    pugi::xml_node suite = suites.append_child("testsuite");
    suite.append_attribute("name") = xml_safe(path).c_str();
    std::size_t f = 0, s = 0;
    for (const check::Diagnostic* d : diags) {
      pugi::xml_node tc = suite.append_child("testcase");
      const std::string name = d->file_level ? fmt::format("{} {} at {}:{}", d->code, d->rule, d->begin.line, d->begin.column)
                                             : fmt::format("{} {}: port {} at {}:{}", d->code, d->rule, d->value,
                                                           d->begin.line, d->begin.column);
      tc.append_attribute("name") = xml_safe(name).c_str();
      tc.append_attribute("classname") = xml_safe(path).c_str();
      tc.append_attribute("file") = xml_safe(path).c_str();
      tc.append_attribute("line") = d->begin.line;
      if (d->suppressed) {
        ++s;
        std::string why = "suppressed: " + d->suppressed_by;
        if (!d->suppression_note.empty()) why += " -- " + d->suppression_note;
        tc.append_child("skipped").append_attribute("message") = xml_safe(why).c_str();
        continue;
      }
      ++f;
      pugi::xml_node failure = tc.append_child("failure");
      failure.append_attribute("message") = xml_safe(d->message).c_str();
      failure.append_attribute("type") = (d->code + " " + d->rule).c_str();
      failure.text() = xml_safe(headline(*d)).c_str();
    }
    suite.append_attribute("tests") = diags.size();
    suite.append_attribute("failures") = f;
    suite.append_attribute("errors") = 0;
    suite.append_attribute("skipped") = s;
    tests += diags.size();
    failures += f;
    skipped += s;
  }
  if (by_file.empty()) {
    pugi::xml_node suite = suites.append_child("testsuite");
    suite.append_attribute("name") = "portpolicy";
    suite.append_attribute("tests") = 1;
    suite.append_attribute("failures") = 0;
    suite.append_attribute("errors") = 0;
    suite.append_attribute("skipped") = 0;
    pugi::xml_node tc = suite.append_child("testcase");
    tc.append_attribute("name") = fmt::format("no findings in {} files", r.scan.files_scanned).c_str();
    tc.append_attribute("classname") = "portpolicy";
    tests = 1;
  }
  suites.append_attribute("tests") = tests;
  suites.append_attribute("failures") = failures;
  suites.append_attribute("errors") = 0;
  suites.append_attribute("skipped") = skipped;
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default | pugi::format_no_declaration, pugi::encoding_utf8);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + out.str();
}

}  // namespace portpolicy::report
