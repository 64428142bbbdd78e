"""Every dated review in the product, for one organisation (and optionally one person).

One query per kind of date, each bounded by the date range, so a month costs the same however
large the registers grow.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from django.db.models import QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actionplans.models import OPEN_STATUSES, Action
from assessments.models import Assessment, Status
from evidence.models import EvidenceItem, only_visible
from filtering.models import FilteringReview
from partners.models import PartnerContact
from registers.models import Risk, RiskStatus
from subcontractors.models import Subcontractor, SubcontractorStatus
from tenancy.access import OrgAccess
from tenancy.models import Organisation
from training.selectors import refreshers_due


class EntryKind(StrEnum):
    EVIDENCE = "evidence"
    RISK_REVIEW = "risk_review"
    SUBCONTRACTOR_REVIEW = "subcontractor_review"
    SELF_EVALUATION = "self_evaluation"
    ACTION = "action"
    TRAINING_REFRESHER = "training_refresher"
    FILTERING_REVIEW = "filtering_review"
    PARTNER_CONTACT = "partner_contact"


KIND_LABELS = {
    EntryKind.EVIDENCE: _("Evidence valid until"),
    EntryKind.RISK_REVIEW: _("Risk review"),
    EntryKind.SUBCONTRACTOR_REVIEW: _("Subcontractor review"),
    EntryKind.SELF_EVALUATION: _("Self-evaluation due"),
    EntryKind.ACTION: _("Action due"),
    EntryKind.TRAINING_REFRESHER: _("Training refreshers due"),
    EntryKind.FILTERING_REVIEW: _("Filtering and monitoring review"),
    EntryKind.PARTNER_CONTACT: _("Partner contact planned"),
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
        return str(KIND_LABELS[self.kind])


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


def _latest_filtering_review(organisation: Organisation) -> QuerySet:
    """Only the latest review's next date is due: earlier reviews' dates were met by it."""
    reviews = FilteringReview.objects.for_organisation(organisation)
    latest = reviews.order_by("-reviewed_on", "-pk").values("pk")[:1]
    return reviews.filter(pk__in=Subquery(latest))


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
    Source(
        EntryKind.FILTERING_REVIEW,
        lambda org: _latest_filtering_review(org),
        "next_review_date",
        "owner",
        lambda r: gettext("Annual filtering and monitoring review"),
        "filtering:review",
        "filtering_review_code",
    ),
    Source(
        EntryKind.PARTNER_CONTACT,
        lambda org: (
            PartnerContact.objects.for_organisation(org)
            .filter(is_current=True)
            .select_related("area")
        ),
        "next_review_date",
        "owner",
        lambda c: f"{c.organisation_name} ({c.area.name})",
        "partners:contact",
        "contact_code",
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
    if EntryKind.TRAINING_REFRESHER in kinds and person is None:
        entries += _refresher_entries(organisation, start, end)
    return sorted(entries, key=lambda e: (e.day, e.kind, e.title))


def _refresher_entries(organisation: Organisation, start: date, end: date) -> list[Entry]:
    """Staff training refreshers: one entry per course and day with how many people, not one
    per person (they are staff, not members; the calendar counts them, two queries)."""
    rows = refreshers_due(
        organisation=organisation, start=start, end=end, today=timezone.localdate()
    )
    return [
        Entry(
            day,
            EntryKind.TRAINING_REFRESHER,
            f"{course.title}: {n} {'refresher' if n == 1 else 'refreshers'} due",
            reverse(
                "training:course",
                kwargs={"org_slug": organisation.slug, "course_code": course.code},
            ),
            "",
            f"{EntryKind.TRAINING_REFRESHER.value}-{course.code}-{day.isoformat()}",
        )
        for day, course, n in rows
    ]
