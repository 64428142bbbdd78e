"""Demo subcontractor registers.

Northfield has five subcontractors in different states: a high-risk one whose annual review is
overdue (with a red spot check whose findings raised actions), one whose questionnaire is
submitted and waiting for review, one with an expired document (and one about to expire), a
prospective one with a draft onboarding review, and one whose contract has ended. Riverside has
one of everything, so the isolation test can reach every page.

Each subcontractor is a `Scenario`: its register entry, documents and visits are data in
`demo.subcontractor_specs`; its review story is one function here, built from the steps in
`demo.review_steps`.

Idempotent: a subcontractor already in the register (by UKPRN) is left alone. No email is sent:
the emails a real run would have sent are recorded as sent, with their links.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any, NamedTuple

from django.core.files.base import ContentFile
from django.utils import timezone

from demo import subcontractor_specs as specs
from demo.helpers import backdate, person
from demo.review_steps import accepted_review, add_documents, add_visits, answer, mark_sent, submit
from demo.sample_files import pdf_bytes
from demo.subcontractor_specs import FULL_ANSWERS, DocumentSpec, VisitSpec
from subcontractors.authority import subcontractor_authority_record
from subcontractors.models import (
    LeadQuestion,
    QuestionKind,
    ReviewKind,
    Subcontractor,
    SubcontractorDocument,
    SubcontractorStatus,
)
from subcontractors.services import (
    lead_question_create,
    review_start,
    subcontractor_create,
    subcontractor_update,
)
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

DATE_FIELDS = ("contract_start", "contract_end", "next_review_date")


class Scenario(NamedTuple):
    register: dict
    review: Callable[[Subcontractor, object], None]  # (subcontractor, qm)
    documents: list[DocumentSpec] = []
    visits: list[VisitSpec] = []


def _create(organisation: Organisation, qm, spec: dict) -> Subcontractor | None:
    if Subcontractor.objects.for_organisation(organisation).filter(ukprn=spec["ukprn"]).exists():
        return None
    today = timezone.localdate()
    fields = {
        "contract_start": None,
        "contract_end": None,
        "risk_reasons": "",
        "next_review_date": None,
        **spec,
        "owner": person(organisation, spec["owner"]),
    }
    for name in DATE_FIELDS:
        if isinstance(fields[name], int):
            fields[name] = today + timedelta(days=fields[name])
    authority = dict(fields.pop("authority", None) or {})
    subcontractor = subcontractor_create(organisation=organisation, by=qm, **fields)
    if authority:
        checked = today - timedelta(days=authority.pop("days_ago"))
        subcontractor_authority_record(
            subcontractor=subcontractor,
            today=today,
            by=qm,
            authority_checked_on=checked,
            **authority,
        )
    return subcontractor


def _policy_upload(heading: str, lines: list[str], name: str) -> tuple[str, ContentFile]:
    return ("prevent_policy", ContentFile(pdf_bytes(heading, lines), name=name))


def _annual_overdue(apex: Subcontractor, qm) -> None:
    """Onboarded a year ago; this year's questionnaire sent 40 days ago, barely started."""
    accepted_review(apex, qm, days_ago=380, kind=ReviewKind.ONBOARDING)
    today = timezone.localdate()
    review = review_start(
        subcontractor=apex, due_date=today - timedelta(days=5), by=qm, kind=ReviewKind.ANNUAL
    )
    link = mark_sent(review, qm, 40)
    started = {key: FULL_ANSWERS[key] for key in ("prevent_policy", "prevent_lead_dsl")}
    answer(link, started, days_ago=12)
    backdate(review, created_at=timezone.now() - timedelta(days=40))


def _submitted(brightpath: Subcontractor, qm) -> None:
    """Sent 10 days ago, answered in full with the policy attached, submitted 2 days ago."""
    review = review_start(
        subcontractor=brightpath, due_date=timezone.localdate() + timedelta(days=18), by=qm
    )
    link = mark_sent(review, qm, 10)
    policy = _policy_upload(
        "Brightpath Training: Prevent and safeguarding policy",
        ["Approved by the directors.", "Next review: August."],
        "Brightpath Prevent policy.pdf",
    )
    answer(link, FULL_ANSWERS, uploads=[policy], days_ago=2)
    submit(link, name="Hannah Cole", role="Prevent lead and DSL", days_ago=2)
    now = timezone.now()
    backdate(
        review,
        created_at=now - timedelta(days=10),
        submitted_at=now - timedelta(days=2),
    )


