#!/usr/bin/env bash
# End-to-end test of the pre-commit hook `portpolicy` (language: python) from a fresh clone of
# this repository: on a PATH without portpolicy, `pre-commit try-repo` builds and installs it
# into an environment of its own (pip install . through pyproject.toml), runs it on a compose
# file publishing 254 and fails with the finding; with 51234 it passes. Then the same from a
# .pre-commit-config.yaml, built once into pre-commit's cache and reused.
#
#   tests/precommit/python_hook.sh SOURCE_DIR
#
# Nothing outside a temporary folder is touched: HOME, PRE_COMMIT_HOME and git's global
# configuration point into it. The build needs what scripts/setup installs (the grammars are
# installed into pre-commit's copy of the repository by npm ci).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ $# -ne 1 ]; then
  echo "usage: $0 SOURCE_DIR" >&2
  exit 2
fi
src=$(realpath "$1")
needs_tools
git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1 || fail "$src is not a git working copy"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/portpolicy-pyhook.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
isolate_home

# A PATH without portpolicy: every folder of PATH that holds one is left out.
clean_path=""
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  [ -n "$d" ] && [ ! -e "$d/portpolicy" ] && clean_path="${clean_path:+$clean_path:}$d"
done
export PATH="$clean_path"
if command -v portpolicy >/dev/null 2>&1; then fail "portpolicy is still on PATH: $(command -v portpolicy)"; fi

# The fresh clone: what is committed, nothing built, no grammars installed.
git clone -q "$src" "$tmp/clone"
[ ! -e "$tmp/clone/grammars/node_modules" ] || fail "the fresh clone has grammars/node_modules"
hook_repo="$tmp/clone"
hook_id=portpolicy

new_repo
compose "$repo/compose.yaml" 254
git -C "$repo" add compose.yaml
try "$hook_repo" --files compose.yaml
expect_fail_with "python hook, port 254" "Failed" \
  "compose.yaml:5:10: warning: port 254/tcp+udp is reserved by IANA" "[PP201 reserved-port]" \
  "1 finding (0 errors, 1 warning, 0 infos) in 1 file"
grep -qE '^portpolicy\.+Failed$' <<<"$out" || fail "python hook: no 'Failed' line:
$out"

compose "$repo/compose.yaml" 51234
git -C "$repo" add compose.yaml
try "$hook_repo" --files compose.yaml
expect_pass "python hook, port 51234"

# As a team uses it: .pre-commit-config.yaml names the repository at a commit. The first run
# builds portpolicy into pre-commit's cache (PRE_COMMIT_HOME), later runs reuse it.
rev=$(git -C "$hook_repo" rev-parse HEAD)
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: portpolicy\n' "$hook_repo" "$rev" \
  >"$repo/.pre-commit-config.yaml"
git -C "$repo" add .pre-commit-config.yaml
run_hook() {
  set +e
  out=$(cd "$repo" && pre-commit run --color never --files compose.yaml 2>&1)
  rc=$?
  set -e
}
run_hook
expect_pass "configured hook, port 51234"
built=$(find "$PRE_COMMIT_HOME" -path '*/bin/portpolicy' -type f | head -n 1)
[ -n "$built" ] || fail "no portpolicy binary in pre-commit's cache $PRE_COMMIT_HOME"
if command -v portpolicy >/dev/null 2>&1; then fail "the hook put portpolicy onto PATH"; fi

compose "$repo/compose.yaml" 254
git -C "$repo" add compose.yaml
run_hook
expect_fail_with "configured hook, port 254" "compose.yaml:5:10: warning: port 254/tcp+udp is reserved by IANA"
if grep -q "Installing environment" <<<"$out"; then fail "the second run built portpolicy again:
$out"; fi

echo "pre-commit python hook: built from a fresh clone and ran ($built)"
