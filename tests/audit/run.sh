#!/usr/bin/env bash
# The real-world audit's script (bench/audit.py), on a small repository with recorded
# verdicts: it prints each failing finding with its verdict, the counts, the precision, and
# names a recorded real finding that is no longer reported (and then fails with
# --min-precision).
set -uo pipefail
bin=$1 root=$2
fixtures=$root/tests/fixtures/audit
out=$(python3 "$root/bench/audit.py" --bin "$bin" --verdicts "$fixtures/verdicts.txt" --min-precision 0.5 \
      "$fixtures/acme+shop" 2>&1)
rc=$?
fail=0
expect() {
  if ! grep -qF -- "$1" <<<"$out"; then echo "missing from the audit's output: $1"; fail=1; fi
}
expect "  real      acme+shop/compose.yaml:5:10: warning: port 254/tcp+udp is reserved by IANA"
expect "  noise     acme+shop/deploy/compose.yaml:5:10: warning: port 278/tcp+udp"
expect "failing findings: 2 (real 1, noise 1, test 0, unlabeled 0); precision 0.500"
expect "findings in test code (reported at info, not failing): 1"
expect "recorded noise no longer failing: 1/2"
expect "  line 5: acme+shop/gone.yaml:4 PP201 251"
if grep -qF "other+repo" <<<"$out"; then echo "a repository that was not audited was judged"; fail=1; fi
if [ "$rc" -ne 1 ]; then echo "expected exit 1 (a real finding is lost), got $rc"; fail=1; fi
[ $fail -eq 0 ] || { echo "--- output:"; echo "$out"; }
exit $fail
