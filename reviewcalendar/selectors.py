"""Every dated review in the product, for one organisation (and optionally one person).

One query per kind of date, each bounded by the date range, so a month costs the same however
large the registers grow.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from actionplans.models import OPEN_STATUSES, Action
from assessments.models import Assessment, Status
from evidence.models import EvidenceItem, only_visible
from registers.models import Risk, RiskStatus
from subcontractors.models import Subcontractor, SubcontractorStatus
from tenancy.access import OrgAccess
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


@dataclass(frozen=True)
class Source:
    """Where one kind of date lives: the rows, the date and person fields, the page to open."""

    kind: EntryKind
    rows: Callable[[Organisation], QuerySet]
    day: str
    person: str
    title: Callable[[Any], str]
    url_name: str
    url_kwarg: str


SOURCES = [
    Source(
        EntryKind.EVIDENCE,
        lambda org: EvidenceItem.objects.for_organisation(org).filter(archived_at=None),
        "valid_until",
        "owner",
        lambda e: e.title,
        "evidence:detail",
        "evidence_code",
    ),
    Source(
        EntryKind.RISK_REVIEW,
        lambda org: Risk.objects.for_organisation(org).filter(status=RiskStatus.OPEN),
        "next_review_date",
        "owner",
        lambda r: r.risk,
        "registers:risk",
        "risk_code",
    ),
    Source(
        EntryKind.SUBCONTRACTOR_REVIEW,
        lambda org: Subcontractor.objects.for_organisation(org).exclude(
            status=SubcontractorStatus.ENDED
        ),
        "next_review_date",
        "owner",
        lambda s: s.name,
        "subcontractors:detail",
        "subcontractor_code",
    ),
    Source(
        EntryKind.SELF_EVALUATION,
        lambda org: Assessment.objects.for_organisation(org).exclude(status=Status.APPROVED),
        "due_date",
        "lead",
        lambda a: a.title,
        "assessments:detail",
        "assessment_code",
    ),
    Source(
        EntryKind.ACTION,
        lambda org: Action.objects.for_organisation(org).filter(status__in=OPEN_STATUSES),
        "due_date",
        "owner",
        lambda a: a.title,
        "actionplans:detail",
        "action_code",
    ),
]


def calendar_entries(
    *,
    organisation: Organisation,
    start: date,
    end: date,
    person=None,
    kinds: set[str] | None = None,
    access: OrgAccess | None = None,
) -> list[Entry]:
    """Entries dated start..end inclusive, by date then kind. `person`: only theirs.
    Restricted evidence only for an `access` that may see it (None, as for feeds: never)."""
    kinds = set(kinds or EntryKind)
    entries: list[Entry] = []
    for source in SOURCES:
        if source.kind not in kinds:
            continue
        rows = source.rows(organisation).filter(**{f"{source.day}__range": (start, end)})
        if source.kind == EntryKind.EVIDENCE:
            rows = only_visible(rows, access)
        if person is not None:
            rows = rows.filter(**{source.person: person})
        for row in rows.select_related(source.person):
            responsible = getattr(row, source.person)
            path = reverse(
                source.url_name,
                kwargs={"org_slug": organisation.slug, source.url_kwarg: row.code},
            )
            entries.append(
                Entry(
                    getattr(row, source.day),
                    source.kind,
                    source.title(row),
                    path,
                    responsible.display_name if responsible else "",
                    f"{source.kind.value}-{row.code}",
                )
            )
    return sorted(entries, key=lambda e: (e.day, e.kind, e.title))
