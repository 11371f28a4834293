#!/usr/bin/env bash
# A real editor: headless Neovim with a minimal Lua configuration (nvim/init.lua) starts
# `portpolicy lsp`, opens a compose file publishing 254 and shows the diagnostic; an unsaved
# edit to 51234 clears it and one to 255 brings it back.
#
#   tests/lsp/neovim_test.sh PORTPOLICY_BINARY
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 PORTPOLICY_BINARY" >&2
  exit 2
fi
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
command -v nvim >/dev/null || fail "nvim is not installed (Debian package neovim)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/portpolicy-nvim.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tree" "$tmp/bin" "$tmp/home"
ln -s "$bin" "$tmp/bin/portpolicy"
printf 'services:\n  web:\n    image: nginx:1.25\n    ports:\n      - "254:80"\n' >"$tmp/tree/compose.yaml"
: >"$tmp/tree/.portpolicy.yaml"

set +e
(cd "$tmp/tree" && HOME="$tmp/home" XDG_STATE_HOME="$tmp/home/state" PATH="$tmp/bin:$PATH" \
  PP_NVIM_OUT="$tmp/out" timeout 120 nvim --headless --clean -u "$here/nvim/init.lua" \
  -c "luafile $here/nvim/check.lua" compose.yaml >"$tmp/nvim.log" 2>&1)
rc=$?
set -e
[ "$rc" -eq 0 ] || fail "nvim exited $rc: $(cat "$tmp/nvim.log")"
[ -f "$tmp/out" ] || fail "nvim wrote nothing: $(cat "$tmp/nvim.log")"
out=$(cat "$tmp/out")
grep -qF 'open ok [5:10 2 PP201 port 254/tcp+udp is reserved by IANA' <<<"$out" ||
  fail "no diagnostic on open:
$out"
grep -qxF 'edited ok []' <<<"$out" || fail "the diagnostic did not clear after the edit:
$out"
grep -qF 'reserved-again ok [5:10 2 PP201 port 255/tcp+udp is reserved by IANA' <<<"$out" ||
  fail "no diagnostic after the edit back:
$out"
[ "$(cat "$tmp/tree/compose.yaml")" = "$(printf 'services:\n  web:\n    image: nginx:1.25\n    ports:\n      - "254:80"')" ] ||
  fail "the file on disk changed"
cat "$tmp/out"
echo "neovim: the diagnostic is shown, cleared and shown again ($(nvim --version | head -1))"
