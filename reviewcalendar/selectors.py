"""Every dated review in the product, for one organisation (and optionally one person).

One query per kind of date, each bounded by the date range, so a month costs the same however
large the registers grow.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.urls import reverse

from actionplans.models import OPEN_STATUSES, Action
from assessments.models import Assessment, Status
from evidence.models import EvidenceItem
from registers.models import Risk, RiskStatus
from subcontractors.models import Subcontractor, SubcontractorStatus
from tenancy.models import Organisation


class EntryKind(StrEnum):
    EVIDENCE = "evidence"
    RISK_REVIEW = "risk_review"
    SUBCONTRACTOR_REVIEW = "subcontractor_review"
    SELF_EVALUATION = "self_evaluation"
    ACTION = "action"


KIND_LABELS = {
    EntryKind.EVIDENCE: "Evidence valid until",
    EntryKind.RISK_REVIEW: "Risk review",
    EntryKind.SUBCONTRACTOR_REVIEW: "Subcontractor review",
    EntryKind.SELF_EVALUATION: "Self-evaluation due",
    EntryKind.ACTION: "Action due",
}


@dataclass(frozen=True)
class Entry:
    day: date
    kind: EntryKind
    title: str
    path: str
    person: str
    uid: str  # stable across feeds, for calendar apps to update rather than duplicate

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def _url(name: str, org: Organisation, **kwargs) -> str:
    return reverse(name, kwargs={"org_slug": org.slug, **kwargs})


def _name(user) -> str:
    return user.display_name if user else ""


def calendar_entries(
    *,
    organisation: Organisation,
    start: date,
    end: date,
    person=None,
    kinds: set[str] | None = None,
) -> list[Entry]:
    """Entries dated start..end inclusive, by date then kind. `person`: only theirs."""
    kinds = set(kinds or EntryKind)
    org = organisation
    entries: list[Entry] = []

    def mine(queryset, field):
        return queryset.filter(**{field: person}) if person is not None else queryset

    if EntryKind.EVIDENCE in kinds:
        items = EvidenceItem.objects.filter(
            organisation=org, archived_at=None, valid_until__range=(start, end)
        ).select_related("owner")
        for e in mine(items, "owner"):
            entries.append(
                Entry(
                    e.valid_until,
                    EntryKind.EVIDENCE,
                    e.title,
                    _url("evidence:detail", org, evidence_code=e.code),
                    _name(e.owner),
                    f"evidence-{e.code}",
                )
            )
    if EntryKind.RISK_REVIEW in kinds:
        risks = Risk.objects.filter(
            organisation=org, status=RiskStatus.OPEN, next_review_date__range=(start, end)
        ).select_related("owner")
        for r in mine(risks, "owner"):
            entries.append(
                Entry(
                    r.next_review_date,
                    EntryKind.RISK_REVIEW,
                    r.risk,
                    _url("registers:risk", org, risk_code=r.code),
                    _name(r.owner),
                    f"risk-{r.code}",
                )
            )
    if EntryKind.SUBCONTRACTOR_REVIEW in kinds:
        subs = (
            Subcontractor.objects.filter(organisation=org, next_review_date__range=(start, end))
            .exclude(status=SubcontractorStatus.ENDED)
            .select_related("owner")
        )
        for s in mine(subs, "owner"):
            entries.append(
                Entry(
                    s.next_review_date,
                    EntryKind.SUBCONTRACTOR_REVIEW,
                    s.name,
                    _url("subcontractors:detail", org, subcontractor_code=s.code),
                    _name(s.owner),
                    f"subcontractor-{s.code}",
                )
            )
    if EntryKind.SELF_EVALUATION in kinds:
        assessments = (
            Assessment.objects.filter(organisation=org, due_date__range=(start, end))
            .exclude(status=Status.APPROVED)
            .select_related("lead")
        )
        for a in mine(assessments, "lead"):
            entries.append(
                Entry(
                    a.due_date,
                    EntryKind.SELF_EVALUATION,
                    a.title,
                    _url("assessments:detail", org, assessment_code=a.code),
                    _name(a.lead),
                    f"assessment-{a.code}",
                )
            )
    if EntryKind.ACTION in kinds:
        actions = Action.objects.filter(
            organisation=org, status__in=OPEN_STATUSES, due_date__range=(start, end)
        ).select_related("owner")
        for a in mine(actions, "owner"):
            entries.append(
                Entry(
                    a.due_date,
                    EntryKind.ACTION,
                    a.title,
                    _url("actionplans:detail", org, action_code=a.code),
                    _name(a.owner),
                    f"action-{a.code}",
                )
            )
    return sorted(entries, key=lambda e: (e.day, e.kind, e.title))
