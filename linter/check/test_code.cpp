#include "check/test_code.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "config/config.h"
#include "core/text.h"

namespace portpolicy::check {

namespace {

// Folder names that hold tests, their data and their helpers, in every ecosystem.
constexpr std::string_view kTestFolders[] = {
    "test",       "tests",       "testing",     "testdata",    "test-data",    "test_data",
    "testfixtures", "fixtures",  "fixture",     "__tests__",   "__mocks__",    "__fixtures__",
    "__snapshots__", "spec",     "specs",       "e2e",         "testsuite",    "test-suite",
    "testutil",   "testutils",   "test-utils",  "test_utils",  "testhelpers",  "test-helpers",
    "test_helpers", "testhelper", "mocks",      "mock",        "fakes",        "unittests",
    "unit_tests", "unit-tests",  "unittest",    "integration-tests", "integration_tests",
    "integrationtests", "integrationTest", "integrationTests", "testFixtures", "androidTest",
    "functionalTest", "acceptance-tests", "cypress",    "playwright-tests"};

// English words that end in "test" and name no test-helper package.
constexpr std::string_view kWordsEndingInTest[] = {
    "latest",   "contest",  "protest",  "attest",    "detest",   "greatest", "shortest", "fastest",
    "smartest", "hottest",  "quietest", "brightest", "lightest", "softest",  "tightest", "strictest"};

// Extensions of languages whose test classes are named in CamelCase (FooTest, FooTests, FooIT).
constexpr std::string_view kClassLanguages[] = {".java", ".kt", ".kts", ".scala", ".groovy", ".cs",
                                                ".php",  ".swift", ".fs", ".vb"};

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(), [&](std::string_view x) { return s.ends_with(x); });
}

std::optional<std::string> file_convention(std::string_view name) {
  const std::size_t last_dot = name.rfind('.');
  const std::string_view ext = last_dot == std::string_view::npos || last_dot == 0 ? std::string_view{}
                                                                                    : name.substr(last_dot);
  // The name before its last extension: "docker-compose.test" of docker-compose.test.yml.
  const std::string_view stem = ext.empty() ? name : name.substr(0, last_dot);
  if (name == "conftest.py" || name == "tests.py") return "file name " + std::string(name);
  if (ext == ".bats") return std::string("file name *.bats");
  if (stem.starts_with("test_") || stem.starts_with("test-")) return "file name test_*" + std::string(ext);
  for (std::string_view suffix : {"_test", ".test", "-test", "_tests", "_spec", ".spec", "-spec", "_unittest",
                                  ".e2e", "-e2e", ".cy"}) {
    if (stem.size() > suffix.size() && core::to_lower(stem).ends_with(suffix)) {
      return "file name *" + std::string(suffix) + std::string(ext);
    }
  }
  if (std::find(std::begin(kClassLanguages), std::end(kClassLanguages), ext) != std::end(kClassLanguages)) {
    for (std::string_view suffix : {"Test", "Tests", "TestCase", "IT", "Spec", "Specs"}) {
      if (suffix == "IT" && ext != ".java" && ext != ".kt" && ext != ".groovy") continue;
      if (stem.size() > suffix.size() && stem.ends_with(suffix)) {
        return "file name *" + std::string(suffix) + std::string(ext);
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> folder_convention(std::string_view folder, std::string_view previous,
                                             std::string_view file_ext) {
  for (std::string_view t : kTestFolders) {
    if (folder == t) return "folder " + std::string(folder) + "/";
  }
  // Maven's and Gradle's src/it (integration tests).
  if (folder == "it" && previous == "src") return std::string("folder src/it/");
  // .NET test projects: MyApp.Tests/, MyApp.UnitTests/, MyApp.IntegrationTests/
  const std::string lower = core::to_lower(folder);
  if (ends_with_any(lower, {".tests", ".test", ".unittests", ".integrationtests", ".specs"})) {
    return "folder *" + std::string(folder.substr(folder.rfind('.'))) + "/";
  }
  // Go names its test-helper packages for what they help test: httptest, iotest, grpctest.
  if (file_ext == ".go" && lower.size() > 4 && ends_with_any(lower, {"test", "testing", "testutil"}) &&
      std::find(std::begin(kWordsEndingInTest), std::end(kWordsEndingInTest), lower) ==
          std::end(kWordsEndingInTest)) {
    return "folder " + std::string(folder) + "/ (a Go test-helper package)";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> test_convention(std::string_view rel_path) {
  std::vector<std::string_view> parts;
  for (std::string_view p : core::split(rel_path, '/')) {
    if (!p.empty() && p != ".") parts.push_back(p);
  }
  if (parts.empty()) return std::nullopt;
  const std::string_view name = parts.back();
  if (auto f = file_convention(name)) return f;
  const std::size_t dot = name.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? std::string_view{} : name.substr(dot);
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i] == "..") continue;
    if (auto f = folder_convention(parts[i], i > 0 ? parts[i - 1] : std::string_view{}, ext)) return f;
  }
  return std::nullopt;
}

std::string project_root(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path d = fs::absolute(dir.empty() ? fs::path(".") : fs::path(dir), ec).lexically_normal();
  while (!d.empty()) {
    if (fs::exists(d / ".git", ec) || fs::is_regular_file(d / config::kConfigFileName, ec)) return d.string();
    if (d == d.root_path()) break;
    d = d.parent_path();
  }
  return {};
}

}  // namespace portpolicy::check
