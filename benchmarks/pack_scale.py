"""Evidence pack for a large organisation, timed stage by stage.

Builds (once) a provider with a fully answered Prevent self-evaluation, long narratives, five
evidence items per benchmark, ten saved revisions of every judgement, 250 actions raised from
the self-evaluation and 10,000 more from its history (earlier cycles, visits), then times, in
random order, three runs of each stage on its own:
  - Django: gathering the pack's data (`build_pack_context`);
  - Django: rendering the HTML template;
  - WeasyPrint: laying out and writing the PDF.
Each run records wall and CPU seconds (`time.process_time`): on this shared machine the load
inflates wall time many times over (issue 17's first run: 333 s at load ~18, 9 s quiet), CPU
time far less; the load averages before and after are kept with the results.
The pack should grow with the self-evaluation, not with the history: the 10,000 history actions
appear as counts and the revisions as one first/final row per benchmark.
Usage: .venv/bin/python benchmarks/pack_scale.py  (DATABASE_URL as for the app; for a quick
check BENCH_HISTORY_ACTIONS=100 BENCH_REVISIONS=2 BENCH_RUNS=1 on a fresh database).
"""

import json
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/prevent-benchmark.sqlite3")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402
from large_provider import large_provider  # noqa: E402

from actionplans.models import Action  # noqa: E402
from reporting.packs import build_pack_context  # noqa: E402
from reporting.pdf_output import render_pdf  # noqa: E402
from tenancy.scope import tenant_scope  # noqa: E402

OWN_ACTIONS = 250
HISTORY_ACTIONS = int(os.environ.get("BENCH_HISTORY_ACTIONS", 10_000))
REVISIONS = int(os.environ.get("BENCH_REVISIONS", 10))
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "benchmarks" / "results"))
RUNS = int(os.environ.get("BENCH_RUNS", 3))  # of each stage
LABEL = os.environ.get("BENCH_LABEL", "after")  # "before": run from a checkout of older code


def _timed(stage) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `stage`."""
    wall, cpu = time.perf_counter(), time.process_time()
    stage()
    return time.perf_counter() - wall, time.process_time() - cpu


def _summary(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 2), "runs": [round(t, 2) for t in values]}


def _peak_mb(stage) -> float:
    """Peak Python allocations of one untimed run of `stage` (tracemalloc slows it down, so
    the timed runs are made without it)."""
    tracemalloc.start()
    stage()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return round(peak / 1_000_000, 1)


def main() -> None:
    assessment = large_provider(
        slug="bench-large-college-history",
        ukprn="10999998",
        revisions=REVISIONS,
        own_actions=OWN_ACTIONS,
        history_actions=HISTORY_ACTIONS,
    )
    organisation = assessment.organisation
    load_before = os.getloadavg()
    times: dict[str, list[float]] = {"data": [], "template": [], "weasyprint": []}
    cpu: dict[str, list[float]] = {name: [] for name in times}
    with tenant_scope(organisation):
        context = build_pack_context(assessment)
        html = render_to_string("reporting/pdf/pack.html", context)
        pdf, pages = render_pdf(html)
        stages = {
            "data": lambda: build_pack_context(assessment),
            "template": lambda: render_to_string("reporting/pdf/pack.html", context),
            "weasyprint": lambda: render_pdf(html),
        }
        runs = [name for name in stages for _ in range(RUNS)]
        random.shuffle(runs)
        for name in runs:
            wall, cpu_seconds = _timed(stages[name])
            times[name].append(wall)
            cpu[name].append(cpu_seconds)
        peaks = {f"{name}_peak_python_mb": _peak_mb(stage) for name, stage in stages.items()}
    results = {
        "label": LABEL,
        "organisation_actions": Action.unscoped.filter(organisation=organisation).count(),
        "actions_in_pack": len(context["actions"]),
        "judgement_revisions": REVISIONS,
        # first/final rows now; every saved revision before issue 17
        "change_rows": len(context.get("changes") or context.get("history") or []),
        "pages": pages,
        "pdf_bytes": len(pdf),
        "html_bytes": len(html),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        **{f"{name}_seconds": _summary(values) for name, values in times.items()},
        **{f"{name}_cpu_seconds": _summary(values) for name, values in cpu.items()},
        "pack_seconds_median": round(sum(statistics.median(v) for v in times.values()), 2),
        "pack_cpu_seconds_median": round(sum(statistics.median(v) for v in cpu.values()), 2),
        **peaks,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(results, indent=2))
    (RESULTS / f"pack_scale-{LABEL}.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
