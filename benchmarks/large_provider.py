"""The large provider the evidence-pack benchmarks measure, built once per database and reused.

A college with a fully answered Prevent self-evaluation (the newest framework version), long
narratives, five of its 220 evidence items per benchmark, every judgement saved `revisions`
times, `own_actions` actions raised from the self-evaluation (one per response in turn) and
`history_actions` more that were not (earlier cycles, visits). Import it after `django.setup()`.
"""

from datetime import date, timedelta

from django.core.management import call_command

from accounts.models import User
from actionplans.models import Action, ActionStatus, Priority
from assessments.models import Assessment, Response
from assessments.services import ResponseChange, assessment_start, response_save
from evidence.models import EvidenceItem, EvidenceKind
from frameworks.models import Framework
from frameworks.services import framework_load_builtin
from tenancy.models import Membership, Organisation
from tenancy.scope import tenant_scope

NARRATIVE = (
    "Leaders review this each term against the action plan and the risk assessment. Staff "
    "questioning in learning walks shows that tutors and assessors know the referral route and "
    "can explain local risks; as a result referrals are timely and well judged. Learner voice "
    "surveys show most learners can say how to raise a concern, although apprentices at two "
    "employer sites were less confident, which is why we are extending the workplace briefing. "
)
EVIDENCE_ITEMS = 220
EVIDENCE_PER_BENCHMARK = 5


def _organisation(slug: str, ukprn: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        slug=slug,
        defaults={
            "name": "Bench Large College",
            "ukprn": ukprn,
            "provider_type": "general_fe_college",
            "contact_name": "Bench",
            "contact_email": "bench@large.example",
        },
    )
    return organisation


def _quality_manager(organisation: Organisation) -> User:
    user, _ = User.objects.get_or_create(email="qm@large.example", defaults={"name": "Quinn"})
    Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": "quality_manager"}
    )
    return user


def _evidence(organisation: Organisation, owner: User) -> list[EvidenceItem]:
    return [
        EvidenceItem.objects.create(
            organisation=organisation,
            title=f"Evidence record {n:03d}: Prevent training completion and meeting notes",
            kind=EvidenceKind.LINK,
            url=f"https://intranet.large.example/evidence/{n}",
            owner=owner,
            effective_date=date(2026, 9, 1),
            valid_until=date(2027, 8, 31),
        )
        for n in range(EVIDENCE_ITEMS)
    ]


def _answer(responses: list[Response], evidence: list[EvidenceItem], by: User, revisions: int):
    for revision in range(revisions):
        for n, response in enumerate(responses):
            response.refresh_from_db()
            first = n * EVIDENCE_PER_BENCHMARK
            response_save(
                response=response,
                change=ResponseChange(
                    level=((n + revision) % 4) + 1,
                    confidence=["green", "amber", "red"][(n + revision) % 3],
                    strengths=NARRATIVE * 2,
                    improvements=NARRATIVE,
                    evidence=evidence[first : first + EVIDENCE_PER_BENCHMARK],
                ),
                expected_revision=response.revision,
                by=by,
            )


def _actions(organisation, owner, responses: list[Response], own: int, history: int) -> None:
    Action.objects.bulk_create(
        Action(
            organisation=organisation,
            title=f"Improvement action {n}: {NARRATIVE[:80]}",
            response=responses[n % len(responses)] if n < own else None,
            owner=owner,
            due_date=date(2026, 12, 1) + timedelta(days=n % 90),
            priority=Priority.MEDIUM,
            status=ActionStatus.IN_PROGRESS,
            impact_note=NARRATIVE[:160],
        )
        for n in range(own + history)
    )


def large_provider(
    *, slug: str, ukprn: str, revisions: int = 1, own_actions: int = 0, history_actions: int = 0
) -> Assessment:
    """The provider's self-evaluation: migrates, loads the frameworks and, the first time for
    this `slug`, builds the provider."""
    call_command("migrate", verbosity=0)
    framework_load_builtin()
    organisation = _organisation(slug, ukprn)
    with tenant_scope(organisation):
        existing = Assessment.objects.first()
        if existing:
            return existing
        version = Framework.objects.get(slug="prevent-fe-itp").latest_version()
        assert version is not None, "framework_load_builtin loads it"
        user = _quality_manager(organisation)
        evidence = _evidence(organisation, user)
        assessment = assessment_start(
            organisation=organisation,
            title="2026/27 Prevent self-assessment",
            framework_version=version,
            lead=user,
            due_date=None,
            by=user,
        )
        responses = list(assessment.responses.all())
        _answer(responses, evidence, user, revisions)
        _actions(organisation, user, responses, own_actions, history_actions)
        return assessment
