#!/usr/bin/env python3
"""Checks the format of every data/gazetteers/*.tsv (Python 3 standard library only).

    python3 data/gazetteers/build/check_gazetteers.py [--fix-order]

Rules: UTF-8 without BOM, LF line ends; '#' comment lines only at the top (at least one, naming the
source, licence and columns); then one entry per line, columns separated by a TAB, the same number of
columns on every row; first column non-empty, no leading/trailing or double spaces; no duplicate first
column (exact, and also ignoring case, since the tagger matches ignoring case); rows sorted by the first
column in code-point order. Also reports row counts and the folder size (limit 1.5 MB).
--fix-order rewrites a hand-written file whose rows are merely out of order.
"""

import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FOLDER = os.path.dirname(HERE)
LIMIT = 1_500_000


def check(path, fix_order):
    problems = []
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append("has a BOM")
    if b"\r" in raw:
        problems.append("has CR characters")
    text = raw.decode("utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        problems.append("does not end with a newline")
    header = []
    while lines and lines[0].startswith("#"):
        header.append(lines.pop(0))
    if not header:
        problems.append("no # header")
    rows = []
    for n, line in enumerate(lines, len(header) + 1):
        if line.startswith("#") or not line.strip():
            problems.append(f"line {n}: comment or blank line after the header")
            continue
        cols = line.split("\t")
        name = cols[0]
        if not name or name != name.strip() or "  " in name:
            problems.append(f"line {n}: bad first column {name!r}")
        if any(c != c.strip() or not c for c in cols[1:]):
            problems.append(f"line {n}: empty column or stray spaces")
        rows.append(cols)
    widths = {len(r) for r in rows}
    if len(widths) > 1:
        problems.append(f"rows have different column counts {sorted(widths)}")
    names = [r[0] for r in rows]
    if len(set(names)) != len(names):
        problems.append("duplicate first column: " + ", ".join(sorted({x for x in names if names.count(x) > 1})[:10]))
    lower = [x.lower() for x in names]
    if len(set(lower)) != len(lower):
        seen, d = set(), []
        for x in names:
            if x.lower() in seen:
                d.append(x)
            seen.add(x.lower())
        problems.append("duplicate first column ignoring case: " + ", ".join(d[:10]))
    if names != sorted(names):
        if fix_order:
            rows.sort(key=lambda r: r[0])
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write("\n".join(header + ["\t".join(r) for r in rows]) + "\n")
            print(f"{os.path.basename(path)}: rows sorted")
        else:
            problems.append("rows not sorted by the first column (code-point order)")
    return len(rows), len(raw), problems


def main():
    fix_order = "--fix-order" in sys.argv
    bad = False
    for path in sorted(glob.glob(os.path.join(FOLDER, "*.tsv"))):
        n, size, problems = check(path, fix_order)
        print(f"{os.path.basename(path):24} {n:6} rows {size:9,} bytes" + ("" if not problems else "  PROBLEMS"))
        for p in problems:
            print("    " + p)
            bad = True
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _dirs, files in os.walk(FOLDER) for f in files)
    print(f"folder total {total:,} bytes (limit {LIMIT:,})")
    if total > LIMIT:
        print("    folder is over the size limit")
        bad = True
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
