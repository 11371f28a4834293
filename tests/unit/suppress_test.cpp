#include "check/suppress.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "check/checker.h"
#include "cli/commands.h"
#include "registry/registry.h"
#include "test_util.h"

namespace portpolicy::check {
namespace {

namespace fs = std::filesystem;

CheckResult check_tree(const fs::path& root, CheckOptions opts = {}) {
  if (opts.today.empty()) opts.today = "2025-01-15";
  return run_check({root.string()}, opts, registry::Registry::embedded());
}

// "file:line code" per finding, with "/by" for suppressed ones.
std::vector<std::string> describe(const std::vector<Diagnostic>& diags, const fs::path& root) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags) {
    std::string s = fs::path(d.path).lexically_relative(root).string() + ":" + std::to_string(d.begin.line) +
                    " " + d.code;
    if (d.suppressed) s += "/" + d.suppressed_by;
    out.push_back(s);
  }
  return out;
}

const Diagnostic* find(const std::vector<Diagnostic>& diags, std::uint32_t line, const std::string& code) {
  for (const Diagnostic& d : diags) {
    if (d.begin.line == line && d.code == code) return &d;
  }
  return nullptr;
}

struct MarkerView {
  std::uint32_t line;
  std::uint32_t target;
  std::vector<std::string> rules;
  bool file_wide;
  bool valid;
};

std::vector<MarkerView> markers_of(const std::string& path, const std::string& text) {
  core::SourceFile f(path, text);
  std::vector<MarkerView> out;
  for (const IgnoreMarker& m : find_markers(f)) {
    out.push_back({m.begin.line, m.target_line, m.rules, m.file_wide, m.valid});
  }
  return out;
}

// --- comment syntax -------------------------------------------------------------------------

TEST(Suppress, YamlMarkerMustBeInAComment) {
  EXPECT_EQ(markers_of("a.yaml", "a: \"x # portpolicy: ignore\"\n").size(), 0u);  // inside a string
  EXPECT_EQ(markers_of("a.yaml", "a: x#portpolicy: ignore\n").size(), 0u);        // '#' inside a word
  EXPECT_EQ(markers_of("a.yaml", "a: portpolicy: ignore\n").size(), 0u);          // no comment at all
  const auto same = markers_of("a.yaml", "a: x # portpolicy: ignore\n");
  ASSERT_EQ(same.size(), 1u);
  EXPECT_EQ(same[0].target, 1u);
  // An apostrophe in a plain word does not open a string that would hide the comment.
  EXPECT_EQ(markers_of("a.yaml", "a: don't # portpolicy: ignore\n").size(), 1u);
}

TEST(Suppress, CStyleCommentsInCode) {
  EXPECT_EQ(markers_of("a.js", "const s = \"// portpolicy: ignore\";\n").size(), 0u);
  EXPECT_EQ(markers_of("a.js", "const s = `/* portpolicy: ignore */`;\n").size(), 0u);
  EXPECT_EQ(markers_of("a.go", "x := 1 # portpolicy: ignore\n").size(), 0u);  // '#' is no comment in Go
  const auto line = markers_of("a.go", "listen(254) // portpolicy: ignore\n");
  ASSERT_EQ(line.size(), 1u);
  EXPECT_EQ(line[0].target, 1u);
  const auto inline_block = markers_of("a.c", "/* portpolicy: ignore */ listen(254);\n");
  ASSERT_EQ(inline_block.size(), 1u);
  EXPECT_EQ(inline_block[0].target, 1u);
  // A marker inside a multi-line block comment applies below the comment.
  const auto block = markers_of("a.java", "/*\n * portpolicy: ignore[PP201]\n */\nlisten(254);\n");
  ASSERT_EQ(block.size(), 1u);
  EXPECT_EQ(block[0].line, 2u);
  EXPECT_EQ(block[0].target, 4u);
  EXPECT_EQ(block[0].rules, std::vector<std::string>{"reserved-port"});
}

