#!/usr/bin/env python3
"""Precision and recall of `portpolicy ports` against a labeled corpus.

The corpus folder holds real files and a labels.json (see the corpus's LABELING.md): every
port literal with its line, byte column and value. A found port matches a label on
(path, line, column, value). Labels marked "maybe" are optional: finding one is not a hit,
missing one is not a miss. Prints per-format and overall figures and the differences;
exits 1 when precision or recall is under the bar.
"""
import argparse
import collections
import json
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", required=True, help="the portpolicy binary")
    ap.add_argument("--corpus", required=True, help="folder holding labels.json files (at any depth)")
    ap.add_argument("--per-format", action="store_true",
                    help="apply the bars to every format, not only to the total")
    ap.add_argument("--min-precision", type=float, default=0.97)
    ap.add_argument("--min-recall", type=float, default=0.95)
    ap.add_argument("--quiet", action="store_true", help="print only the figures")
    args = ap.parse_args()

    # Every labels.json under the corpus folder; its paths are relative to its own folder.
    files = []
    for dirpath, _, names in sorted(os.walk(args.corpus)):
        if "labels.json" in names:
            with open(os.path.join(dirpath, "labels.json"), encoding="utf-8") as f:
                for entry in json.load(f)["files"]:
                    entry["path"] = os.path.relpath(os.path.join(dirpath, entry["path"]), args.corpus)
                    files.append(entry)
    if not files:
        print(f"no labels.json under {args.corpus}", file=sys.stderr)
        return 2
    paths = [f["path"] for f in files]
    proc = subprocess.run([os.path.abspath(args.bin), "ports", "--format", "json", *paths], cwd=args.corpus,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"portpolicy failed ({proc.returncode}):\n{proc.stderr}", file=sys.stderr)
        return 2
    found = collections.defaultdict(set)
    for p in json.loads(proc.stdout)["ports"]:
        found[os.path.normpath(p["path"])].add((p["line"], p["column"], p["value"]))

    per_lang = collections.defaultdict(lambda: [0, 0, 0])  # true positives, false positives, misses
    problems = []
    for f in files:
        path, lang = f["path"], f["lang"]
        sure = {(l["line"], l["col"], l["value"]) for l in f["labels"] if not l.get("maybe")}
        maybe = {(l["line"], l["col"], l["value"]) for l in f["labels"] if l.get("maybe")}
        got = found.get(os.path.normpath(path), set())
        tp = got & sure
        fp = got - sure - maybe
        fn = sure - got
        per_lang[lang][0] += len(tp)
        per_lang[lang][1] += len(fp)
        per_lang[lang][2] += len(fn)
        problems += [f"noisy   {path}:{l}:{c} {v}" for (l, c, v) in sorted(fp)]
        problems += [f"missing {path}:{l}:{c} {v}" for (l, c, v) in sorted(fn)]

    def figures(tp, fp, fn):
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        return precision, recall

    total = [sum(v[i] for v in per_lang.values()) for i in range(3)]
    print(f"{'format':<12} {'tp':>5} {'fp':>5} {'fn':>5} {'precision':>10} {'recall':>8}")
    for lang in sorted(per_lang):
        tp, fp, fn = per_lang[lang]
        p, r = figures(tp, fp, fn)
        print(f"{lang:<12} {tp:>5} {fp:>5} {fn:>5} {p:>10.3f} {r:>8.3f}")
    p, r = figures(*total)
    print(f"{'all':<12} {total[0]:>5} {total[1]:>5} {total[2]:>5} {p:>10.3f} {r:>8.3f}")
    if not args.quiet:
        for line in problems:
            print(line)
    ok = p >= args.min_precision and r >= args.min_recall
    if args.per_format:
        for lang, (tp, fp, fn) in per_lang.items():
            lp, lr = figures(tp, fp, fn)
            if lp < args.min_precision or lr < args.min_recall:
                print(f"{lang}: precision {lp:.3f}, recall {lr:.3f} under the bar")
                ok = False
    print(f"precision {p:.3f} (bar {args.min_precision}), recall {r:.3f} (bar {args.min_recall}): "
          + ("pass" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
