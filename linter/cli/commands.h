// The command line: parses arguments and runs one subcommand.
#pragma once

#include <istream>
#include <ostream>

namespace portpolicy::cli {

/// Exit codes shared by every subcommand.
inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

/// Runs the command line `argv`, writing to `out` and `err`; returns the exit code.
/// Runs the command line; `check -` reads the file from `in`.
int run(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);
/// The same, reading standard input.
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace portpolicy::cli