TEST(Suppress, EachFormatsOwnOpeners) {
  EXPECT_EQ(markers_of("app.py", "bind(254)  # portpolicy: ignore\n").size(), 1u);
  EXPECT_EQ(markers_of("app.py", "bind(254)  // portpolicy: ignore\n").size(), 0u);
  EXPECT_EQ(markers_of("my.ini", "[s]\nport = 254 ; portpolicy: ignore\n").size(), 1u);
  EXPECT_EQ(markers_of("my.properties", "! portpolicy: ignore\nserver.port=254\n").size(), 1u);
  // .properties and systemd units have no trailing comments: the text is part of the value.
  EXPECT_EQ(markers_of("my.properties", "server.port=254 # portpolicy: ignore\n").size(), 0u);
  EXPECT_EQ(markers_of("x.socket", "[Socket]\nListenStream=254 # portpolicy: ignore\n").size(), 0u);
  EXPECT_EQ(markers_of("x.socket", "[Socket]\n; portpolicy: ignore\nListenStream=254\n").size(), 1u);
  EXPECT_EQ(markers_of("main.tf", "port = 254 // portpolicy: ignore\n").size(), 1u);
  EXPECT_EQ(markers_of("tsconfig.jsonc", "{\"port\": 254 /* portpolicy: ignore */}\n").size(), 1u);
  EXPECT_EQ(markers_of("x.php", "<?php listen(254); # portpolicy: ignore\n").size(), 1u);
  // Formats portpolicy does not read get every common opener, SQL and XML ones included.
  EXPECT_EQ(markers_of("schema.sql", "select 254; -- portpolicy: ignore\n").size(), 1u);
  const auto xml = markers_of("pom.xml", "<!-- portpolicy: ignore -->\n<port>254</port>\n");
  ASSERT_EQ(xml.size(), 1u);
  EXPECT_EQ(xml[0].target, 2u);
}

TEST(Suppress, OwnLineMarkerTargetsTheNextCodeLine) {
  // Stacked comment lines pass the marker down; a blank line stops it.
  const auto stacked =
      markers_of("c.yaml", "# portpolicy: ignore[PP201]\n# portpolicy: ignore[PP101]\na: 1\n");
  ASSERT_EQ(stacked.size(), 2u);
  EXPECT_EQ(stacked[0].target, 3u);
  EXPECT_EQ(stacked[1].target, 3u);
  const auto blank = markers_of("c.yaml", "# portpolicy: ignore\n\na: 1\n");
  ASSERT_EQ(blank.size(), 1u);
  EXPECT_EQ(blank[0].target, 2u);
  const auto last = markers_of("c.yaml", "a: 1\n# portpolicy: ignore\n");
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].target, 0u);
}

TEST(Suppress, MarkerSyntax) {
  core::SourceFile f(
      "c.yaml",
      "a: 1 # PortPolicy:ignore[ pp201 , Invalid-Port,PP201 ] until=2025-02-28 -- legacy -- agent\n");
  const auto m = find_markers(f);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].valid);
  EXPECT_EQ(m[0].rules, (std::vector<std::string>{"reserved-port", "invalid-port"}));
  EXPECT_EQ(m[0].until, "2025-02-28");
  EXPECT_EQ(m[0].reason, "legacy -- agent");
  EXPECT_EQ(m[0].begin.column, 8u);
  // An ordinary mention of the tool is not a marker.
  EXPECT_EQ(markers_of("c.yaml", "a: 1 # checked by portpolicy: see docs\n").size(), 0u);
}

TEST(Suppress, DateValidation) {
  EXPECT_TRUE(is_valid_date("2024-02-29"));
  EXPECT_FALSE(is_valid_date("2023-02-29"));
  EXPECT_FALSE(is_valid_date("2024-13-01"));
  EXPECT_FALSE(is_valid_date("2024-1-01"));
  EXPECT_FALSE(is_valid_date("tomorrow"));
  EXPECT_TRUE(is_valid_date(local_date()));
}

