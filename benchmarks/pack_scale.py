"""Evidence pack for a large organisation, timed stage by stage.

Builds (once) a provider with a fully answered Prevent self-evaluation, long narratives, five
evidence items per benchmark, ten saved revisions of every judgement, 250 actions raised from
the self-evaluation and 10,000 more from its history (earlier cycles, visits), then times, in
random order, three runs of each stage on its own:
  - Django: gathering the pack's data (`build_pack_context`);
  - Django: rendering the HTML template;
  - WeasyPrint: laying out and writing the PDF.
The pack should grow with the self-evaluation, not with the history: the 10,000 history actions
appear as counts and the revisions as one first/final row per benchmark.
Usage: .venv/bin/python benchmarks/pack_scale.py  (DATABASE_URL as for the app).
"""

import json
import os
import random
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
from django.template.loader import render_to_string  # noqa: E402

from accounts.models import User  # noqa: E402
from actionplans.models import Action, ActionStatus, Priority  # noqa: E402
from assessments.models import Assessment  # noqa: E402
from assessments.services import ResponseChange, assessment_start, response_save  # noqa: E402
from evidence.models import EvidenceItem, EvidenceKind  # noqa: E402
from frameworks.models import FrameworkVersion  # noqa: E402
from frameworks.services import framework_load_builtin  # noqa: E402
from reporting.packs import build_pack_context  # noqa: E402
from reporting.pdf_output import render_pdf  # noqa: E402
from tenancy.models import Membership, Organisation  # noqa: E402
from tenancy.scope import tenant_scope  # noqa: E402

OWN_ACTIONS = 250
HISTORY_ACTIONS = 10_000
REVISIONS = 10
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
        slug="bench-large-college-history",
        defaults={
            "name": "Bench Large College",
            "ukprn": "10999998",
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
        version = FrameworkVersion.objects.get(framework__slug="prevent-fe-itp")
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
        responses = list(assessment.responses.all())
        for revision in range(REVISIONS):
            for n, response in enumerate(responses):
                response.refresh_from_db()
                response_save(
                    response=response,
                    change=ResponseChange(
                        level=((n + revision) % 4) + 1,
                        confidence=["green", "amber", "red"][(n + revision) % 3],
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
                response=responses[n % len(responses)] if n < OWN_ACTIONS else None,
                owner=user,
                due_date=date(2026, 12, 1) + timedelta(days=n % 90),
                priority=Priority.MEDIUM,
                status=ActionStatus.IN_PROGRESS,
                impact_note=NARRATIVE[:160],
            )
            for n in range(OWN_ACTIONS + HISTORY_ACTIONS)
        )
        return assessment


def _timed(stage) -> float:
    started = time.perf_counter()
    stage()
    return time.perf_counter() - started


def main() -> None:
    assessment = build()
    organisation = assessment.organisation
    times: dict[str, list[float]] = {"data": [], "template": [], "weasyprint": []}
    with tenant_scope(organisation):
        context = build_pack_context(assessment)
        html = render_to_string("reporting/pdf/pack.html", context)
        pdf, pages = render_pdf(html)
        stages = {
            "data": lambda: build_pack_context(assessment),
            "template": lambda: render_to_string("reporting/pdf/pack.html", context),
            "weasyprint": lambda: render_pdf(html),
        }
        runs = [name for name in stages for _ in range(3)]
        random.shuffle(runs)
        for name in runs:
            times[name].append(_timed(stages[name]))
    results = {
        "organisation_actions": Action.unscoped.filter(organisation=organisation).count(),
        "actions_in_pack": len(context["actions"]),
        "judgement_revisions": REVISIONS,
        "pages": pages,
        "pdf_bytes": len(pdf),
        "html_bytes": len(html),
        **{
            f"{name}_seconds": {
                "median": round(statistics.median(values), 2),
                "runs": [round(t, 2) for t in values],
            }
            for name, values in times.items()
        },
        "pack_seconds_median": round(sum(statistics.median(v) for v in times.values()), 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(results, indent=2))
    (ROOT / "benchmarks" / "results" / "pack_scale.json").write_text(
        json.dumps(results, indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
