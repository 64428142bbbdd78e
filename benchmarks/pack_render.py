"""WeasyPrint's stage of the large provider's pack, with and without the collector paused.

Saves the pack's HTML once (the provider of `benchmarks/pack_scale.py`), then lays it out and
writes the PDF in fresh processes, alternating "collector on" (`lay_out_and_write`, as before)
and "collector paused" (`render_pdf`), BENCH_RUNS of each. Each child reports the CPU seconds of
the render alone (`time.process_time`, which a loaded machine inflates far less than wall time),
its wall time and its peak RSS, so memory is that of one render, not of the benchmark.
Usage: .venv/bin/python benchmarks/pack_render.py  (DATABASE_URL as for the app; the same
BENCH_HISTORY_ACTIONS and BENCH_REVISIONS as pack_scale.py).
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "benchmarks" / "results"))
RUNS = int(os.environ.get("BENCH_RUNS", 3))  # of each variant
VARIANTS = ("collector_on", "collector_paused")


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/prevent-benchmark.sqlite3")
    import django

    django.setup()


def child(variant: str, html_path: str) -> None:
    """One render in this fresh process; prints its figures as JSON."""
    _setup()
    from reporting.pdf_output import ARCHIVAL_TAGGED, lay_out_and_write, render_pdf

    html = Path(html_path).read_text()
    render = render_pdf if variant == "collector_paused" else None
    cpu, wall = time.process_time(), time.perf_counter()
    pdf, pages = render(html) if render else lay_out_and_write(html, ARCHIVAL_TAGGED)
    figures = {
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "wall_seconds": round(time.perf_counter() - wall, 2),
        "pages": pages,
        "pdf_bytes": len(pdf),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(figures))


def _pack_html() -> str:
    _setup()
    from django.template.loader import render_to_string
    from large_provider import large_provider

    from reporting.packs import build_pack_context
    from tenancy.scope import tenant_scope

    assessment = large_provider(
        slug="bench-large-college-history",
        ukprn="10999998",
        revisions=int(os.environ.get("BENCH_REVISIONS", 10)),
        own_actions=250,
        history_actions=int(os.environ.get("BENCH_HISTORY_ACTIONS", 10_000)),
    )
    with tenant_scope(assessment.organisation):
        return render_to_string("reporting/pdf/pack.html", build_pack_context(assessment))


def _summary(runs: list[dict]) -> dict:
    return {
        key: {"median": statistics.median(r[key] for r in runs), "runs": [r[key] for r in runs]}
        for key in ("cpu_seconds", "wall_seconds", "peak_rss_mb")
    } | {"pages": runs[0]["pages"], "pdf_bytes": [r["pdf_bytes"] for r in runs]}


def main() -> None:
    html = _pack_html()
    runs: dict[str, list[dict]] = {name: [] for name in VARIANTS}
    with tempfile.NamedTemporaryFile("w", suffix=".html") as saved:
        saved.write(html)
        saved.flush()
        for _ in range(RUNS):
            for name in VARIANTS:
                command = [sys.executable, __file__, name, saved.name]
                output = subprocess.run(command, check=True, capture_output=True, text=True)
                runs[name].append(json.loads(output.stdout.strip().splitlines()[-1]))
    summaries = {name: _summary(values) for name, values in runs.items()}
    on, paused = (statistics.median(r["cpu_seconds"] for r in runs[name]) for name in VARIANTS)
    results = {
        "html_bytes": len(html),
        "order": "alternating, collector on first, each render in a fresh process",
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        **summaries,
        "cpu_ratio_paused_to_on": round(paused / on, 3),
    }
    print(json.dumps(results, indent=2))
    (RESULTS / "pack_render.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 3:
        child(*sys.argv[1:])
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        main()