// --- through the checker --------------------------------------------------------------------

const char* kCompose =
    "services:\n"                                                      // 1
    "  web:\n"                                                         // 2
    "    ports:\n"                                                     // 3
    "      - \"254:254\"  # portpolicy: ignore[reserved-port]\n"       // 4
    "      # portpolicy: ignore[PP201] -- the debug agent needs it\n"  // 5
    "      - \"253:253\"\n"                                            // 6
    "      - \"252:252\"\n";                                           // 7

TEST(Suppress, SameLineAndLineBeforeInYaml) {
  test::TempDir dir;
  test::write_file(dir.path() / "compose.yaml", kCompose);
  const CheckResult r = check_tree(dir.path());
  EXPECT_EQ(describe(r.diagnostics, dir.path()),
            (std::vector<std::string>{"compose.yaml:4 PP201/inline", "compose.yaml:4 PP201/inline",
                                      "compose.yaml:6 PP201/inline", "compose.yaml:6 PP201/inline",
                                      "compose.yaml:7 PP201", "compose.yaml:7 PP201"}));
  EXPECT_EQ(find(r.diagnostics, 6, "PP201")->suppression_note, "the debug agent needs it");
  EXPECT_EQ(find(r.diagnostics, 4, "PP201")->suppression_note, "");
}

TEST(Suppress, DockerfileNginxEnvAndPython) {
  test::TempDir dir;
  test::write_file(dir.path() / "Dockerfile",
                   "FROM alpine\n# portpolicy: ignore -- health agent\nEXPOSE 254\nEXPOSE 253\n");
  test::write_file(
      dir.path() / "nginx.conf",
      "server {\n  listen 254; # portpolicy: ignore[reserved-port]\n  listen 253;\n  server_name x;\n}\n");
  test::write_file(dir.path() / ".env", "# portpolicy: ignore[PP201]\nPORT=254\nADMIN_PORT=253\n");
  test::write_file(dir.path() / "app.py",
                   "from flask import Flask\napp = Flask(__name__)\napp.run(port=254)  # portpolicy: ignore\n"
                   "app.run(port=253)\n");
  const CheckResult r = check_tree(dir.path());
  EXPECT_EQ(describe(r.diagnostics, dir.path()),
            (std::vector<std::string>{".env:2 PP201/inline", ".env:3 PP201", "Dockerfile:3 PP201/inline",
                                      "Dockerfile:4 PP201", "app.py:3 PP201/inline", "app.py:4 PP201",
                                      "nginx.conf:2 PP201/inline", "nginx.conf:3 PP201"}));
  EXPECT_EQ(r.diagnostics[2].suppression_note, "health agent");  // the Dockerfile's reason
}

TEST(Suppress, BareIgnoreSilencesEveryRuleANamedOneOnlyItsRules) {
  test::TempDir dir;
  test::write_file(dir.path() / "compose.yaml",
                   "services:\n  a:\n    ports:\n"
                   "      - \"70000:254\"  # portpolicy: ignore\n"
                   "      - \"70001:253\"  # portpolicy: ignore[Reserved-Port]\n"
                   "      - \"70002:252\"  # portpolicy: ignore[pp101, pp201]\n");
  const CheckResult r = check_tree(dir.path());
  EXPECT_EQ(describe(r.diagnostics, dir.path()),
            (std::vector<std::string>{"compose.yaml:4 PP101/inline", "compose.yaml:4 PP201/inline",
                                      "compose.yaml:5 PP101", "compose.yaml:5 PP201/inline",
                                      "compose.yaml:6 PP101/inline", "compose.yaml:6 PP201/inline"}));
}

