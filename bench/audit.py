#!/usr/bin/env python3
"""What `portpolicy check` fails on in whole real repositories, judged by a maintainer.

Runs `check --format json` with default settings on every repository folder given, prints
every failing finding (at or above warning) grouped by rule with the verdict recorded for it
in the verdicts file (real: a maintainer would act on it; noise: they would not; test: it is
in test code and must not fail the run), counts per repository, and the precision of the
failing findings. Findings without a verdict are printed as "unlabeled" for review.

It also reads the verdicts the other way round: every finding recorded as real must still be
reported as failing (a real one lost is a regression), and every one recorded as noise or
test must no longer fail.

Verdicts file: one finding per line, "REPO/PATH:LINE  CODE  PORT  VERDICT  why...", '#'
starts a comment. REPO is the repository's folder name (OWNER+NAME).
"""
import argparse
import collections
import json
import os
import subprocess
import sys

VERDICTS = ("real", "noise", "test")
FAILING = ("warning", "error")


def load_verdicts(path):
    verdicts = {}
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip() if raw.lstrip().startswith("#") else raw.strip()
            if not line:
                continue
            parts = line.split(None, 4)
            if len(parts) < 4 or parts[3] not in VERDICTS or ":" not in parts[0]:
                sys.exit(f"{path}:{n}: expected 'REPO/PATH:LINE CODE PORT {'|'.join(VERDICTS)} why', got: {line}")
            where, code, port, verdict = parts[:4]
            verdicts[(where, code, port)] = (verdict, parts[4] if len(parts) > 4 else "", n)
    return verdicts


def check_repo(binary, folder):
    parent, name = os.path.split(os.path.abspath(folder))
    run = subprocess.run([binary, "check", "--format", "json", name], cwd=parent,
                         capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"{folder}: portpolicy check exited {run.returncode}: {run.stderr.strip()}")
    return json.loads(run.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the portpolicy binary")
    ap.add_argument("--verdicts", required=True, help="the recorded verdicts")
    ap.add_argument("--min-precision", type=float, default=None,
                    help="exit 1 when the precision of the failing findings is lower, or a real one is lost")
    ap.add_argument("repos", nargs="+", help="repository folders (OWNER+NAME)")
    args = ap.parse_args()

    verdicts = load_verdicts(args.verdicts)
    by_rule = collections.defaultdict(list)
    rows = []
    seen = set()
    totals = collections.Counter()
    for folder in args.repos:
        doc = check_repo(os.path.abspath(args.bin) if os.sep in args.bin else args.bin, folder)
        repo = os.path.basename(os.path.abspath(folder))
        counts = collections.Counter()
        for f in doc["findings"]:
            if f["suppressed"]:
                continue
            if f.get("test_code"):
                counts["test_code"] += 1
            if f["severity"] not in FAILING:
                continue
            key = (f"{f['path']}:{f['line']}", f["code"], str(f["value"]))
            verdict, why, _ = verdicts.get(key, ("unlabeled", "", 0))
            seen.add(key)
            counts["failing"] += 1
            counts[verdict] += 1
            by_rule[(f["code"], f["rule"])].append((verdict, f, why))
        rows.append((repo, doc["summary"]["files_scanned"], counts))
        totals.update(counts)

    for (code, rule), items in sorted(by_rule.items()):
        print(f"== {code} {rule} ({len(items)})")
        for verdict, f, why in items:
            print(f"  {verdict:<9} {f['path']}:{f['line']}:{f['column']}: {f['severity']}: {f['message']}")
            if why:
                print(f"            -- {why}")
    print()
    print(f"{'repository':<40} {'files':>6} {'failing':>8} {'real':>5} {'noise':>6} {'test':>5} {'unlabeled':>10} {'test-code':>10}")
    for repo, files, c in rows:
        print(f"{repo:<40} {files:>6} {c['failing']:>8} {c['real']:>5} {c['noise']:>6} {c['test']:>5} "
              f"{c['unlabeled']:>10} {c['test_code']:>10}")
    # Unlabeled findings count against the precision until someone has judged them.
    precision = totals["real"] / totals["failing"] if totals["failing"] else 1.0
    print(f"\nfailing findings: {totals['failing']} (real {totals['real']}, noise {totals['noise']}, "
          f"test {totals['test']}, unlabeled {totals['unlabeled']}); precision {precision:.3f}")
    print(f"findings in test code (reported at info, not failing): {totals['test_code']}")

    audited = {os.path.basename(os.path.abspath(r)) for r in args.repos}
    lost, gone = [], collections.Counter()
    for key, (verdict, why, n) in sorted(verdicts.items(), key=lambda kv: kv[1][2]):
        if key[0].split("/", 1)[0] not in audited:
            continue
        if verdict == "real" and key not in seen:
            lost.append(f"  line {n}: {key[0]} {key[1]} {key[2]} -- {why}")
        if verdict != "real" and key not in seen:
            gone[verdict] += 1
    total_by = collections.Counter(v for k, (v, _, _) in verdicts.items() if k[0].split("/", 1)[0] in audited)
    print(f"recorded noise no longer failing: {gone['noise']}/{total_by['noise']}; "
          f"recorded test findings no longer failing: {gone['test']}/{total_by['test']}")
    if lost:
        print(f"real findings no longer reported ({len(lost)}):")
        print("\n".join(lost))
    else:
        print(f"every recorded real finding is still reported ({total_by['real']})")
    if args.min_precision is not None and (precision < args.min_precision or lost):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
