"""Evidence pack for a large organisation: the whole pipeline, and what tagging costs.

Builds (once) a provider with a fully answered Prevent self-evaluation, long narratives, five
evidence items per benchmark and 250 actions, then for five rounds times
  - gathering the data and rendering the HTML template;
  - WeasyPrint writing a plain PDF (no tags, no PDF/A) and the pack's tagged PDF/A-3u of the
    same HTML, in alternating order, so both see the same machine load (paired runs); wall
    and CPU time, and their ratios round by round.
Usage: .venv/bin/python benchmarks/evidence_pack.py  (DATABASE_URL as for the app).
"""

import json
import os
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/prevent-benchmark.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from accounts.models import User  # noqa: E402
from actionplans.models import Action, ActionStatus, Priority  # noqa: E402
from assessments.models import Assessment  # noqa: E402
from assessments.services import ResponseChange, assessment_start, response_save  # noqa: E402
from evidence.models import EvidenceItem, EvidenceKind  # noqa: E402
from frameworks.models import Framework  # noqa: E402
from frameworks.services import framework_load_builtin  # noqa: E402
from reporting.packs import render_pack_html  # noqa: E402
from reporting.pdf_output import render_pdf  # noqa: E402
from tenancy.models import Membership, Organisation  # noqa: E402
from tenancy.scope import tenant_scope  # noqa: E402

NARRATIVE = (
    "Leaders review this each term against the action plan and the risk assessment. Staff "
    "questioning in learning walks shows that tutors and assessors know the referral route and "
    "can explain local risks; as a result referrals are timely and well judged. Learner voice "
    "surveys show most learners can say how to raise a concern, although apprentices at two "
    "employer sites were less confident, which is why we are extending the workplace briefing. "
)


def build() -> Assessment:
    call_command("migrate", verbosity=0)
    framework_load_builtin()
    organisation, _ = Organisation.objects.get_or_create(
        slug="bench-large-college",
        defaults={
            "name": "Bench Large College",
            "ukprn": "10999999",
            "provider_type": "general_fe_college",
            "contact_name": "Bench",
            "contact_email": "bench@large.example",
        },
    )
    with tenant_scope(organisation):
        existing = Assessment.objects.first()
        if existing:
            return existing
        user, _ = User.objects.get_or_create(email="qm@large.example", defaults={"name": "Quinn"})
        Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": "quality_manager"}
        )
        version = Framework.objects.get(slug="prevent-fe-itp").latest_version()
        evidence = [
            EvidenceItem.objects.create(
                organisation=organisation,
                title=f"Evidence record {n:03d}: Prevent training completion and meeting notes",
                kind=EvidenceKind.LINK,
                url=f"https://intranet.large.example/evidence/{n}",
                owner=user,
                effective_date=date(2026, 9, 1),
                valid_until=date(2027, 8, 31),
            )
            for n in range(220)
        ]
        assessment = assessment_start(
            organisation=organisation,
            title="2026/27 Prevent self-assessment",
            framework_version=version,
            lead=user,
            due_date=None,
            by=user,
        )
        for n, response in enumerate(assessment.responses.all()):
            response_save(
                response=response,
                change=ResponseChange(
                    level=(n % 4) + 1,
                    confidence=["green", "amber", "red"][n % 3],
                    strengths=NARRATIVE * 2,
                    improvements=NARRATIVE,
                    evidence=evidence[n * 5 : n * 5 + 5],
                ),
                expected_revision=response.revision,
                by=user,
            )
        Action.objects.bulk_create(
            Action(
                organisation=organisation,
                title=f"Improvement action {n}: {NARRATIVE[:80]}",
                owner=user,
                due_date=date(2026, 12, 1) + timedelta(days=n % 90),
                priority=Priority.MEDIUM,
                status=ActionStatus.IN_PROGRESS,
                impact_note=NARRATIVE[:160],
            )
            for n in range(250)
        )
        return assessment


ROUNDS = 5
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
    assessment = build()
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
