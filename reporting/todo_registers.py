"""To-do selectors for the registers, subcontractors, packs, training and referral figures
(see `reporting.todo`; the self-evaluation, action and evidence ones are in `todo_kinds`)."""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from core.dates import short_date
from filtering.models import FilteringReview
from referrals.models import TermFigures
from registers.models import UNDECIDED_STATUSES, ExternalEvent, Risk, RiskStatus
from registers.terms import previous_term, term_of
from reporting.models import EvidencePack, PackStatus
from reporting.todo import (
    FALLING_DUE,
    READY,
    ROWS,
    WAITING_ON_YOU,
    Computed,
    Kind,
    Row,
    Section,
    due_text,
    org_url,
)
from reporting.todo_kinds import AHEAD_DAYS
from subcontractors.models import (
    AWAITING_SUBCONTRACTOR,
    OPEN_REVIEW_STATUSES,
    DueDiligenceReview,
    ReviewStatus,
    Subcontractor,
    SubcontractorStatus,
)
from tenancy.access import OrgAccess
from tenancy.models import Organisation
from tenancy.roles import Perm
from training.selectors import training_overview

#: How long a finished (or failed) pack stays on its requester's list.
PACK_DAYS = 14


def _reviews(organisation: Organisation, user, access: OrgAccess):
    """Due diligence reviews the person looks after: every one for who runs the compliance
    work, otherwise those of the subcontractors they own."""
    reviews = DueDiligenceReview.objects.for_organisation(organisation).select_related(
        "subcontractor"
    )
    if not access.can(Perm.MANAGE_COMPLIANCE_WORK):
        reviews = reviews.filter(subcontractor__owner=user)
    return reviews.only(
        "code",
        "due_date",
        "submitted_at",
        "status",
        "organisation_id",
        "subcontractor__code",
        "subcontractor__name",
    )


def _review_url(organisation: Organisation, review: DueDiligenceReview) -> str:
    return org_url(
        "subcontractors:review",
        organisation,
        subcontractor_code=review.subcontractor.code,
        review_code=review.code,
    )


def subcontractor_decisions(
    *, organisation: Organisation, user, access: OrgAccess, today: date
) -> Kind | None:
    """Subcontractors' answers submitted and waiting for a decision."""
    if not access.can(Perm.UPDATE_ASSIGNED_WORK):
        return None
    items = _reviews(organisation, user, access).filter(status=ReviewStatus.SUBMITTED)

    def row(review: DueDiligenceReview) -> Row:
        when = short_date(review.submitted_at.date()) if review.submitted_at else ""
        values = {"kind": review.get_kind_display(), "date": when}
        if when:
            detail = gettext("%(kind)s review, answers sent %(date)s") % values
        else:
            detail = gettext("%(kind)s review") % values
        return Row(review.subcontractor.name, _review_url(organisation, review), detail)

    return Kind(
        "sub_decisions",
        gettext("Subcontractor reviews waiting for your decision"),
        WAITING_ON_YOU,
        items.order_by("submitted_at", "pk"),
        row,
        org_url("subcontractors:index", organisation),
    )


def questionnaires_due(
    *, organisation: Organisation, user, access: OrgAccess, today: date
) -> Kind | None:
    """Questionnaires out with subcontractors and due back within AHEAD_DAYS (or late)."""
    if not access.can(Perm.UPDATE_ASSIGNED_WORK):
        return None
    items = _reviews(organisation, user, access).filter(
        status__in=AWAITING_SUBCONTRACTOR, due_date__lte=today + timedelta(days=AHEAD_DAYS)
    )

    def row(review: DueDiligenceReview) -> Row:
        detail = gettext("%(status)s · answers %(due)s") % {
            "status": review.get_status_display(),
            "due": due_text(review.due_date, today),
        }
        return Row(
            review.subcontractor.name,
            _review_url(organisation, review),
            detail,
            late=review.due_date < today,
        )

    return Kind(
        "questionnaires",
        gettext("Subcontractor questionnaires due back"),
        FALLING_DUE,
        items.order_by("due_date", "pk"),
        row,
        org_url("subcontractors:index", organisation, "overdue=1"),
        late=Q(due_date__lt=today),
    )