def _accepted_this_year(castlegate: Subcontractor, qm) -> None:
    accepted_review(castlegate, qm, days_ago=65, kind=ReviewKind.ANNUAL)


def _onboarding_draft(dovetail: Subcontractor, qm) -> None:
    review_start(subcontractor=dovetail, due_date=timezone.localdate() + timedelta(days=28), by=qm)


def _contract_ended(elmstead: Subcontractor, qm) -> None:
    accepted_review(elmstead, qm, days_ago=420, kind=ReviewKind.ANNUAL)
    elmstead.refresh_from_db()
    subcontractor_update(
        subcontractor=elmstead, by=qm, status=SubcontractorStatus.ENDED, next_review_date=None
    )


def _partly_answered(harbour: Subcontractor, qm) -> None:
    """Onboarded last year; this year's questionnaire has only the policy answered so far."""
    accepted_review(harbour, qm, days_ago=330, kind=ReviewKind.ONBOARDING)
    review = review_start(
        subcontractor=harbour, due_date=timezone.localdate() + timedelta(days=20), by=qm
    )
    link = mark_sent(review, qm, 8)
    policy = _policy_upload(
        "Harbour Lane Training: Prevent policy", ["Approved."], "Harbour Lane Prevent policy.pdf"
    )
    answer(link, {"prevent_policy": FULL_ANSWERS["prevent_policy"]}, uploads=[policy], days_ago=3)


SCENARIOS = {
    "northfield-training": [
        Scenario(specs.APEX, _annual_overdue, specs.APEX_DOCUMENTS, specs.APEX_VISITS),
        Scenario(specs.BRIGHTPATH, _submitted, visits=specs.BRIGHTPATH_VISITS),
        Scenario(
            specs.CASTLEGATE,
            _accepted_this_year,
            specs.CASTLEGATE_DOCUMENTS,
            specs.CASTLEGATE_VISITS,
        ),
        Scenario(specs.DOVETAIL, _onboarding_draft),
        Scenario(specs.ELMSTEAD, _contract_ended),
    ],
    "riverside-college": [
        Scenario(specs.HARBOUR, _partly_answered, specs.HARBOUR_DOCUMENTS, specs.HARBOUR_VISITS),
    ],
}


#: The lead's own questions, added after this year's reviews, so next year's reviews ask them.
OWN_QUESTIONS: list[dict[str, Any]] = [
    {"text": "Do you deliver any of our learners' learning online?", "kind": QuestionKind.YES_NO},
    {
        "text": "Which Prevent awareness course do your tutors complete?",
        "kind": QuestionKind.CHOICE,
        "choices": [
            "Home Office Prevent awareness (online)",
            "A session delivered by us",
            "An ETF module",
            "Another course",
        ],
    },
    {
        "text": "Upload your latest safeguarding report to your board or directors",
        "kind": QuestionKind.FILE,
        "hint": "A redacted copy is fine: we need the figures and actions, not names.",
    },
]


def _seed_organisation(organisation: Organisation, scenarios: list[Scenario]) -> int:
    qm = person(organisation, "qm")
    created = 0
    for scenario in scenarios:
        subcontractor = _create(organisation, qm, scenario.register)
        if subcontractor is None:
            continue
        created += 1
        scenario.review(subcontractor, qm)
        add_documents(subcontractor, qm, scenario.documents)
        add_visits(subcontractor, qm, scenario.visits)
    if created and not LeadQuestion.objects.exists():
        for question in OWN_QUESTIONS:
            lead_question_create(organisation=organisation, by=qm, **question)
    return created


def seed_subcontractors() -> list[str]:
    made = 0
    for slug, scenarios in SCENARIOS.items():
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            made += _seed_organisation(organisation, scenarios)
    count = SubcontractorDocument.unscoped.count()
    return [f"Subcontractor registers: {made} subcontractors added ({count} documents in all)"]
