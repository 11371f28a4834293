// Runs the portpolicy command line in-process, for tests of whole commands.
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace portpolicy::test {

/// What one command line did.
struct CliRun {
  int code;
  std::string out;
  std::string err;
};

/// Runs `portpolicy args...` with in-memory output streams.
inline CliRun run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "portpolicy");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out, err;
  const int code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

/// Runs `portpolicy args...` with `input` as its standard input.
inline CliRun run_cli_stdin(const std::string& input, std::vector<std::string> args) {
  args.insert(args.begin(), "portpolicy");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::istringstream in(input);
  std::ostringstream out, err;
  const int code = cli::run(static_cast<int>(argv.size()), argv.data(), in, out, err);
  return {code, out.str(), err.str()};
}

/// Changes the working directory for its lifetime, so paths print as they are given.
class CwdGuard {
 public:
  explicit CwdGuard(const std::filesystem::path& dir) : old_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~CwdGuard() {
    std::error_code ec;
    std::filesystem::current_path(old_, ec);
  }
  CwdGuard(const CwdGuard&) = delete;
  CwdGuard& operator=(const CwdGuard&) = delete;

 private:
  std::filesystem::path old_;
};

/// Number of non-overlapping occurrences of `needle` in `hay`.
inline std::size_t count_of(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

}  // namespace portpolicy::test
