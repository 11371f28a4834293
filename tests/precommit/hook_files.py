#!/usr/bin/env python3
"""The pre-commit hooks' `files` pattern passes every file portpolicy reads.

Every fixture under tests/fixtures/ports whose sidecar expects a port is a file portpolicy
reads; pre-commit (Python's re, as here) must select it by the pattern in
.pre-commit-hooks.yaml, or the hook would never check it. Look-alikes that portpolicy does
not read (README.md, a PNG) must not be selected.

usage: hook_files.py SOURCE_DIR
"""
import pathlib
import re
import sys


def hook_pattern(text: str) -> str:
    lines = text.splitlines()
    start = next(i for i, l in enumerate(lines) if "files: &portpolicy-files |" in l)
    block = []
    for line in lines[start + 1:]:
        if not line.startswith("    "):
            break
        block.append(line[4:])
    return "\n".join(block)


def main() -> int:
    src = pathlib.Path(sys.argv[1])
    pattern = re.compile(hook_pattern((src / ".pre-commit-hooks.yaml").read_text()))
    fixtures = src / "tests" / "fixtures" / "ports"
    failures = []
    checked = 0
    for expect in sorted(fixtures.rglob("*.expect")):
        lines = [l for l in expect.read_text().splitlines() if l.strip() and not l.lstrip().startswith("#")]
        if not lines:
            continue
        path = expect.with_suffix("").relative_to(src).as_posix()
        checked += 1
        if not pattern.search(path):
            failures.append(f"not selected by the hook: {path}")
    for name in ["README.md", "docs/logo.png", "LICENSE.txt", "src/app.kt.bak"]:
        if pattern.search(name):
            failures.append(f"selected by the hook but not read: {name}")
    for f in failures:
        print(f)
    print(f"{checked} fixtures with ports checked against the hook's files pattern")
    return 1 if failures or checked < 50 else 0


if __name__ == "__main__":
    sys.exit(main())
