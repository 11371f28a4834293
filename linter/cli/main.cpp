// portpolicy: finds port literals in a tree and judges them against the IANA registry.
#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  return portpolicy::cli::run(argc, argv, std::cout, std::cerr);
}
