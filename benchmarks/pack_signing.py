"""What signing costs a pack: generation with and without the signature, in random order.

Builds (once) the large provider of evidence_pack.py (a fully answered Prevent self-evaluation,
long narratives, five evidence items per benchmark, 250 actions), renders its HTML once, then
runs ROUNDS of each kind, shuffled into one sequence so both kinds see the same machine load:
  - unsigned: WeasyPrint writes the tagged PDF/A-3u, then the "shared with" line is stamped on
    (what a served copy was before signing);
  - signed: the same, then the platform's PAdES signature (`reporting.signing.sign_pdf`).
Wall and CPU seconds per run, the signing step alone, and signed over unsigned (medians, and
the signing step over the unsigned run's median). The budget is 10%.
Usage: .venv/bin/python benchmarks/pack_signing.py  (DATABASE_URL as for the app; ROUNDS=1 for a
quick check). Signs with a development certificate made in a temporary folder.
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/prevent-benchmark.sqlite3")
os.environ["PACK_SIGNING_DEV"] = "true"
os.environ["PACK_SIGNING_DEV_DIR"] = tempfile.mkdtemp(prefix="pack-signing-bench-")

import django  # noqa: E402

django.setup()

from large_provider import large_provider  # noqa: E402

from reporting.packs import render_pack_html  # noqa: E402
from reporting.pdf_output import render_pdf  # noqa: E402
from reporting.signing import credentials, pack_reason, sign_pdf  # noqa: E402
from reporting.stamp import stamp_pdf  # noqa: E402
from tenancy.scope import tenant_scope  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "4"))
LINE = "Shared with Ann Lee <ann.lee@inspector.example>"


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def run(html: str, reason: str, *, signed: bool) -> dict:
    start = _clock()
    pdf, _ = render_pdf(html)
    pdf = stamp_pdf(pdf, LINE)
    result = {}
    if signed:
        step = _clock()
        pdf = sign_pdf(pdf, reason=reason)
        result["sign_wall"], result["sign_cpu"] = _since(step)
    result["wall"], result["cpu"] = _since(start)
    result["bytes"] = len(pdf)
    return result


def _median(values: list[float], digits: int = 3) -> dict:
    return {
        "median": round(statistics.median(values), digits),
        "runs": [round(v, digits) for v in values],
    }


def main() -> None:
    assessment = large_provider(slug="bench-large-college", ukprn="10999999", history_actions=250)
    credentials()  # load the key once, as a long-running worker has
    results: dict[str, list[dict]] = {"unsigned": [], "signed": []}
    order = ["unsigned", "signed"] * ROUNDS
    random.shuffle(order)
    with tenant_scope(assessment.organisation):
        html = render_pack_html(assessment)
        reason = pack_reason(pack_code="00000000-0000-4000-8000-000000000000", snapshot_sha256="")
        for kind in order:
            results[kind].append(run(html, reason, signed=kind == "signed"))
            print(kind, {k: round(v, 3) for k, v in results[kind][-1].items()}, flush=True)
    unsigned, signed = results["unsigned"], results["signed"]
    summary: dict[str, Any] = {
        "rounds": ROUNDS,
        "order": order,
        "pdf_bytes": {"unsigned": unsigned[0]["bytes"], "signed": signed[0]["bytes"]},
        "unsigned_seconds": _median([r["wall"] for r in unsigned]),
        "signed_seconds": _median([r["wall"] for r in signed]),
        "unsigned_cpu_seconds": _median([r["cpu"] for r in unsigned]),
        "signed_cpu_seconds": _median([r["cpu"] for r in signed]),
        "signing_step_seconds": _median([r["sign_wall"] for r in signed]),
        "signing_step_cpu_seconds": _median([r["sign_cpu"] for r in signed]),
    }
    base_wall = summary["unsigned_seconds"]["median"]
    base_cpu = summary["unsigned_cpu_seconds"]["median"]
    summary["signed_over_unsigned_wall"] = round(summary["signed_seconds"]["median"] / base_wall, 3)
    summary["signed_over_unsigned_cpu"] = round(
        summary["signed_cpu_seconds"]["median"] / base_cpu, 3
    )
    summary["signing_step_share_of_unsigned_wall"] = round(
        summary["signing_step_seconds"]["median"] / base_wall, 4
    )
    summary["signing_step_share_of_unsigned_cpu"] = round(
        summary["signing_step_cpu_seconds"]["median"] / base_cpu, 4
    )
    print(json.dumps(summary, indent=2))
    (ROOT / "benchmarks" / "results" / "pack_signing.json").write_text(
        json.dumps(summary, indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
