"""Read queries for the subcontractor pages. They take the organisation explicitly."""

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext

from actionplans.models import Action
from core.history import change_summaries
from subcontractors.models import (
    OPEN_REVIEW_STATUSES,
    SUBCONTRACTING_STANDARD_THRESHOLD,
    AuthorityStatus,
    DueDiligenceReview,
    MonitoringVisit,
    QuestionnaireAccess,
    QuestionnaireEmail,
    QuestionnaireLink,
    ReviewItem,
    ReviewStatus,
    RiskRating,
    Subcontractor,
    SubcontractorDocument,
    SubcontractorStatus,
)
from tenancy.models import Organisation


def review_overdue_q(today: date) -> Q:
    """Not ended, and its next review date has passed or an open review is past its due date."""
    # Unscoped: the cockpit counts across organisations. Correlated to each outer subcontractor,
    # so it never mixes one tenant's reviews into another's count.
    open_overdue = DueDiligenceReview.unscoped.filter(
        subcontractor=OuterRef("pk"), status__in=OPEN_REVIEW_STATUSES, due_date__lt=today
    )
    return ~Q(status=SubcontractorStatus.ENDED) & (
        Q(next_review_date__lt=today) | Q(Exists(open_overdue))
    )


def _latest_reviews(organisation: Organisation) -> QuerySet[DueDiligenceReview]:
    """Each outer subcontractor's reviews, the latest first (for `Subquery(...[:1])`)."""
    return (
        DueDiligenceReview.objects.for_organisation(organisation)
        .filter(subcontractor=OuterRef("pk"))
        .order_by("-created_at", "-pk")
    )


