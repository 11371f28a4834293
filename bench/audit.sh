#!/usr/bin/env bash
# The real-world audit: `portpolicy check` with default settings on whole public
# repositories, every failing finding printed with the verdict a maintainer would reach
# (bench/audit-verdicts.txt), and the precision of what fails.
#
#   bash bench/audit.sh [OUTDIR]
#
# OUTDIR (default $AUDIT_DIR, else /tmp/portpolicy-audit) receives the repositories, extracted
# from bare git mirrors under $MIRROR (default: the .mirror folder beside the project's
# folder) by ../shared/realworld/materialize.sh: the six of ../shared/realworld/repos.txt,
# then those of bench/audit-extra.txt (left out, with a note, when their mirrors are
# missing). Extraction is skipped when OUTDIR already holds the same lists. BIN selects the
# binary (default build/portpolicy); MIN_PRECISION makes the run fail below that figure or
# when a finding recorded as real is lost.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${BIN:-$root/build/portpolicy}
out=${1:-${AUDIT_DIR:-/tmp/portpolicy-audit}}
shared=$root/../shared/realworld
export MIRROR=${MIRROR:-$(cd "$root/.." && pwd)/.mirror}

[ -x "$bin" ] || { echo "audit.sh: no portpolicy binary at $bin (bash scripts/setup builds it)" >&2; exit 2; }
[ -f "$shared/materialize.sh" ] || { echo "audit.sh: $shared/materialize.sh not found" >&2; exit 2; }

# Materializes the list $2 into $out/$1 unless it is already there.
materialize() {
  local set=$1 list=$2 stamp
  stamp=$(sha256sum "$list" | cut -d' ' -f1)
  if [ -f "$out/$set/.materialized" ] && [ "$(cat "$out/$set/.materialized")" = "$stamp" ]; then return 0; fi
  rm -rf "${out:?}/$set"
  mkdir -p "$out/$set"
  if CORPUS_LIST=$list bash "$shared/materialize.sh" "$out/$set" >"$out/$set.log" 2>&1; then
    echo "$stamp" >"$out/$set/.materialized"
  else
    rm -rf "${out:?}/$set"
    return 1
  fi
}

materialize core "$shared/repos.txt" || {
  cat "$out/core.log" >&2
  echo "audit.sh: the real-world corpus could not be extracted (fetch the mirrors it names)" >&2
  exit 2
}
sets=(core)
if materialize extra "$root/bench/audit-extra.txt"; then
  sets+=(extra)
else
  echo "audit.sh: note: bench/audit-extra.txt left out ($(grep -c 'MISSING MIRROR' "$out/extra.log" || true) mirrors missing; see $out/extra.log)" >&2
fi

repos=()
for s in "${sets[@]}"; do
  for d in "$out/$s"/*/; do repos+=("${d%/}"); done
done
args=(--bin "$bin" --verdicts "$root/bench/audit-verdicts.txt")
[ -n "${MIN_PRECISION:-}" ] && args+=(--min-precision "$MIN_PRECISION")
exec python3 "$root/bench/audit.py" "${args[@]}" "${repos[@]}"
