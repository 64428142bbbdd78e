"""Read queries for the register pages, the signals and the pack. They take the organisation."""

from datetime import date, timedelta

from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from actionplans.models import ActionStatus
from core.history import change_summaries
from registers.base import DUE_SOON_DAYS, HIGH_FROM, MEDIUM_FROM
from registers.models import (
    APPROVED_STATUSES,
    COVERAGE_AREAS,
    UNDECIDED_STATUSES,
    EventSample,
    EventSampleItem,
    EventStatus,
    ExternalEvent,
    Risk,
    RiskCategory,
    RiskReview,
    RiskStatus,
    speaker_key,
)
from tenancy.models import Organisation

RATING_RANGES = {"high": (HIGH_FROM, 25), "medium": (MEDIUM_FROM, HIGH_FROM - 1), "low": (1, 4)}
HIGH_RESIDUAL = Q(residual__gte=HIGH_FROM)


def _scored(risks: QuerySet[Risk]) -> QuerySet[Risk]:
    return risks.annotate(
        inherent=F("likelihood") * F("impact"),
        residual=F("residual_likelihood") * F("residual_impact"),
    )


def risk_list(
    *,
    organisation: Organisation,
    category: str = "",
    rating: str = "",
    review: str = "",
    status: str = RiskStatus.OPEN,
    q: str = "",
    today: date | None = None,
) -> QuerySet[Risk]:
    """The register, filtered, highest residual rating first: one query."""
    today = today or timezone.localdate()
    risks = _scored(Risk.objects.for_organisation(organisation)).select_related(
        "organisation", "owner", "action__organisation"
    )
    if status:
        risks = risks.filter(status=status)
    if category:
        risks = risks.filter(category=category)
    if rating in RATING_RANGES:
        low, high = RATING_RANGES[rating]
        risks = risks.filter(residual__gte=low, residual__lte=high)
    if review == "overdue":
        risks = risks.filter(next_review_date__lt=today)
    elif review == "due_soon":
        risks = risks.filter(
            next_review_date__gte=today, next_review_date__lte=today + timedelta(DUE_SOON_DAYS)
        )
    if q:
        risks = risks.filter(Q(risk__icontains=q) | Q(hazard__icontains=q))
    return risks.order_by("-residual", "-inherent", "category", "risk", "pk")


def risk_summary(*, organisation: Organisation, today: date | None = None) -> dict:
    """The register at a glance, in two queries: for the list, the signals and the pack."""
    today = today or timezone.localdate()
    open_risks = _scored(Risk.objects.for_organisation(organisation).filter(status=RiskStatus.OPEN))
    overdue_action = Q(action__due_date__lt=today) & ~Q(action__status=ActionStatus.DONE)
    counts = open_risks.aggregate(
        open=Count("pk"),
        high=Count("pk", filter=HIGH_RESIDUAL),
        high_inherent=Count("pk", filter=Q(inherent__gte=HIGH_FROM)),
        medium=Count("pk", filter=Q(residual__gte=MEDIUM_FROM, residual__lt=HIGH_FROM)),
        high_without_action=Count("pk", filter=HIGH_RESIDUAL & Q(further_action="")),
        high_action_not_raised=Count(
            "pk", filter=HIGH_RESIDUAL & ~Q(further_action="") & Q(action=None)
        ),
        actions_overdue=Count("pk", filter=overdue_action),
        review_overdue=Count("pk", filter=Q(next_review_date__lt=today)),
        last_reviewed=Max("last_reviewed_on"),
        next_review=Max("next_review_date", filter=Q(next_review_date__gte=today)),
    )
    covered = set(open_risks.values_list("category", flat=True).distinct())
    missing = [str(RiskCategory(c).label) for c in COVERAGE_AREAS if c not in covered]
    counts["missing_areas"] = missing
    counts["today"] = today
    return counts


def risk_reviews(*, risk: Risk) -> QuerySet[RiskReview]:
    return risk.reviews.select_related("reviewed_by").order_by("-reviewed_on", "-pk")


def risk_history(*, risk: Risk) -> list[dict]:
    return change_summaries(risk, added=gettext("Added to the register"))


def event_history(*, event: ExternalEvent) -> list[dict]:
    return change_summaries(event, added=gettext("Requested"))