def subcontractor_reviews_due(
    *, organisation: Organisation, user, access: OrgAccess, today: date
) -> Kind | None:
    """Subcontractors in use whose next review date comes within AHEAD_DAYS and who have no
    review under way: a review to start."""
    if not access.can(Perm.UPDATE_ASSIGNED_WORK):
        return None
    open_review = DueDiligenceReview.objects.for_organisation(organisation).filter(
        subcontractor=OuterRef("pk"), status__in=OPEN_REVIEW_STATUSES
    )
    items = (
        Subcontractor.objects.for_organisation(organisation)
        .exclude(status=SubcontractorStatus.ENDED)
        .filter(next_review_date__lte=today + timedelta(days=AHEAD_DAYS))
        .filter(~Exists(open_review))
    )
    if not access.can(Perm.MANAGE_COMPLIANCE_WORK):
        items = items.filter(owner=user)
    items = items.only("code", "name", "next_review_date", "organisation_id")

    def row(sub: Subcontractor) -> Row:
        return Row(
            sub.name,
            org_url("subcontractors:detail", organisation, subcontractor_code=sub.code),
            gettext("review %(due)s") % {"due": due_text(sub.next_review_date, today)},
            late=bool(sub.next_review_date and sub.next_review_date < today),
        )

    return Kind(
        "sub_reviews",
        gettext("Subcontractor reviews to start"),
        FALLING_DUE,
        items.order_by("next_review_date", "name"),
        row,
        org_url("subcontractors:index", organisation, "overdue=1"),
        late=Q(next_review_date__lt=today),
    )


def risk_reviews_due(
    *, organisation: Organisation, user, access: OrgAccess, today: date
) -> Kind | None:
    """Open risks whose review date comes within AHEAD_DAYS: the lead officer's, or all."""
    if not access.can(Perm.UPDATE_ASSIGNED_WORK):
        return None
    items = Risk.objects.for_organisation(organisation).filter(
        status=RiskStatus.OPEN, next_review_date__lte=today + timedelta(days=AHEAD_DAYS)
    )
    if not access.can(Perm.MANAGE_COMPLIANCE_WORK):
        items = items.filter(owner=user)
    items = items.only("code", "risk", "next_review_date", "organisation_id")

    def row(risk: Risk) -> Row:
        return Row(
            risk.risk,
            org_url("registers:risk", organisation, risk_code=risk.code),
            gettext("review %(due)s") % {"due": due_text(risk.next_review_date, today)},
            late=bool(risk.next_review_date and risk.next_review_date < today),
        )

    return Kind(
        "risks",
        gettext("Risk reviews due"),
        FALLING_DUE,
        items.order_by("next_review_date", "pk"),
        row,
        org_url("registers:risks", organisation),
        late=Q(next_review_date__lt=today),
    )


def event_decisions(
    *, organisation: Organisation, user, access: OrgAccess, today: date
) -> Kind | None:
    """Speaker and event requests still to check or decide (events already past are late)."""
    if not access.can(Perm.APPROVE_EVENTS):
        return None
    items = (
        ExternalEvent.objects.for_organisation(organisation)
        .filter(status__in=UNDECIDED_STATUSES)
        .only("code", "title", "speaker_name", "event_date", "status", "organisation_id")
    )

    def row(event: ExternalEvent) -> Row:
        return Row(
            event.title,
            org_url("registers:event", organisation, event_code=event.code),
            f"{event.get_status_display()} · {short_date(event.event_date)}",
            late=event.event_date < today,
        )

    return Kind(
        "events",
        gettext("Speaker and event requests to decide"),
        WAITING_ON_YOU,
        items.order_by("event_date", "pk"),
        row,
        org_url("registers:events", organisation, "status=undecided"),
        late=Q(event_date__lt=today),
        late_word=gettext_noop("past"),
    )


