"""The organisation dashboard: where a provider stands, for its leaders and quality managers.

Its panels: the latest self-evaluation (`reporting.readiness`), the action plan
(`reporting.action_progress`), evidence, the next deadlines and the subcontractor register
(here). The page runs a fixed number of queries however many actions, evidence items or
subcontractors there are: counts are aggregates, never one query per row.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from actionplans.models import OPEN_STATUSES, Action
from assessments.models import Assessment, Status
from evidence.models import EvidenceItem, expiry_warning_date
from evidence.selectors import EvidenceStatus, visible_evidence
from reporting import charts
from reporting.action_progress import ActionProgress, action_progress
from reporting.figures import Figure, org_url
from reporting.readiness import Readiness, readiness
from reporting.referral_panel import ReferralPanel, referral_panel
from tenancy.access import OrgAccess
from tenancy.models import Organisation

# How many rows the short lists show (the full lists are one click away).
DEADLINES_SHOWN = 8
EXPIRING_SHOWN = 6
ASSESSMENTS_SHOWN = 3  # open self-evaluations' due dates, always among the deadlines


# --- Deadlines and evidence -----------------------------------------------------------------


@dataclass
class Deadline:
    when: date
    kind: str
    title: str
    url: str
    detail: str = ""
    past: bool = False  # an open self-evaluation past its due date


@dataclass
class EvidenceHealth:
    expiring: Figure
    expired: Figure
    in_library: Figure
    expiring_items: list[EvidenceItem]


def evidence_health(
    *, organisation: Organisation, today: date, access: OrgAccess | None = None
) -> EvidenceHealth:
    """Two queries: the counts, and the items expiring soonest (only what `access` may see,
    so the figures match the lists they link to)."""
    warning = expiry_warning_date()
    library = visible_evidence(organisation=organisation, access=access).filter(
        archived_at__isnull=True
    )
    expiring_q = Q(valid_until__gte=today, valid_until__lte=warning)
    counts = library.aggregate(
        total=Count("pk"),
        expiring=Count("pk", filter=expiring_q),
        expired=Count("pk", filter=Q(valid_until__lt=today)),
    )
    items = list(
        library.filter(expiring_q)
        .select_related("owner")
        .order_by("valid_until", "title")[:EXPIRING_SHOWN]
    )
    evidence = org_url("evidence:list", organisation)
    return EvidenceHealth(
        expiring=Figure(
            "expiring",
            gettext("Expiring soon"),
            counts["expiring"],
            f"{evidence}?status={EvidenceStatus.EXPIRING}",
        ),
        expired=Figure(
            "expired",
            gettext("Expired"),
            counts["expired"],
            f"{evidence}?status={EvidenceStatus.EXPIRED}",
        ),
        in_library=Figure("total", gettext("In the library"), counts["total"], evidence),
        expiring_items=items,
    )


def next_deadlines(
    *, organisation: Organisation, today: date, expiring: list[EvidenceItem]
) -> list[Deadline]:
    """Open actions due soonest and evidence expiring soon (the first DEADLINES_SHOWN of them),
    with every open self-evaluation's due date, merged by date. Two queries (the evidence is
    already loaded)."""
    deadlines = []
    actions = (
        Action.objects.filter(organisation=organisation, status__in=OPEN_STATUSES)
        .filter(due_date__gte=today)
        .select_related("owner")
        .order_by("due_date", "title")[:DEADLINES_SHOWN]
    )
    for action in actions:
        action.organisation = organisation  # for its address, without a join
        owner = action.owner.display_name if action.owner else gettext("no owner")
        deadlines.append(
            Deadline(
                action.due_date,
                gettext("Action due"),
                action.title,
                action.get_absolute_url(),
                owner,
            )
        )
    for item in expiring:
        deadlines.append(
            Deadline(
                item.valid_until,
                gettext("Evidence expires"),
                item.title,
                org_url("evidence:detail", organisation, evidence_code=item.code),
                item.owner.display_name if item.owner else "",
            )
        )
    deadlines.sort(key=lambda d: (d.when, d.kind, d.title))
    deadlines = deadlines[:DEADLINES_SHOWN]
    assessments = (
        Assessment.objects.filter(organisation=organisation, due_date__isnull=False)
        .exclude(status=Status.APPROVED)
        .order_by("due_date", "pk")[:ASSESSMENTS_SHOWN]
    )
    for assessment in assessments:
        deadlines.append(
            Deadline(
                assessment.due_date,
                gettext("Self-evaluation due"),
                assessment.title,
                org_url("assessments:detail", organisation, assessment_code=assessment.code),
                assessment.get_status_display(),
                past=assessment.due_date < today,
            )
        )
    deadlines.sort(key=lambda d: (d.when, d.kind, d.title))
    return deadlines


# --- Subcontractors -------------------------------------------------------------------------


def subcontractors_in_use() -> bool:
    from django.apps import apps

    return apps.is_installed("subcontractors")


@dataclass
class SubcontractorRisk:
    """Active subcontractors by Prevent risk rating, and those whose review is overdue."""

    in_register: Figure
    active: Figure
    by_risk: list[Figure]
    overdue_reviews: Figure
    overdue: list  # subcontractors with an overdue review, the longest overdue first
    chart: SafeString


def subcontractor_risk(*, organisation: Organisation, today: date) -> SubcontractorRisk | None:
    """The subcontractor panel's figures (two queries), or None while the register is not in
    use. "Overdue" is the register's own rule (`subcontractors.selectors.review_overdue_q`)."""
    if not subcontractors_in_use():
        return None
    from subcontractors.models import RiskRating, Subcontractor, SubcontractorStatus
    from subcontractors.selectors import overdue_reviews, review_overdue_q

    active = Q(status=SubcontractorStatus.ACTIVE)
    counts = Subcontractor.objects.filter(organisation=organisation).aggregate(
        total=Count("pk"),
        active=Count("pk", filter=active),
        overdue=Count("pk", filter=review_overdue_q(today)),
        **{
            f"risk_{value}": Count("pk", filter=active & Q(risk_rating=value))
            for value in RiskRating.values
        },
    )
    register = org_url("subcontractors:index", organisation)
    by_risk = [
        Figure(
            value,
            gettext("%(rating)s risk") % {"rating": label},
            counts[f"risk_{value}"],
            f"{register}?risk={value}&status={SubcontractorStatus.ACTIVE}",
        )
        for value, label in reversed(RiskRating.choices)  # high first
    ]
    overdue = overdue_reviews(organisation=organisation, today=today, limit=EXPIRING_SHOWN)
    return SubcontractorRisk(
        in_register=Figure("total", gettext("In the register"), counts["total"], register),
        active=Figure(
            "active",
            gettext("Active"),
            counts["active"],
            f"{register}?status={SubcontractorStatus.ACTIVE}",
        ),
        by_risk=by_risk,
        overdue_reviews=Figure(
            "overdue", gettext("With a review overdue"), counts["overdue"], f"{register}?overdue=1"
        ),
        overdue=overdue,
        chart=charts.svg(
            charts.stacked_bar(
                [charts.Segment(f.label, f.count, charts.RISK_COLOURS[f.key]) for f in by_risk],
                gettext("Active subcontractors by Prevent risk rating"),
                width=480,
                height=28,
                css_class="chart chart-wide",
            )
        ),
    )