TEST(Suppress, IgnoreFile) {
  test::TempDir dir;
  test::write_file(dir.path() / "a/compose.yaml",
                   "# rendered from the chart\n# portpolicy: ignore-file -- generated from the chart\n"
                   "services:\n  a:\n    ports:\n      - \"70000:254\"\n");
  test::write_file(
      dir.path() / "b/compose.yaml",
      "# portpolicy: ignore-file[invalid-port]\nservices:\n  a:\n    ports:\n      - \"70000:254\"\n");
  std::string late = "services:\n  a:\n    ports:\n      - \"254:254\"\n";
  for (int i = 0; i < 8; ++i) late += "# filler\n";
  late += "# portpolicy: ignore-file\n";  // line 13: too far down
  test::write_file(dir.path() / "c/compose.yaml", late);
  const CheckResult r = check_tree(dir.path());
  EXPECT_EQ(describe(r.diagnostics, dir.path()),
            (std::vector<std::string>{"a/compose.yaml:6 PP101/file", "a/compose.yaml:6 PP201/file",
                                      "b/compose.yaml:5 PP101/file", "b/compose.yaml:5 PP201",
                                      "c/compose.yaml:4 PP201", "c/compose.yaml:4 PP201",
                                      "c/compose.yaml:13 PP900"}));
  EXPECT_EQ(r.diagnostics[0].suppression_note, "generated from the chart");
  EXPECT_NE(r.diagnostics.back().message.find("first 10 lines"), std::string::npos);
}

TEST(Suppress, ExpiryBeforeAndAfterToday) {
  test::TempDir dir;
  test::write_file(
      dir.path() / "compose.yaml",
      "services:\n  a:\n    ports:\n"
      "      - \"254:8080\"  # portpolicy: ignore[reserved-port] until=2025-06-30 -- migrating\n");
  CheckOptions on_the_day;
  on_the_day.today = "2025-06-30";
  const CheckResult before = check_tree(dir.path(), on_the_day);
  ASSERT_EQ(before.diagnostics.size(), 1u);
  EXPECT_TRUE(before.diagnostics[0].suppressed);
  EXPECT_EQ(before.diagnostics[0].suppression_note, "migrating");

  CheckOptions next_day;
  next_day.today = "2025-07-01";
  next_day.report_unused_ignores = true;
  const CheckResult after = check_tree(dir.path(), next_day);
  ASSERT_EQ(after.diagnostics.size(), 1u);
  const Diagnostic& d = after.diagnostics[0];
  EXPECT_FALSE(d.suppressed);
  EXPECT_NE(d.message.find("the suppression on line 4 expired on 2025-06-30"), std::string::npos)
      << d.message;
  EXPECT_EQ(d.suppression_note, "suppression expired on 2025-06-30");
  EXPECT_TRUE(after.unused_ignores.empty());  // it matched: the expiry is said on the finding
}

TEST(Suppress, InvalidIgnoresAreFindings) {
  test::TempDir dir;
  test::write_file(dir.path() / "compose.yaml",
                   "services:\n  a:\n    ports:\n"
                   "      - \"254:8080\"  # portpolicy: ignore[reserved-prot]\n"
                   "      - \"253:8080\"  # portpolicy: ignore[nonsense, PP201]\n"
                   "      - \"252:8080\"  # portpolicy: ignore until=2025-02-30\n"
                   "      - \"251:8080\"  # portpolicy: ignore legacy agent\n");
  const CheckResult r = check_tree(dir.path());
  EXPECT_EQ(
      describe(r.diagnostics, dir.path()),
      (std::vector<std::string>{"compose.yaml:4 PP201", "compose.yaml:4 PP900", "compose.yaml:5 PP201/inline",
                                "compose.yaml:5 PP900", "compose.yaml:6 PP201", "compose.yaml:6 PP900",
                                "compose.yaml:7 PP201", "compose.yaml:7 PP900"}));
  const Diagnostic* typo = find(r.diagnostics, 4, "PP900");
  EXPECT_EQ(typo->rule, "invalid-ignore");
  EXPECT_EQ(typo->severity, core::Severity::kWarning);
  EXPECT_EQ(typo->message,
            "unknown rule 'reserved-prot' in an ignore comment; did you mean 'reserved-port'?");
  EXPECT_EQ(typo->begin.column, 23u);  // at "portpolicy"
  EXPECT_NE(find(r.diagnostics, 5, "PP900")->message.find("'nonsense'"), std::string::npos);
  EXPECT_NE(find(r.diagnostics, 6, "PP900")->message.find("until=2025-02-30"), std::string::npos);
  EXPECT_NE(find(r.diagnostics, 7, "PP900")->message.find("'legacy agent'"), std::string::npos);
}

