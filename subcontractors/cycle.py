"""The daily review cycle: yearly reissue and chasers before the due date, each exactly once.

1. Reissue: every active subcontractor without an open review whose last accepted review is a
   year old, or whose next review date has come, gets a new review, sent to its Prevent lead. A
   partial unique index allows one open review per subcontractor, so two runs at once cannot
   both create one.
2. Chasers: a review still waiting for the subcontractor is chased 14 and 3 days (settings)
   before its due date. Each chaser is a `QuestionnaireEmail` row with a unique dedupe key
   (review, days before, due date), inserted with ON CONFLICT DO NOTHING, so it exists at most
   once. A missed day is caught up by the next run (the most recent threshold only), and a
   review sent after a threshold is not chased for it.
3. Send: unsent emails are handed to `enqueue`; each is sent only by the worker that wins its
   claim (see `delivery.py`).

The cycle runs over every organisation at once, so its queries say `.unscoped` on purpose (the
subqueries are correlated to each outer row, so they never mix tenants); a reissued review is
started and sent inside its own organisation's scope.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from core.dates import one_year_before
from subcontractors.delivery import unsent_email_ids
from subcontractors.models import (
    AWAITING_SUBCONTRACTOR,
    OPEN_REVIEW_STATUSES,
    DueDiligenceReview,
    EmailKind,
    QuestionnaireEmail,
    ReviewStatus,
    Subcontractor,
    SubcontractorStatus,
)
from subcontractors.services import review_send, review_start
from tenancy.scope import tenant_scope

BATCH_SIZE = 200


@dataclass
class CycleResult:
    reissued: int
    chasers: int
    enqueued: int


def chaser_key(review: DueDiligenceReview, days_before: int) -> str:
    return f"chaser:{review.pk}:{days_before}:{review.due_date.isoformat()}"


def reviews_due_for_reissue(today: date):
    # Across tenants: every organisation's subcontractors are due on the same day.
    last_accepted = (
        DueDiligenceReview.unscoped.filter(
            subcontractor=OuterRef("pk"), status=ReviewStatus.ACCEPTED
        )
        .order_by("-accepted_at")
        .values("accepted_at")[:1]
    )
    open_review = DueDiligenceReview.unscoped.filter(
        subcontractor=OuterRef("pk"), status__in=OPEN_REVIEW_STATUSES
    )
    year_ago = one_year_before(today)
    return (
        Subcontractor.unscoped.filter(status=SubcontractorStatus.ACTIVE)
        .annotate(last_accepted_at=Subquery(last_accepted), has_open_review=Exists(open_review))
        .filter(has_open_review=False)
        .filter(Q(next_review_date__lte=today) | Q(last_accepted_at__date__lte=year_ago))
        .select_related("organisation")
        .order_by("pk")
    )


def reissue_reviews(today: date) -> int:
    """Start and send next year's review wherever one is due. Returns how many."""
    due_date = today + timedelta(days=settings.SUBCONTRACTOR_REVIEW_DAYS)
    created = 0
    for subcontractor in reviews_due_for_reissue(today):
        with tenant_scope(subcontractor.organisation_id):
            try:
                with transaction.atomic():
                    review = review_start(subcontractor=subcontractor, due_date=due_date, by=None)
                    review_send(review=review, by=None)
            except ValidationError:
                continue  # another run started it a moment ago
        created += 1
    return created


def _threshold(days_left: int, thresholds: list[int]) -> int | None:
    """The most recent chaser threshold reached with `days_left` to go, if any."""
    return next((days for days in thresholds if days_left <= days), None)


def claim_chasers(today: date) -> int:
    """Insert the chasers that are due (each at most once). Returns how many were new."""
    thresholds = sorted(settings.SUBCONTRACTOR_CHASER_DAYS)
    if not thresholds:
        return 0
    # Across tenants: the chasers of every organisation, inserted together.
    reviews = (
        DueDiligenceReview.unscoped.filter(
            status__in=AWAITING_SUBCONTRACTOR,
            sent_at__isnull=False,
            due_date__gte=today,
            due_date__lte=today + timedelta(days=thresholds[-1]),
        )
        .exclude(subcontractor__status=SubcontractorStatus.ENDED)
        .select_related("subcontractor")
        .order_by("pk")
    )
    rows = []
    for review in reviews.iterator(chunk_size=BATCH_SIZE):
        days = _threshold((review.due_date - today).days, thresholds)
        if days is None:
            continue
        if timezone.localtime(review.sent_at).date() >= review.due_date - timedelta(days=days):
            continue  # sent after this threshold: the first email is recent enough
        rows.append(
            QuestionnaireEmail(
                organisation_id=review.organisation_id,
                review=review,
                kind=EmailKind.CHASER,
                days_before=days,
                due_date=review.due_date,
                dedupe_key=chaser_key(review, days),
                to_email=review.subcontractor.prevent_lead_email,
            )
        )
    if not rows:
        return 0
    keys = [row.dedupe_key for row in rows]
    before = QuestionnaireEmail.unscoped.filter(dedupe_key__in=keys).count()
    QuestionnaireEmail.unscoped.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)
    return QuestionnaireEmail.unscoped.filter(dedupe_key__in=keys).count() - before


def run_review_cycle(
    today: date | None = None, *, enqueue: Callable[[list[int]], object]
) -> CycleResult:
    """Reissue, chase, then hand unsent emails to `enqueue(ids)` in batches (the task passes
    its send task's `delay`; tests pass the delivery function itself)."""
    today = today or timezone.localdate()
    reissued = reissue_reviews(today)
    chasers = claim_chasers(today)
    ids = unsent_email_ids()
    for start in range(0, len(ids), BATCH_SIZE):
        enqueue(ids[start : start + BATCH_SIZE])
    return CycleResult(reissued=reissued, chasers=chasers, enqueued=len(ids))
