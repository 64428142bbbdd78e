"""The action plan's CSV and the self-evaluation's XLSX at growing sizes: time and peak memory.

Runs the exports in-process against the growth organisations of `seed_demo --scale large`
(10 to 10,000 actions), in shuffled rounds, and records the median time and the peak Python
memory (tracemalloc) of producing each whole file. Bounded memory shows as a peak that stays
flat while the row count grows a thousandfold. Server times of the same exports over HTTP are
in results/pages.json.
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/pc_bench .venv/bin/python benchmarks/exports.py
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from actionplans.selectors import action_list  # noqa: E402
from actionplans.views.export import COLUMNS, FIELDS, action_row  # noqa: E402
from assessments.models import Assessment  # noqa: E402
from core.downloads import csv_lines  # noqa: E402
from demo.seed_scale import growth_slug  # noqa: E402
from reporting.exports import assessment_workbook  # noqa: E402
from tenancy.models import Organisation  # noqa: E402
from tenancy.scope import tenant_scope  # noqa: E402

SIZES = [10, 100, 1000, 10000]
ROUNDS = int(os.environ.get("ROUNDS", "5"))


def csv_export(organisation: Organisation) -> int:
    today = timezone.localdate()
    values = action_list(organisation=organisation).values_list(*FIELDS).iterator(2000)
    return sum(len(line) for line in csv_lines(COLUMNS, (action_row(v, today) for v in values)))


def xlsx_export(organisation: Organisation) -> int:
    assessment = Assessment.objects.latest("created_at")
    with tempfile.TemporaryFile() as target:
        assessment_workbook(assessment, target)
        return target.tell()


def timed(export, organisation: Organisation) -> float:
    with tenant_scope(organisation):
        started = time.perf_counter()
        export(organisation)
        return time.perf_counter() - started


def traced(export, organisation: Organisation) -> tuple[int, int]:
    """Peak traced memory and file size (a separate run: tracing slows the code down)."""
    with tenant_scope(organisation):
        tracemalloc.start()
        size = export(organisation)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak, size


def main() -> None:
    organisations = {n: Organisation.objects.get(slug=growth_slug(n)) for n in SIZES}
    cases = [(kind, n) for kind in ("csv", "xlsx") for n in SIZES]
    exports = {"csv": csv_export, "xlsx": xlsx_export}
    samples: dict[tuple[str, int], list[float]] = {c: [] for c in cases}
    for _ in range(ROUNDS):
        random.shuffle(cases)
        for kind, n in cases:
            samples[(kind, n)].append(timed(exports[kind], organisations[n]))
    rows = []
    for (kind, n), runs in sorted(samples.items()):
        peak, size = traced(exports[kind], organisations[n])
        rows.append(
            {
                "export": kind,
                "actions": n,
                "median_s": round(statistics.median(runs), 3),
                "peak_memory_mb": round(peak / 2**20, 1),
                "file_kb": size // 1024,
            }
        )
        print(rows[-1])
    out = ROOT / "benchmarks/results/exports.json"
    out.write_text(json.dumps({"rounds": ROUNDS, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
