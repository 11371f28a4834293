# Helpers of the pre-commit hook tests (run.sh, python_hook.sh); sourced, with $tmp set.

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# needs_tools: pre-commit and git are there.
needs_tools() {
  command -v pre-commit >/dev/null 2>&1 ||
    fail "pre-commit is not installed (Debian package pre-commit; scripts/setup installs it)"
  command -v git >/dev/null 2>&1 || fail "git is not installed"
}

# isolate_home: HOME, the pre-commit cache and git's global configuration inside $tmp.
isolate_home() {
  export HOME="$tmp/home"
  export PRE_COMMIT_HOME="$tmp/pre-commit-cache"
  export XDG_CACHE_HOME="$tmp/cache"
  export XDG_CONFIG_HOME="$tmp/config"
  export GIT_CONFIG_NOSYSTEM=1
  export GIT_CONFIG_GLOBAL="$tmp/gitconfig"
  unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE PRE_COMMIT_COLOR NO_COLOR
  mkdir -p "$HOME"
  : >"$GIT_CONFIG_GLOBAL"
}

n=0
new_repo() {
  n=$((n + 1))
  repo="$tmp/user-$n"
  mkdir -p "$repo"
  git -C "$repo" init -q
  git -C "$repo" config user.name "portpolicy test"
  git -C "$repo" config user.email "test@example.invalid"
  git -C "$repo" config commit.gpgsign false
}

compose() {  # compose FILE HOST_PORT
  mkdir -p "$(dirname "$1")"
  printf 'services:\n  web:\n    image: nginx:1.25\n    ports:\n      - "%s:80"\n' "$2" >"$1"
}

# try HOOK_REPO ARGS...: runs hook $hook_id in the current user repository; sets out and rc.
hook_id=portpolicy-system
try() {
  local hook_repo=$1
  shift
  set +e
  out=$(cd "$repo" && pre-commit try-repo "$hook_repo" "$hook_id" --color never "$@" 2>&1)
  rc=$?
  set -e
}

expect_fail_with() {  # expect_fail_with WHAT TEXT...
  local what=$1
  shift
  [ "$rc" -ne 0 ] || fail "$what: the hook passed; output:
$out"
  for text in "$@"; do
    grep -qF -- "$text" <<<"$out" || fail "$what: '$text' not in the output:
$out"
  done
}

expect_pass() {  # expect_pass WHAT
  [ "$rc" -eq 0 ] || fail "$1: the hook failed (exit $rc); output:
$out"
  grep -qE '^portpolicy\.+Passed$' <<<"$out" || fail "$1: no 'Passed' line:
$out"
}