TEST(Suppress, UnusedIgnoresOnlyWhenAsked) {
  test::TempDir dir;
  test::write_file(dir.path() / "compose.yaml",
                   "services:\n  a:\n    ports:\n"
                   "      - \"254:8080\"  # portpolicy: ignore[reserved-port, invalid-port]\n"
                   "      - \"51234:8080\"  # portpolicy: ignore\n");
  // A file without a single port: its ignore-file silences nothing.
  test::write_file(dir.path() / "other.yaml", "# portpolicy: ignore-file\nname: x\n");
  const CheckResult quiet = check_tree(dir.path());
  EXPECT_TRUE(quiet.unused_ignores.empty());

  CheckOptions opts;
  opts.report_unused_ignores = true;
  const CheckResult r = check_tree(dir.path(), opts);
  EXPECT_EQ(describe(r.unused_ignores, dir.path()),
            (std::vector<std::string>{"compose.yaml:4 PP901", "compose.yaml:5 PP901", "other.yaml:1 PP901"}));
  EXPECT_EQ(r.unused_ignores[0].message, "ignore[invalid-port] silences nothing on line 4");
  EXPECT_EQ(r.unused_ignores[0].rule, "unused-ignore");
  EXPECT_EQ(r.unused_ignores[0].severity, core::Severity::kInfo);
  EXPECT_EQ(r.unused_ignores[1].message, "ignore comment silences nothing on line 5");
  EXPECT_EQ(r.unused_ignores[2].message, "ignore-file silences nothing in this file");
}

TEST(Suppress, NoInlineIgnoresDisregardsEveryMarker) {
  test::TempDir dir;
  test::write_file(dir.path() / "compose.yaml", std::string("# portpolicy: ignore-file[bogus]\n") + kCompose);
  CheckOptions opts;
  opts.inline_ignores = false;
  opts.report_unused_ignores = true;
  const CheckResult r = check_tree(dir.path(), opts);
  ASSERT_EQ(r.diagnostics.size(), 6u);
  for (const Diagnostic& d : r.diagnostics) {
    EXPECT_FALSE(d.suppressed);
    EXPECT_EQ(d.code, "PP201");
  }
  EXPECT_TRUE(r.unused_ignores.empty());
}

// --- command line ---------------------------------------------------------------------------

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "portpolicy");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out, err;
  const int code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

TEST(SuppressCli, ExitCodesShowSuppressedAndJson) {
  test::TempDir dir;
  const std::string root = dir.path().string();
  test::write_file(dir.path() / "compose.yaml",
                   "services:\n  a:\n    ports:\n"
                   "      - \"254:8080\"  # portpolicy: ignore[reserved-port] -- vendor appliance\n"
                   "      - \"51234:8080\"  # portpolicy: ignore\n");
  // Everything silenced: clean, and the unused ignore is info, below the default threshold.
  EXPECT_EQ(run_cli({"check", root}).code, cli::kExitClean);
  const CliRun unused = run_cli({"check", "--report-unused-ignores", root});
  EXPECT_EQ(unused.code, cli::kExitClean);
  EXPECT_NE(unused.out.find("compose.yaml:5:25: info: ignore comment silences nothing on line 5"),
            std::string::npos)
      << unused.out;
  EXPECT_EQ(run_cli({"check", "--report-unused-ignores", "--fail-on", "info", root}).code,
            cli::kExitFindings);
  EXPECT_EQ(run_cli({"check", "--fail-on", "info", root}).code, cli::kExitClean);
  EXPECT_EQ(run_cli({"check", "--no-inline-ignores", root}).code, cli::kExitFindings);

  const CliRun shown = run_cli({"check", "--show-suppressed", root});
  EXPECT_NE(shown.out.find("(suppressed: inline -- vendor appliance)"), std::string::npos) << shown.out;
  EXPECT_EQ(run_cli({"check", root}).out.find("suppressed: inline"), std::string::npos);

  const CliRun json = run_cli({"check", "--format", "json", root});
  const auto doc = nlohmann::json::parse(json.out);
  ASSERT_EQ(doc["findings"].size(), 1u);
  EXPECT_EQ(doc["findings"][0]["suppressed_by"], "inline");
  EXPECT_EQ(doc["findings"][0]["suppression_note"], "vendor appliance");
  EXPECT_EQ(doc["summary"]["suppressed"], 1);
}