def sample_history(*, sample: EventSample) -> list[dict]:
    return change_summaries(sample, added=gettext("Drawn"))


def incident_reviews(*, organisation: Organisation, since: date) -> QuerySet[RiskReview]:
    return RiskReview.objects.for_organisation(organisation).filter(
        after_incident=True, reviewed_on__gte=since
    )


def event_list(
    *,
    organisation: Organisation,
    q: str = "",
    status: str = "",
    when: str = "",
    today: date | None = None,
) -> QuerySet[ExternalEvent]:
    """The log, searched by speaker, organisation, event or topic: one query."""
    today = today or timezone.localdate()
    events = ExternalEvent.objects.for_organisation(organisation).select_related(
        "organisation", "requested_by"
    )
    if q:
        events = events.filter(
            Q(speaker_key__contains=speaker_key(q))
            | Q(speaker_organisation__icontains=q)
            | Q(title__icontains=q)
            | Q(topic__icontains=q)
        )
    if status == "undecided":
        events = events.filter(status__in=UNDECIDED_STATUSES)
    elif status:
        events = events.filter(status=status)
    if when == "upcoming":
        events = events.filter(event_date__gte=today).order_by("event_date", "pk")
    elif when == "past":
        events = events.filter(event_date__lt=today)
    if when != "upcoming":
        events = events.order_by("-event_date", "-pk")
    return events


def refused_before(*, event: ExternalEvent) -> list[ExternalEvent]:
    """Earlier refusals of the same speaker (name folded for case and punctuation)."""
    return list(
        ExternalEvent.objects.for_organisation(event.organisation_id)
        .filter(
            speaker_key=event.speaker_key,
            status=EventStatus.REFUSED,
        )
        .exclude(pk=event.pk)
        .order_by("-event_date")
    )


def refusals_of_speaker(*, organisation: Organisation, name: str) -> list[ExternalEvent]:
    return list(
        ExternalEvent.objects.for_organisation(organisation)
        .filter(speaker_key=speaker_key(name), status=EventStatus.REFUSED)
        .order_by("-event_date")
    )


def refused_speaker_keys(*, organisation: Organisation, keys: set[str]) -> set[str]:
    """Which of these speakers have been refused before: one query for a whole list page."""
    return set(
        ExternalEvent.objects.for_organisation(organisation)
        .filter(status=EventStatus.REFUSED, speaker_key__in=keys)
        .values_list("speaker_key", flat=True)
    )


def event_summary(*, organisation: Organisation, today: date | None = None) -> dict:
    """The last twelve months of the log, in one query."""
    today = today or timezone.localdate()
    year = ExternalEvent.objects.for_organisation(organisation).filter(
        event_date__gt=today - timedelta(days=365)
    )
    past = Q(event_date__lt=today)
    return year.aggregate(
        total=Count("pk"),
        approved=Count("pk", filter=Q(status=EventStatus.APPROVED)),
        with_conditions=Count("pk", filter=Q(status=EventStatus.APPROVED_WITH_CONDITIONS)),
        refused=Count("pk", filter=Q(status=EventStatus.REFUSED)),
        awaiting=Count("pk", filter=Q(status__in=UNDECIDED_STATUSES) & ~past),
        held_undecided=Count("pk", filter=Q(status__in=UNDECIDED_STATUSES) & past),
        missing_outcome=Count(
            "pk",
            filter=Q(status__in=APPROVED_STATUSES, outcome_at=None)
            & Q(event_date__lt=today - timedelta(days=7)),
        ),
        concerns=Count("pk", filter=Q(concern_raised=True)),
    )


def sample_list(*, organisation: Organisation) -> QuerySet[EventSample]:
    return (
        EventSample.objects.for_organisation(organisation)
        .select_related("organisation", "drawn_by")
        .annotate(
            size=Count("items"),
            verified=Count("items", filter=~Q(items__finding="")),
            problems=Count(
                "items", filter=~Q(items__finding="") & ~Q(items__finding="as_approved")
            ),
        )
        .order_by("-term_start")
    )


def sample_items(*, sample: EventSample) -> QuerySet[EventSampleItem]:
    return sample.items.select_related("event", "verified_by").order_by("event__event_date", "pk")
