#!/usr/bin/env bash
# The installed portpolicy, as a user gets it: `cmake --install` into a prefix, and the .deb
# that cpack makes, unpacked into a temporary root; each binary is run from an unrelated
# folder on a tree with a reserved port.
#
#   tests/packaging/install_test.sh BUILD_DIR
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
[ -f "$build/CPackConfig.cmake" ] || fail "$build has no CPackConfig.cmake: configure it with cmake first"
command -v dpkg-deb >/dev/null || fail "dpkg-deb is not installed"
command -v dpkg-shlibdeps >/dev/null || fail "dpkg-shlibdeps is not installed (Debian package dpkg-dev)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/portpolicy-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tree" "$tmp/elsewhere"
printf 'services:\n  web:\n    image: nginx:1.25\n    ports:\n      - "254:80"\n' >"$tmp/tree/compose.yaml"

# run_installed WHAT BINARY: the binary runs from another folder, finds the port, exits 1.
run_installed() {
  local what=$1 bin=$2 out rc
  [ -x "$bin" ] || fail "$what: $bin is not there"
  out=$(cd "$tmp/elsewhere" && "$bin" --version) || fail "$what: --version failed"
  grep -qE '^portpolicy [0-9]+\.[0-9]+\.[0-9]+' <<<"$out" || fail "$what: --version printed '$out'"
  set +e
  out=$(cd "$tmp/elsewhere" && PATH=/usr/bin:/bin "$bin" check "$tmp/tree" 2>&1)
  rc=$?
  set -e
  [ "$rc" -eq 1 ] || fail "$what: check exited $rc, not 1:
$out"
  grep -qF "compose.yaml:5:10: warning: port 254/tcp+udp is reserved by IANA" <<<"$out" ||
    fail "$what: the finding is missing:
$out"
  out=$(cd "$tmp/elsewhere" && "$bin" explain 51234) || fail "$what: explain failed"
  grep -q "51234" <<<"$out" || fail "$what: explain printed '$out'"
}

# cmake --install with a prefix.
cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
  fail "cmake --install failed: $(cat "$tmp/install.log")"
run_installed "cmake --install" "$tmp/prefix/bin/portpolicy"
python3 "$here/../lsp/lsp_test.py" --bin "$tmp/prefix/bin/portpolicy" \
  --installed-docs "$tmp/prefix/share/doc/portpolicy/rules" || fail "cmake --install: the rule documents"
if command -v help2man >/dev/null; then
  [ -s "$tmp/prefix/share/man/man1/portpolicy.1" ] || fail "cmake --install put no man page"
  grep -q '^\.SS portpolicy check' "$tmp/prefix/share/man/man1/portpolicy.1" ||
    fail "the man page has no section for 'portpolicy check'"
fi

# The .deb: made in a folder of its own, its dependencies declared, unpacked, run.
(cd "$tmp" && cpack --config "$build/CPackConfig.cmake" -B "$tmp/deb" >"$tmp/cpack.log" 2>&1) ||
  fail "cpack failed: $(cat "$tmp/cpack.log")"
debs=("$tmp"/deb/portpolicy_*.deb)
[ -f "${debs[0]}" ] || fail "cpack made no portpolicy_*.deb: $(ls "$tmp/deb")"
deb=${debs[0]}
[ "$(dpkg-deb -f "$deb" Package)" = portpolicy ] || fail "the package is not named portpolicy"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libc6 libstdc++6 libgit2 libyaml-cpp libtree-sitter libfmt libpugixml; do
  grep -q "$lib" <<<"$depends" || fail "Depends does not name $lib: $depends"
done
contents=$(dpkg-deb -c "$deb")
grep -q '\./usr/bin/portpolicy$' <<<"$contents" || fail "the package has no usr/bin/portpolicy"
dpkg-deb -x "$deb" "$tmp/root"
run_installed ".deb" "$tmp/root/usr/bin/portpolicy"
grep -q '\./usr/share/doc/portpolicy/rules/PP201\.md$' <<<"$contents" || fail "the package has no rule documents"
python3 "$here/../lsp/lsp_test.py" --bin "$tmp/root/usr/bin/portpolicy" \
  --installed-docs "$tmp/root/usr/share/doc/portpolicy/rules" || fail ".deb: the rule documents"
if command -v help2man >/dev/null; then
  ls "$tmp/root/usr/share/man/man1/portpolicy.1"* >/dev/null 2>&1 || fail "the package has no man page"
fi
echo "install and .deb: all checks passed ($(basename "$deb"); Depends: $depends)"
