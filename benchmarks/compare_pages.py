"""Prints the before/after table (Markdown) from two results of benchmarks/pages.py, matched by
position (both runs request the same pages in the same list; several share a path, such as the
portfolio of each account manager; a dataset seeded again has new codes in its paths, and some
pages were renamed since `results/pages-before.json`): each row is named as in AFTER.json.
`python benchmarks/compare_pages.py BEFORE.json AFTER.json`."""

import json
import sys
from pathlib import Path


def main() -> None:
    before, after = (json.loads(Path(p).read_text())["pages"] for p in sys.argv[1:3])
    assert len(before) == len(after), "not the same pages"
    print("| page | before: x trivial (median ms, KB) | after: x trivial (median ms, p95 ms, KB) |")
    print("|---|---|---|")
    for old, row in zip(before, after, strict=True):
        was = f"{old['ratio']} ({old['median_ms']:.0f}, {old['bytes'] // 1024})"
        ms, p95, kb = row["median_ms"], row["p95_ms"], row["bytes"] // 1024
        now = f"{row['ratio']} ({ms:.0f}, {p95:.0f}, {kb})"
        print(f"| {row['page']} | {was} | {now} |")


if __name__ == "__main__":
    main()