TEST(SuppressCli, InvalidIgnoreFailsTheRunAndIsDocumented) {
  test::TempDir dir;
  test::write_file(dir.path() / "compose.yaml",
                   "services:\n  a:\n    ports:\n      - \"51234:8080\"  # portpolicy: ignore[PP2O1]\n");
  const CliRun r = run_cli({"check", dir.path().string()});
  EXPECT_EQ(r.code, cli::kExitFindings);
  EXPECT_NE(
      r.out.find(
          "warning: unknown rule 'PP2O1' in an ignore comment; did you mean 'PP201'? [PP900 invalid-ignore]"),
      std::string::npos)
      << r.out;
  const CliRun doc = run_cli({"rule", "invalid-ignore"});
  EXPECT_EQ(doc.code, cli::kExitClean);
  EXPECT_NE(doc.out.find("# PP900 invalid-ignore"), std::string::npos);
  EXPECT_NE(doc.out.find("## Use instead"), std::string::npos);
  EXPECT_EQ(run_cli({"rule", "pp901"}).code, cli::kExitClean);
  const CliRun list = run_cli({"rules"});
  EXPECT_NE(list.out.find("PP900  invalid-ignore"), std::string::npos);
  EXPECT_NE(list.out.find("PP901  unused-ignore"), std::string::npos);
}

TEST(SuppressCli, ToolRuleDocsHaveEveryHeading) {
  for (const rules::RuleInfo* info : tool_rules()) {
    for (const char* h : {"## What it does", "## Why is this bad?", "## Example", "## Use instead",
                          "## Options", "## References"}) {
      EXPECT_NE(info->doc.find(h), std::string_view::npos) << info->code << " lacks " << h;
    }
  }
}

TEST(SuppressCli, ToolRuleExamplesBehaveAsDocumented) {
  // Each doc's Example block must fire its rule; its Use instead block must stay silent.
  auto block_after = [](std::string_view doc, std::string_view heading) {
    const auto h = doc.find(heading);
    const auto open = doc.find("```yaml\n", h);
    const auto close = doc.find("```", open + 8);
    return std::string(doc.substr(open + 8, close - open - 8));
  };
  for (const rules::RuleInfo* info : tool_rules()) {
    for (bool example : {true, false}) {
      test::TempDir dir;
      test::write_file(dir.path() / std::string(info->example_path),
                       block_after(info->doc, example ? "## Example" : "## Use instead"));
      CheckOptions opts;
      opts.report_unused_ignores = true;
      const CheckResult r = check_tree(dir.path(), opts);
      std::size_t n = 0;
      for (const auto* list : {&r.diagnostics, &r.unused_ignores}) {
        for (const Diagnostic& d : *list) n += d.code == info->code ? 1 : 0;
      }
      EXPECT_EQ(n, example ? 1u : 0u) << info->code << (example ? " Example" : " Use instead");
    }
  }
}

}  // namespace
}  // namespace portpolicy::check