# --- The organisation dashboard -------------------------------------------------------------


@dataclass
class Dashboard:
    organisation: Organisation
    today: date
    assessment: Assessment | None
    readiness: Readiness | None
    actions: ActionProgress
    evidence: EvidenceHealth
    deadlines: list[Deadline]
    subcontractors: SubcontractorRisk | None  # None while the register is not in use
    referrals: ReferralPanel
    links: dict[str, str] = field(default_factory=dict)


def latest_assessment(*, organisation: Organisation) -> Assessment | None:
    assessment = (
        Assessment.objects.filter(organisation=organisation)
        .select_related("framework_version__framework", "lead")
        .defer("snapshot", "framework_version__source_text")
        .order_by("-created_at", "-pk")
        .first()
    )
    if assessment is not None:
        assessment.organisation = organisation  # for its addresses, without a join
    return assessment


def organisation_dashboard(
    *, organisation: Organisation, today: date | None = None, access: OrgAccess | None = None
) -> Dashboard:
    """The page's figures; evidence as `access` may see it (None: no restricted items)."""
    today = today or timezone.localdate()
    assessment = latest_assessment(organisation=organisation)
    evidence = evidence_health(organisation=organisation, today=today, access=access)
    return Dashboard(
        organisation=organisation,
        today=today,
        assessment=assessment,
        readiness=readiness(assessment=assessment) if assessment else None,
        actions=action_progress(organisation=organisation, today=today),
        evidence=evidence,
        deadlines=next_deadlines(
            organisation=organisation, today=today, expiring=evidence.expiring_items
        ),
        subcontractors=subcontractor_risk(organisation=organisation, today=today),
        referrals=referral_panel(organisation=organisation, today=today),
        links={
            "assessments": org_url("assessments:index", organisation),
            "plan": org_url("actionplans:index", organisation),
            "evidence": org_url("evidence:list", organisation),
        },
    )