def subcontractor_list(
    *,
    organisation: Organisation,
    risk: str = "",
    status: str = "",
    overdue: bool = False,
    today: date | None = None,
) -> QuerySet[Subcontractor]:
    """The register, filtered: one query however many subcontractors there are."""
    today = today or timezone.localdate()
    latest = _latest_reviews(organisation)
    accepted = latest.filter(status=ReviewStatus.ACCEPTED).order_by("-accepted_at", "-pk")
    subcontractors = (
        Subcontractor.objects.filter(organisation=organisation)
        .select_related("owner")
        .annotate(
            latest_review_status=Subquery(latest.values("status")[:1]),
            latest_review_due=Subquery(latest.values("due_date")[:1]),
            last_accepted_at=Subquery(accepted.values("accepted_at")[:1]),
            review_overdue=Case(
                When(review_overdue_q(today), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
    )
    if risk:
        subcontractors = subcontractors.filter(risk_rating=risk)
    if status:
        subcontractors = subcontractors.filter(status=status)
    if overdue:
        subcontractors = subcontractors.filter(review_overdue=True)
    return subcontractors.order_by("name", "pk")


def overdue_reviews(*, organisation: Organisation, today: date, limit: int) -> list[Subcontractor]:
    """The first `limit` subcontractors whose review is overdue, the longest overdue first,
    with only what a short list shows (name, rating, dates and `latest_review_due`, as in
    `subcontractor_list`): the dashboard's panel, without the register's other subqueries."""
    latest = _latest_reviews(organisation)
    rows = (
        Subcontractor.objects.filter(organisation=organisation)
        .filter(review_overdue_q(today))
        .only("code", "name", "risk_rating", "next_review_date", "organisation_id")
        .annotate(latest_review_due=Subquery(latest.values("due_date")[:1]))
        .order_by(F("next_review_date").asc(nulls_last=True), "name", "pk")[:limit]
    )
    overdue: list[Subcontractor] = [subcontractor for subcontractor in rows]
    for subcontractor in overdue:
        subcontractor.organisation = organisation  # for its address, without a join
    return overdue


def register_summary(*, organisation: Organisation, today: date | None = None) -> dict:
    """The register at a glance (two queries): the respond page's C8 panel and the register."""
    today = today or timezone.localdate()
    active = Q(status=SubcontractorStatus.ACTIVE)
    counts = Subcontractor.objects.filter(organisation=organisation).aggregate(
        total=Count("pk"),
        active=Count("pk", filter=active),
        prospective=Count("pk", filter=Q(status=SubcontractorStatus.PROSPECTIVE)),
        specified_authorities=Count(
            "pk", filter=active & Q(specified_authority=AuthorityStatus.YES)
        ),
        authority_unknown=Count(
            "pk", filter=active & Q(specified_authority=AuthorityStatus.UNKNOWN)
        ),
        subcontracted_total=Sum("contract_value", filter=active),
        high_risk=Count("pk", filter=active & Q(risk_rating=RiskRating.HIGH)),
        overdue=Count("pk", filter=review_overdue_q(today)),
    )
    year_ago = timezone.now() - timedelta(days=365)
    counts.update(
        DueDiligenceReview.objects.filter(organisation=organisation).aggregate(
            accepted_last_year=Count(
                "pk", filter=Q(status=ReviewStatus.ACCEPTED, accepted_at__gte=year_ago)
            ),
            awaiting_decision=Count("pk", filter=Q(status=ReviewStatus.SUBMITTED)),
        )
    )
    total = counts["subcontracted_total"] or Decimal("0")
    counts["subcontracted_total"] = total
    counts["standard_threshold"] = SUBCONTRACTING_STANDARD_THRESHOLD
    counts["standard_applies"] = total >= SUBCONTRACTING_STANDARD_THRESHOLD
    return counts


def subcontractor_reviews(*, subcontractor: Subcontractor) -> QuerySet[DueDiligenceReview]:
    return DueDiligenceReview.objects.filter(subcontractor=subcontractor).order_by(
        "-created_at", "-pk"
    )


def subcontractor_documents(*, subcontractor: Subcontractor) -> QuerySet[SubcontractorDocument]:
    return (
        SubcontractorDocument.objects.filter(subcontractor=subcontractor, archived_at=None)
        .select_related("owner", "uploaded_by")
        .order_by("expires_on", "title")
    )


def review_items(*, review: DueDiligenceReview) -> list[ReviewItem]:
    """The checklist answers, each with its (current) documents: two queries."""
    documents = SubcontractorDocument.objects.filter(archived_at=None).order_by("created_at")
    return list(
        ReviewItem.objects.filter(review=review)
        .prefetch_related(Prefetch("documents", queryset=documents, to_attr="current_documents"))
        .order_by("position")
    )


def review_accesses(*, review: DueDiligenceReview, limit: int = 200) -> list[QuestionnaireAccess]:
    return list(
        QuestionnaireAccess.objects.filter(review=review).order_by("-created_at", "-pk")[:limit]
    )


def review_emails(*, review: DueDiligenceReview) -> list[QuestionnaireEmail]:
    return list(QuestionnaireEmail.objects.filter(review=review).order_by("-created_at", "-pk"))


def review_links(*, review: DueDiligenceReview) -> list[QuestionnaireLink]:
    return list(
        QuestionnaireLink.objects.filter(review=review)
        .select_related("revoked_by")
        .order_by("-created_at", "-pk")
    )


def _who(record) -> str:
    if record.history_user:
        return record.history_user.display_name
    if record.status == ReviewStatus.SUBMITTED and record.submitted_by_name:
        return gettext("%(name)s (%(role)s), through the link") % {
            "name": record.submitted_by_name,
            "role": record.submitted_by_role,
        }
    if record.status == ReviewStatus.IN_PROGRESS:
        return gettext("The subcontractor, through the link")
    if record.status == ReviewStatus.SENT:
        return gettext("Sent automatically for the yearly review")
    return ""


def review_timeline(*, review: DueDiligenceReview) -> list[dict]:
    """Each change of status, oldest first: when, who (or the subcontractor), and comments."""
    records = list(review.history.select_related("history_user").order_by("history_date"))
    entries = []
    previous = None
    for record in records:
        if previous is None or record.status != previous.status:
            entries.append(
                {
                    "when": record.history_date,
                    "status": ReviewStatus(record.status),
                    "who": _who(record),
                    "comment": record.decision_comment
                    if record.status in (ReviewStatus.ACCEPTED, ReviewStatus.RETURNED)
                    else "",
                }
            )
        previous = record
    return entries


def subcontractor_history(*, subcontractor: Subcontractor, limit: int = 30) -> list[dict]:
    """The register entry's changes, newest first: when, who, and which fields changed."""
    return change_summaries(subcontractor, added=gettext("Added to the register"), limit=limit)


def visit_actions(visit: MonitoringVisit) -> QuerySet[Action]:
    """The actions raised from the visit's findings, found by their source key."""
    return (
        Action.objects.for_organisation(visit.organisation_id)
        .filter(source_key__startswith=visit.action_source_prefix)
        .select_related("owner", "organisation")
        .order_by("due_date", "title")
    )


def visit_findings_with_actions(visit: MonitoringVisit) -> set[int]:
    numbers = set()
    for key in visit_actions(visit).values_list("source_key", flat=True):
        number = key.removeprefix(visit.action_source_prefix)
        if number.isdigit():
            numbers.add(int(number))
    return numbers
