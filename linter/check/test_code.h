// Test code: files that each ecosystem's conventions mark as tests, fixtures or test helpers.
// Ports there are fakes, ephemeral binds and deliberately broken addresses far more often than
// deployments, so `check` gives their findings a severity of their own (see config::TestCode).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace portpolicy::check {

/// The convention that makes a file test code, or nullopt. `rel_path` is '/'-separated and
/// relative to the project (see project_root()), so that the folders above the project say
/// nothing. Folders: test, tests, testing, testdata, fixtures, __tests__, __mocks__, spec, e2e,
/// testutil(s), testsuite, mocks, src/it, integrationTest, androidTest, *.Tests (C#), and for
/// Go the helper packages named *test (httptest). Files: *_test.go, test_*.py, *_test.py,
/// conftest.py, *Test.java, *Tests.cs, *IT.java, *.test.js, *.spec.ts, *_spec.rb,
/// *_test.rb, *Test.php, *_test.cc, *_unittest.cc, *.bats, and any name ending in _test,
/// .test, _spec, .spec or -spec before its extension (docker-compose.test.yml).
/// The answer names the convention: "folder tests/", "file name *_test.go".
std::optional<std::string> test_convention(std::string_view rel_path);

/// The folder that paths are taken relative to for test_convention(): the nearest folder at
/// or above `dir` that holds a `.git` or a `.portpolicy.yaml`; empty when there is none.
std::string project_root(const std::string& dir);

}  // namespace portpolicy::check