def filtering_sign_off(
    *, organisation: Organisation, user, access: OrgAccess, today: date
) -> Kind | None:
    """Filtering and monitoring reviews waiting for a senior leader's sign-off."""
    if not access.can(Perm.SIGN_OFF_FILTERING_REVIEWS):
        return None
    items = (
        FilteringReview.objects.for_organisation(organisation)
        .filter(signed_off_at__isnull=True)
        .only("code", "reviewed_on", "organisation_id")
    )

    def row(review: FilteringReview) -> Row:
        return Row(
            str(review),
            org_url("filtering:review", organisation, filtering_review_code=review.code),
            gettext("waiting for a senior leader's sign-off"),
        )

    return Kind(
        "filtering",
        gettext("Filtering reviews to sign off"),
        WAITING_ON_YOU,
        items.order_by("reviewed_on", "pk"),
        row,
        org_url("filtering:index", organisation),
    )


def packs_ready(*, organisation: Organisation, user, access: OrgAccess, today: date) -> Kind | None:
    """Evidence packs the person asked for in the last PACK_DAYS: ready, or failed."""
    if not access.can(Perm.VIEW_PACKS):
        return None
    since = timezone.now() - timedelta(days=PACK_DAYS)
    items = (
        EvidencePack.objects.for_organisation(organisation)
        .filter(
            requested_by=user,
            deleted_at__isnull=True,
            status__in=[PackStatus.READY, PackStatus.FAILED],
            queued_at__gte=since,
        )
        .select_related("assessment")
        .only(
            "code",
            "status",
            "is_draft",
            "generated_at",
            "queued_at",
            "organisation_id",
            "assessment__title",
        )
    )

    def row(pack: EvidencePack) -> Row:
        failed = pack.status == PackStatus.FAILED
        label = gettext("Draft pack: %(title)s") if pack.is_draft else gettext("Pack: %(title)s")
        ready = short_date(pack.generated_at.date()) if pack.generated_at else ""
        if failed:
            detail = gettext("failed: try again")
        else:
            detail = gettext("ready %(date)s") % {"date": ready} if ready else gettext("ready")
        return Row(
            label % {"title": pack.assessment.title},
            org_url("reporting:pack_detail", organisation, pack_code=pack.code),
            detail,
            late=failed,
        )

    return Kind(
        "packs",
        gettext("Evidence packs you asked for"),
        READY,
        items.order_by("-queued_at", "-pk"),
        row,
        org_url("assessments:index", organisation),
        late=Q(status=PackStatus.FAILED),
        late_word=gettext_noop("failed"),
    )


def training_refreshers(
    *, organisation: Organisation, user, access: OrgAccess, today: date
) -> Computed | None:
    """The training matrix's overdue courses and refreshers (the Prevent lead's)."""
    if not access.can(Perm.MANAGE_COMPLIANCE_WORK):
        return None
    overview = training_overview(organisation=organisation, today=today)
    items = overview.overdue + overview.due_soon
    if not items:
        return Computed(None)
    rows = [
        Row(
            f"{i.staff.name}: {i.course.title}",
            org_url("training:staff", organisation, staff_code=i.staff.code),
            due_text(i.cell.due, today),
            late=n < len(overview.overdue),
        )
        for n, i in enumerate(items[:ROWS])
    ]
    section = Section(
        "training",
        gettext("Training and refreshers due"),
        len(items),
        len(overview.overdue),
        rows,
        org_url("training:overdue", organisation),
        FALLING_DUE,
    )
    return Computed(section)


def referral_figures(
    *, organisation: Organisation, user, access: OrgAccess, today: date
) -> Computed | None:
    """Last term's referral and concern counts, while the DSL has not recorded them."""
    if not access.can(Perm.RECORD_REFERRAL_FIGURES):
        return None
    term = previous_term(term_of(today))
    recorded = TermFigures.objects.for_organisation(organisation).filter(term_start=term.start)
    if recorded.exists():
        return Computed(None)
    url = org_url("referrals:record", organisation)
    row = Row(
        gettext("Record the %(term)s figures") % {"term": term.label},
        url,
        gettext("the term ended %(date)s") % {"date": short_date(term.end)},
    )
    section = Section(
        "referrals",
        gettext("Referral figures to record"),
        1,
        1,
        [row],
        url,
        WAITING_ON_YOU,
        late_word=gettext_noop("missing"),
    )
    return Computed(section)
