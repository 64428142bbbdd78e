"""Evidence pack for a large organisation: the whole pipeline, and what tagging costs.

Builds (once) a provider with a fully answered Prevent self-evaluation, long narratives, five
evidence items per benchmark and 250 actions, then for five rounds times
  - gathering the data and rendering the HTML template;
  - WeasyPrint writing a plain PDF (no tags, no PDF/A) and the pack's tagged PDF/A-3u of the
    same HTML, in alternating order, so both see the same machine load (paired runs); wall
    and CPU time, and their ratios round by round.
Usage: .venv/bin/python benchmarks/evidence_pack.py  (DATABASE_URL as for the app; ROUNDS=1 for a
quick check).
"""

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/prevent-benchmark.sqlite3")

import django  # noqa: E402

django.setup()

from large_provider import large_provider  # noqa: E402

from reporting.packs import render_pack_html  # noqa: E402
from reporting.pdf_output import render_pdf  # noqa: E402
from tenancy.scope import tenant_scope  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "5"))
PLAIN: dict = {}  # WeasyPrint's defaults: what packs were before tagging


def _timed(function, *args) -> tuple:
    """The result, wall-clock seconds and this process's CPU seconds (the latter barely moves
    when other work shares the machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _summary(seconds: list[float]) -> dict:
    return {"median": round(statistics.median(seconds), 2), "runs": [round(t, 2) for t in seconds]}


def _ratios(tagged: list[float], plain: list[float]) -> dict:
    ratios = [t / p for t, p in zip(tagged, plain, strict=True)]
    return {"median": round(statistics.median(ratios), 3), "runs": [round(r, 3) for r in ratios]}


def main() -> None:
    # 250 actions, none raised from the self-evaluation: the pack shows them as counts.
    assessment = large_provider(slug="bench-large-college", ukprn="10999999", history_actions=250)
    html_times: list[float] = []
    times: dict[str, list[float]] = {"plain": [], "tagged": [], "plain_cpu": [], "tagged_cpu": []}
    sizes: dict[str, dict] = {}
    with tenant_scope(assessment.organisation):
        for round_number in range(ROUNDS):
            html, wall, _ = _timed(render_pack_html, assessment)
            html_times.append(wall)
            order = ("plain", "tagged") if round_number % 2 == 0 else ("tagged", "plain")
            for kind in order:
                (pdf, pages), wall, cpu = _timed(
                    render_pdf, html, PLAIN if kind == "plain" else None
                )
                times[kind].append(wall)
                times[f"{kind}_cpu"].append(cpu)
                sizes[kind] = {"pages": pages, "pdf_bytes": len(pdf)}
    results = {
        "rounds": ROUNDS,
        "plain_pdf": sizes["plain"],
        "tagged_pdf_a_3u": sizes["tagged"],
        "html_seconds": _summary(html_times),
        "plain_pdf_seconds": _summary(times["plain"]),
        "tagged_pdf_seconds": _summary(times["tagged"]),
        "plain_pdf_cpu_seconds": _summary(times["plain_cpu"]),
        "tagged_pdf_cpu_seconds": _summary(times["tagged_cpu"]),
        "tagged_over_plain_wall": _ratios(times["tagged"], times["plain"]),
        "tagged_over_plain_cpu": _ratios(times["tagged_cpu"], times["plain_cpu"]),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(results, indent=2))
    (ROOT / "benchmarks" / "results" / "evidence_pack.json").write_text(
        json.dumps(results, indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
