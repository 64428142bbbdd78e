"""The account manager's cockpit: every provider they look after, those needing attention first.

This is the one page that reads many tenants at once, so it cannot run inside one
organisation's scope: it uses `.unscoped` on purpose, and only ever within the organisations
`organisation_list_for_account_manager` returns (per-provider subqueries correlated with that
list, and rows fetched by the ids it gave).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from actionplans.models import Action
from actionplans.selectors import overdue_q
from assessments.models import Assessment, Response, Status
from evidence.models import EvidenceItem
from frameworks.models import FrameworkVersion, Subscription
from referrals.models import TermFigures
from registers.terms import previous_term, term_of
from reporting import charts
from reporting.dashboard import subcontractors_in_use
from reporting.figures import org_url
from tenancy.models import Organisation
from tenancy.selectors import organisation_list_for_account_manager

# What makes a provider need its account manager's attention, and how much. Providers are
# listed with the highest score first; each reason is shown next to the provider.
ATTENTION_WEIGHTS = {
    "no_quality_manager": 50,  # nobody can run the provider's compliance work yet
    "overdue_actions": 20,  # plus one point per overdue action (up to ten)
    "overdue_reviews": 20,  # subcontractor reviews past due; plus one per review (up to ten)
    "awaiting_approval": 15,  # a self-evaluation submitted and waiting for sign-off
    "stale": 10,  # no change for STALE_AFTER_DAYS
}
STALE_AFTER_DAYS = 30
PER_ITEM_CAP = 10


def _subquery_count(queryset: QuerySet) -> Coalesce:
    counted = queryset.order_by().values("organisation").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), 0)


def _latest(model, field_name: str) -> Subquery:
    rows = model.unscoped.filter(organisation=OuterRef("pk")).order_by(f"-{field_name}")
    return Subquery(rows.values(field_name)[:1])


@dataclass
class ProviderRow:
    organisation: Organisation
    assessment: Assessment | None
    profile_chart: SafeString | None
    profile_total: int
    overdue_actions: int
    overdue_reviews: int | None  # None while the subcontractor register is not in use
    awaiting_approval: int
    last_activity: datetime | None
    stale: bool
    has_quality_manager: bool
    quality_manager_invited: bool
    frameworks_chosen: bool
    assessment_started: bool
    referral_figures_current: bool = False  # the DSL recorded last term's (never the figures)
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def onboarding_complete(self) -> bool:
        return self.has_quality_manager and self.frameworks_chosen and self.assessment_started

    @property
    def onboarding_steps(self) -> list[tuple[str, bool]]:
        return [
            (gettext("Quality manager joined"), self.has_quality_manager),
            (gettext("Frameworks chosen"), self.frameworks_chosen),
            (gettext("First self-evaluation started"), self.assessment_started),
        ]

    @property
    def overdue_actions_url(self) -> str:
        return org_url("actionplans:index", self.organisation, "overdue=1")

    @property
    def overdue_reviews_url(self) -> str:
        return org_url("subcontractors:index", self.organisation, "overdue=1")

    @property
    def dashboard_url(self) -> str:
        return org_url("reporting:dashboard", self.organisation)


def attention(row: ProviderRow) -> tuple[int, list[str]]:
    """The attention score of a provider and the reasons behind it (most urgent first)."""
    weights, score, reasons = ATTENTION_WEIGHTS, 0, []
    if not row.has_quality_manager:
        score += weights["no_quality_manager"]
        reasons.append(
            gettext("Quality manager invited, not joined yet")
            if row.quality_manager_invited
            else gettext("No quality manager")
        )
    if row.overdue_actions:
        score += weights["overdue_actions"] + min(row.overdue_actions, PER_ITEM_CAP)
        reasons.append(
            ngettext("%(count)s overdue action", "%(count)s overdue actions", row.overdue_actions)
            % {"count": row.overdue_actions}
        )
    if row.overdue_reviews:
        score += weights["overdue_reviews"] + min(row.overdue_reviews, PER_ITEM_CAP)
        reasons.append(
            ngettext(
                "%(count)s overdue subcontractor review",
                "%(count)s overdue subcontractor reviews",
                row.overdue_reviews,
            )
            % {"count": row.overdue_reviews}
        )
    if row.awaiting_approval:
        score += weights["awaiting_approval"]
        reasons.append(gettext("Self-evaluation awaiting approval"))
    if row.stale:
        score += weights["stale"]
        reasons.append(gettext("No activity for over %(days)s days") % {"days": STALE_AFTER_DAYS})
    return score, reasons


def _profile_chart(assessment: Assessment, counts: dict) -> tuple[SafeString, int]:
    version: FrameworkVersion = assessment.framework_version
    segments = [
        charts.Segment(
            f"{o.value} {o.label}",
            counts.get(o.value, 0),
            charts.LEVEL_COLOURS.get(o.value, charts.UNRATED_COLOUR),
        )
        for o in version.levels
    ] + [
        charts.Segment(gettext("Not applicable"), counts.get("na", 0), charts.NA_COLOUR),
        charts.Segment(gettext("Not rated"), counts.get(None, 0), charts.UNRATED_COLOUR),
    ]
    total = sum(s.value for s in segments)
    chart = charts.stacked_bar(
        segments,
        gettext("Readiness profile of %(title)s") % {"title": assessment.title},
        width=160,
        height=14,
        show_values=False,
        css_class="chart chart-mini",
    )
    return charts.svg(chart), total


def cockpit_rows(*, user, today: date | None = None) -> list[ProviderRow]:
    """Every provider assigned to the account manager, those needing attention first, each
    computed now (the page itself orders by the stored scores: reporting.attention)."""
    rows = provider_rows(organisation_list_for_account_manager(user=user), today=today)
    rows.sort(key=lambda r: (-r.score, r.organisation.name.casefold(), r.organisation.pk))
    return rows


def provider_rows(organisations: QuerySet[Organisation], *, today: date | None = None) -> list:
    """The figures and attention score of each of `organisations` (already limited to one
    account manager's providers, or to providers the caller may read), in their order.

    One narrow query (scalar subqueries per provider, no joins that multiply rows); the
    self-evaluation and its chart are added by `cockpit_rows_detail`, for one page of rows.
    """
    today = today or timezone.localdate()
    stale_before = timezone.now() - timedelta(days=STALE_AFTER_DAYS)
    org = OuterRef("pk")  # each subquery reads the provider of its own row: `.unscoped`
    latest = Assessment.unscoped.filter(organisation=org).order_by("-created_at", "-pk")
    annotated = organisations.annotate(
        latest_assessment_id=Subquery(latest.values("pk")[:1]),
        overdue_actions=_subquery_count(
            Action.unscoped.filter(organisation=org).filter(overdue_q(today))
        ),
        awaiting_approval=_subquery_count(
            Assessment.unscoped.filter(organisation=org, status=Status.SUBMITTED)
        ),
        subscription_count=_subquery_count(Subscription.unscoped.filter(organisation=org)),
        assessment_changed=_latest(Assessment, "updated_at"),
        response_changed=_latest(Response, "updated_at"),
        action_changed=_latest(Action, "updated_at"),
        evidence_changed=_latest(EvidenceItem, "updated_at"),
        **subcontractor_annotations(today),
        **referral_annotations(today),
    )
    return [_provider_row(o, stale_before) for o in annotated]


def _provider_row(o: Organisation, stale_before: datetime) -> ProviderRow:
    changes = [
        o.assessment_changed,
        o.response_changed,
        o.action_changed,
        o.evidence_changed,
        getattr(o, "subcontractor_changed", None),
        getattr(o, "review_changed", None),
        getattr(o, "referrals_changed", None),
    ]
    last_activity = max((c for c in changes if c is not None), default=None)
    row = ProviderRow(
        organisation=o,
        assessment=None,
        profile_chart=None,
        profile_total=0,
        overdue_actions=o.overdue_actions,
        overdue_reviews=getattr(o, "overdue_reviews", None),
        awaiting_approval=o.awaiting_approval,
        last_activity=last_activity,
        stale=(last_activity or o.created_at) < stale_before,
        has_quality_manager=o.quality_manager_count > 0,
        quality_manager_invited=o.has_pending_invitation,
        frameworks_chosen=getattr(o, "subscription_count", 0) > 0,
        assessment_started=o.latest_assessment_id is not None,
        referral_figures_current=bool(getattr(o, "referrals_last_term", False)),
    )
    row.score, row.reasons = attention(row)
    return row


def cockpit_rows_detail(rows: Sequence[ProviderRow]) -> None:
    """Adds each row's latest self-evaluation and readiness chart (two queries for the rows)."""
    # The ids come from `cockpit_rows`, so from the account manager's providers only.
    ids = [r.organisation.latest_assessment_id for r in rows if r.assessment_started]
    assessments = {
        a.pk: a
        for a in Assessment.unscoped.filter(pk__in=ids)
        .select_related("framework_version")
        # The version's scale is all the chart needs: not its 38,000-character source text.
        .defer("snapshot", "framework_version__source_text", "framework_version__description")
    }
    level_counts: dict[int, dict] = defaultdict(dict)
    grouped = (
        Response.unscoped.filter(assessment_id__in=ids)
        .order_by()
        .values("assessment_id", "level", "not_applicable")
        .annotate(n=Count("pk"))
    )
    for g in grouped:
        key = "na" if g["not_applicable"] else g["level"]
        counts = level_counts[g["assessment_id"]]
        counts[key] = counts.get(key, 0) + g["n"]
    for row in rows:
        row.assessment = assessments.get(row.organisation.latest_assessment_id)
        if row.assessment is not None:
            row.profile_chart, row.profile_total = _profile_chart(
                row.assessment, level_counts[row.assessment.pk]
            )


def subcontractor_annotations(today: date) -> dict[str, Any]:
    """The cockpit's subcontractor figures, as annotations (none while the register is not in
    use): how many subcontractors have an overdue review, and the register's latest change."""
    if not subcontractors_in_use():
        return {}
    from subcontractors.models import DueDiligenceReview, Subcontractor
    from subcontractors.selectors import review_overdue_q

    overdue = Subcontractor.unscoped.filter(organisation=OuterRef("pk")).filter(
        review_overdue_q(today)
    )
    return {
        "overdue_reviews": _subquery_count(overdue),
        "subcontractor_changed": _latest(Subcontractor, "updated_at"),
        "review_changed": _latest(DueDiligenceReview, "updated_at"),
    }


def referral_annotations(today: date) -> dict[str, Any]:
    """Whether each provider's DSL recorded last term's referral figures, and when the figures
    last changed: never the figures themselves, which the cockpit does not show."""
    last_term = previous_term(term_of(today))
    recorded = TermFigures.unscoped.filter(organisation=OuterRef("pk"), term_start=last_term.start)
    return {
        "referrals_last_term": Exists(recorded),
        "referrals_changed": _latest(TermFigures, "updated_at"),
    }
