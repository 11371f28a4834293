#!/usr/bin/env bash
# Start-up cost of the embedded registry: `portpolicy explain 80` as a whole process,
# against `portpolicy --version` (process start and dynamic linking only).
# Needs hyperfine (apt-get install hyperfine) and a build in build/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="${1:-$root/build/portpolicy}"
hyperfine -N --warmup 10 --runs 200 "$bin --version" "$bin explain 80" "$bin explain 249-256"
