#!/usr/bin/env bash
# End-to-end test of the pre-commit hook `portpolicy-system` (.pre-commit-hooks.yaml) with the
# real pre-commit framework: `pre-commit try-repo` against this repository (its working copy,
# and a fresh clone), in throwaway git repositories, with the built portpolicy on PATH. The
# hook that builds portpolicy itself (`portpolicy`, language: python) is python_hook.sh's.
#
#   tests/precommit/run.sh PORTPOLICY_BINARY SOURCE_DIR
#
# Nothing outside a temporary folder is touched: HOME, PRE_COMMIT_HOME and git's global
# configuration point into it. No network is needed (language: system).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ $# -ne 2 ]; then
  echo "usage: $0 PORTPOLICY_BINARY SOURCE_DIR" >&2
  exit 2
fi
binary=$(realpath "$1")
src=$(realpath "$2")
needs_tools
[ -x "$binary" ] || fail "$binary is not an executable"
[ -f "$src/.pre-commit-hooks.yaml" ] || fail "$src/.pre-commit-hooks.yaml is missing"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/portpolicy-precommit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

isolate_home
mkdir -p "$tmp/bin"
ln -s "$binary" "$tmp/bin/portpolicy"
export PATH="$tmp/bin:$PATH"

# The hook repositories to try: the working copy (pre-commit snapshots its uncommitted
# changes, but only to tracked files) and a fresh clone. Outside git (a source archive), a
# repository holding just the hook file.
hook_repos=()
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$src" ls-files --error-unmatch .pre-commit-hooks.yaml >/dev/null 2>&1 ||
    fail ".pre-commit-hooks.yaml is not tracked by git in $src: pre-commit cannot see it until it is added"
  hook_repos+=("$src")
  git clone -q "$src" "$tmp/clone"
  [ -f "$tmp/clone/.pre-commit-hooks.yaml" ] ||
    fail "a fresh clone of $src has no .pre-commit-hooks.yaml: commit it"
  hook_repos+=("$tmp/clone")
else
  mkdir -p "$tmp/hook-only"
  cp "$src/.pre-commit-hooks.yaml" "$tmp/hook-only/"
  git -C "$tmp/hook-only" init -q
  git -C "$tmp/hook-only" add .pre-commit-hooks.yaml
  git -C "$tmp/hook-only" -c user.name=portpolicy -c user.email=portpolicy@example.invalid commit -q -m hook
  hook_repos+=("$tmp/hook-only")
fi

for hook_repo in "${hook_repos[@]}"; do
  label="hook from $hook_repo"

  # A compose file publishing reserved port 254 fails the hook, with the finding shown.
  new_repo
  compose "$repo/compose.yaml" 254
  git -C "$repo" add compose.yaml
  try "$hook_repo" --files compose.yaml
  expect_fail_with "$label, port 254" "portpolicy" "Failed" \
    "compose.yaml:5:10: warning: port 254/tcp+udp is reserved by IANA" "[PP201 reserved-port]" \
    "1 finding (0 errors, 1 warning, 0 infos) in 1 file"
  grep -qE '^portpolicy\.+Failed$' <<<"$out" || fail "$label: no 'Failed' line:
$out"

  # The same file with a port in the Dynamic/Private range passes.
  compose "$repo/compose.yaml" 51234
  git -C "$repo" add compose.yaml
  try "$hook_repo" --files compose.yaml
  expect_pass "$label, port 51234"
done

hook_repo=${hook_repos[0]}

# The repository's .portpolicy.yaml is found from the files pre-commit passes: severities,
# excludes (which leave out named files too) and rules turned off for a path.
new_repo
compose "$repo/services/api/compose.yaml" 254
compose "$repo/testdata/compose.yaml" 253
compose "$repo/legacy/compose.yaml" 252
printf 'rules:\n  reserved-port: error\nexclude: [testdata]\noverrides:\n  - paths: ["legacy/**"]\n    rules:\n      reserved-port: off\n' \
  >"$repo/.portpolicy.yaml"
git -C "$repo" add -A
try "$hook_repo" --all-files
expect_fail_with "configuration" "services/api/compose.yaml:5:10: error: port 254/tcp+udp is reserved by IANA" \
  "1 finding (1 error, 0 warnings, 0 infos) in 2 files"
if grep -qE 'testdata/|legacy/' <<<"$out"; then fail "configuration: excluded or silenced files reported:
$out"; fi
git -C "$repo" rm -q --cached services/api/compose.yaml
rm "$repo/services/api/compose.yaml"
try "$hook_repo" --all-files
expect_pass "configuration, only excluded and silenced files left"

# A broken configuration fails the hook with its location.
printf 'rules:\n  reserverd-port: off\n' >"$repo/.portpolicy.yaml"
compose "$repo/compose.yaml" 51234
git -C "$repo" add -A
try "$hook_repo" --files compose.yaml
expect_fail_with "broken configuration" ".portpolicy.yaml:2:3: unknown rule 'reserverd-port'; did you mean 'reserved-port'?"

# Which files the hook is given: every format portpolicy reads, and nothing else. A stand-in
# portpolicy records its arguments.
mkdir -p "$tmp/recorder"
cat >"$tmp/recorder/portpolicy" <<EOF
#!/bin/sh
shift  # "check"
for f in "\$@"; do printf '%s\n' "\$f"; done >>"$tmp/passed.txt"
exit 0
EOF
chmod +x "$tmp/recorder/portpolicy"
new_repo
wanted=(
  compose.yaml deploy/k8s/api.yml settings.json tsconfig.jsonc pyproject.toml .env .env.production
  config/prod.env application.properties app.ini setup.cfg my.cnf app.conf nginx/nginx.conf site.nginx
  app.service app.socket Dockerfile docker/Dockerfile.dev api.dockerfile Containerfile main.tf prod.tfvars
  vars.hcl server.py gui.pyw server.js esm.mjs common.cjs app.jsx server.ts esm.mts common.cts app.tsx
  main.go Server.java net.c net.h net.cc net.cpp net.cxx net.hpp net.hh net.hxx main.rs server.rb
  Server.cs index.php serve.sh serve.bash serve.ksh serve.zsh bin/serve compose.yaml.example
  config.toml.local COMPOSE.YAML
)
unwanted=(README.md logo.svg notes.txt compose.yaml.bak .bashrc Cargo.lock docs/guide.rst)
for f in "${wanted[@]}" "${unwanted[@]}"; do
  mkdir -p "$repo/$(dirname "$f")"
  printf 'port = 51234\n' >"$repo/$f"
done
printf '#!/bin/sh\nexec python3 -m http.server 51234\n' >"$repo/bin/serve"
printf '\x7fELF\x02\x01\x01\x00\x00\x00' >"$repo/bin/tool"  # binary, no extension: left out
git -C "$repo" add -A
rm -f "$tmp/passed.txt"
out=$(cd "$repo" && PATH="$tmp/recorder:$PATH" pre-commit try-repo "$hook_repo" portpolicy-system --all-files 2>&1) ||
  fail "file selection: the recording hook failed:
$out"
[ -f "$tmp/passed.txt" ] || fail "file selection: the hook was given no files:
$out"
got=$(sort "$tmp/passed.txt")
want=$(printf '%s\n' "${wanted[@]}" | sort)
[ "$got" = "$want" ] || fail "file selection differs (< given to the hook, > expected):
$(diff <(echo "$got") <(echo "$want") || true)"

echo "pre-commit hook: all checks passed (${#hook_repos[@]} hook repositories)"
