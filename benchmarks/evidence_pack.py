"""Evidence pack for a large organisation: the whole pipeline against WeasyPrint alone.

Builds (once) a provider with a fully answered Prevent self-evaluation, long narratives, five
evidence items per benchmark and 250 actions, then times three runs of
  - the pipeline: gather data, render the HTML template, lay out and write the PDF;
  - WeasyPrint alone on the same HTML.
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
from reporting.packs import render_pack_html, render_pdf  # noqa: E402
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
            started_by=user,
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


def main() -> None:
    assessment = build()
    organisation = assessment.organisation
    pipeline, weasy_only, pages = [], [], 0
    with tenant_scope(organisation):
        for _ in range(3):
            started = time.perf_counter()
            html = render_pack_html(assessment)
            pdf, pages = render_pdf(html)
            pipeline.append(time.perf_counter() - started)
            started = time.perf_counter()
            render_pdf(html)
            weasy_only.append(time.perf_counter() - started)
    results = {
        "pages": pages,
        "pdf_bytes": len(pdf),
        "pipeline_seconds": {
            "median": round(statistics.median(pipeline), 2),
            "runs": [round(t, 2) for t in pipeline],
        },
        "weasyprint_alone_seconds": {
            "median": round(statistics.median(weasy_only), 2),
            "runs": [round(t, 2) for t in weasy_only],
        },
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(results, indent=2))
    (ROOT / "benchmarks" / "results" / "evidence_pack.json").write_text(
        json.dumps(results, indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
