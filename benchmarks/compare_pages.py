"""Prints the before/after table (Markdown) from two results of benchmarks/pages.py, matched by
path: `python benchmarks/compare_pages.py results/pages-before.json results/pages.json`."""

import json
import sys
from pathlib import Path


def main() -> None:
    before, after = (json.loads(Path(p).read_text())["pages"] for p in sys.argv[1:3])
    earlier = {row["path"]: row for row in before}
    print("| page | before: x trivial (median ms, KB) | after: x trivial (median ms, p95 ms, KB) |")
    print("|---|---|---|")
    for row in after:
        old = earlier.get(row["path"])
        was = f"{old['ratio']} ({old['median_ms']:.0f}, {old['bytes'] // 1024})" if old else "—"
        ms, p95, kb = row["median_ms"], row["p95_ms"], row["bytes"] // 1024
        now = f"{row['ratio']} ({ms:.0f}, {p95:.0f}, {kb})"
        print(f"| {row['page']} | {was} | {now} |")


if __name__ == "__main__":
    main()
