"""Read queries for the dashboards: the organisation dashboard and the account manager's cockpit.

Both pages run a fixed number of queries, however many actions, evidence items, cycles or
providers there are: counts are aggregates and annotations, never one query per row.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from actionplans.models import OPEN_STATUSES, Action, ActionStatus
from actionplans.selectors import overdue_q
from assessments.models import Assessment, Response, Status
from assessments.summary import build_summary
from evidence.models import EvidenceItem, expiry_warning_date
from evidence.selectors import EvidenceStatus
from frameworks.models import FrameworkVersion, Subscription
from reporting import charts
from reporting.packs import trend_across_cycles
from tenancy.models import Membership, Organisation
from tenancy.selectors import organisation_list_for_account_manager

# How many rows the short lists of the dashboard show (the full lists are one click away).
DEADLINES_SHOWN = 8
EXPIRING_SHOWN = 6
GAPS_SHOWN = 8
ASSESSMENTS_SHOWN = 3  # open self-evaluations' due dates, always among the deadlines


def _svg(markup: str) -> SafeString:
    # The chart builders escape every piece of text they put in the markup.
    return mark_safe(markup)  # noqa: S308


def _url(name: str, organisation: Organisation, query: str = "", **kwargs: Any) -> str:
    url = reverse(name, kwargs={"org_slug": organisation.slug, **kwargs})
    return f"{url}?{query}" if query else url


# --- Action plan progress -------------------------------------------------------------------


STATUS_LABELS = {
    ActionStatus.DONE: "Done",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.NOT_STARTED: "Not started",
    ActionStatus.BLOCKED: "Blocked",
}


def _status_aggregates(today: date) -> dict[str, Count]:
    return {
        "total": Count("pk"),
        "done": Count("pk", filter=Q(status=ActionStatus.DONE)),
        "in_progress": Count("pk", filter=Q(status=ActionStatus.IN_PROGRESS)),
        "not_started": Count("pk", filter=Q(status=ActionStatus.NOT_STARTED)),
        "blocked": Count("pk", filter=Q(status=ActionStatus.BLOCKED)),
        "overdue": Count("pk", filter=overdue_q(today)),
    }


@dataclass
class Figure:
    """One number on the dashboard and the filtered list behind it."""

    key: str
    label: str
    count: int
    url: str


@dataclass
class StatusCounts:
    """Actions by status. Overdue actions are open actions (not started, in progress or
    blocked) past their due date: they are counted under their status as well, so each figure
    matches the plan filtered by it."""

    total: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    blocked: int = 0
    overdue: int = 0
    base_url: str = ""  # the plan, with any filter of the group (owner, criterion)

    @property
    def open(self) -> int:
        return self.total - self.done

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def _link(self, query: str) -> str:
        """The group's list narrowed by `query` ("" when the plan cannot show the group)."""
        if not self.base_url or not query:
            return self.base_url
        joiner = "&" if "?" in self.base_url else "?"
        return f"{self.base_url}{joiner}{query}"

    @property
    def figures(self) -> list[Figure]:
        """Done, in progress, not started, blocked and overdue, each with its list."""
        figures = [
            Figure(str(status), label, getattr(self, str(status)), self._link(f"status={status}"))
            for status, label in STATUS_LABELS.items()
        ]
        figures.append(Figure("overdue", "Overdue", self.overdue, self._link("overdue=1")))
        return figures

    @property
    def total_url(self) -> str:
        return self._link("")

    def segments(self) -> list[charts.Segment]:
        return [
            charts.Segment(label, getattr(self, str(status)), charts.STATUS_COLOURS[str(status)])
            for status, label in STATUS_LABELS.items()
        ]

    def chart(self, title: str) -> SafeString:
        return _svg(
            charts.stacked_bar(
                self.segments(), title, width=1000, height=32, css_class="chart chart-wide"
            )
        )


def _counts(row: dict, base_url: str) -> StatusCounts:
    names = ("total", "done", "in_progress", "not_started", "blocked", "overdue")
    return StatusCounts(**{name: row[name] or 0 for name in names}, base_url=base_url)


@dataclass
class ActionGroup:
    """A row of the "by criterion" or "by owner" table."""

    label: str
    detail: str
    counts: StatusCounts
    filterable: bool  # whether the plan can be filtered to exactly this group


@dataclass
class ActionProgress:
    overall: StatusCounts
    by_criterion: list[ActionGroup]
    by_owner: list[ActionGroup]
    chart: SafeString


def action_progress(*, organisation: Organisation, today: date) -> ActionProgress:
    """Three aggregate queries (overall, by criterion, by owner) and the list of members."""
    actions = Action.objects.filter(organisation=organisation)
    plan = _url("actionplans:index", organisation)
    overall = _counts(actions.aggregate(**_status_aggregates(today)), plan)

    by_criterion = []
    rows = (
        actions.values("criterion_id", "criterion__code", "criterion__title")
        .annotate(**_status_aggregates(today))
        .order_by("criterion__code", "criterion_id")
    )
    for row in rows:
        if row["criterion_id"] is None:
            # The plan has no "not linked" filter: show the numbers without links.
            group = ActionGroup("Not linked to a criterion", "", _counts(row, ""), False)
        else:
            url = f"{plan}?criterion={row['criterion_id']}"
            group = ActionGroup(
                row["criterion__code"], row["criterion__title"], _counts(row, url), True
            )
        by_criterion.append(group)
    by_criterion.sort(key=lambda g: not g.filterable)  # unlinked actions last

    members = set(
        Membership.objects.filter(organisation=organisation, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    by_owner = []
    rows = (
        actions.values("owner_id", "owner__name", "owner__email")
        .annotate(**_status_aggregates(today))
        .order_by("-overdue", "owner__name", "owner__email", "owner_id")
    )
    for row in rows:
        owner_id = row["owner_id"]
        # The plan's owner filter offers current members only; anyone else is shown unlinked.
        filterable = owner_id in members
        url = f"{plan}?owner={owner_id}" if filterable else ""
        if owner_id is None:
            label, detail = "No owner", ""
        else:
            label = row["owner__name"] or row["owner__email"]
            detail = "" if filterable else "no longer a member"
        by_owner.append(ActionGroup(label, detail, _counts(row, url), filterable))
    return ActionProgress(
        overall=overall,
        by_criterion=by_criterion,
        by_owner=by_owner,
        chart=overall.chart("Actions by status"),
    )


# --- The latest self-evaluation -------------------------------------------------------------


RAG_LABELS = {"green": "Green", "amber": "Amber", "red": "Red"}


@dataclass
class CriterionReadiness:
    criterion: Any
    counts: dict[str, int]  # level value (as text), "na", "unrated" -> benchmarks
    gaps: int


@dataclass
class Readiness:
    """Levels per criterion, evidence confidence and gaps of one self-evaluation."""

    assessment: Assessment
    answered: int
    total: int
    levels: list
    profile: list[dict]
    rows: list[CriterionReadiness]
    rag: list[Figure]
    gaps: list[dict]
    summary_url: str
    heatmap: SafeString
    rag_chart: SafeString
    trend: list[tuple[str, float, str]]
    trend_chart: SafeString

    @property
    def gaps_url(self) -> str:
        return f"{self.summary_url}#gaps-heading"

    @property
    def gaps_shown(self) -> list[dict]:
        return self.gaps[:GAPS_SHOWN]

    @property
    def percent_answered(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def _level_fill(response: Response) -> str:
    if response.not_applicable:
        return charts.NA_COLOUR
    return charts.LEVEL_COLOURS.get(response.level, charts.UNRATED_COLOUR)


def readiness(*, assessment: Assessment) -> Readiness:
    """The summary page's figures for the dashboard (the same rules decide what a gap is)."""
    organisation = assessment.organisation
    summary = build_summary(assessment)
    version = assessment.framework_version
    rows, heatmap_rows, answered = [], [], 0
    rag = dict.fromkeys([*RAG_LABELS, "none"], 0)
    gaps_by_criterion: dict[int, int] = defaultdict(int)
    for gap in summary["gaps"]:
        gaps_by_criterion[gap["response"].benchmark.criterion_id] += 1
    for row in summary["rows"]:
        cells = []
        for cell in row.cells:
            response = cell.response
            answered += response.is_answered
            if not response.not_applicable:
                rag[response.confidence if response.confidence in RAG_LABELS else "none"] += 1
            cells.append((f"{response.benchmark.code}: {cell.label}", _level_fill(response)))
        heatmap_rows.append((row.criterion.code, cells))
        rows.append(
            CriterionReadiness(row.criterion, row.counts, gaps_by_criterion[row.criterion.pk])
        )
    summary_url = _url("assessments:summary", organisation, assessment_code=assessment.code)
    meanings = {o.value: o.label.lower() for o in version.confidence_options}
    rag_figures = [
        Figure(
            key,
            f"{label} ({meanings[key]})" if key in meanings else label,
            rag[key],
            f"{summary_url}#heatmap-heading",
        )
        for key, label in RAG_LABELS.items()
    ] + [Figure("none", "Not assessed yet", rag["none"], f"{summary_url}#heatmap-heading")]
    rag_colours = {**charts.RAG_COLOURS, "none": charts.UNRATED_COLOUR}
    heatmap_title = f"Level of each benchmark by criterion in {assessment.title}"
    trend = trend_across_cycles(assessment)
    gap_levels = ", ".join(o.label.lower() for o in version.levels if o.gap) or "a gap level"
    return Readiness(
        assessment=assessment,
        answered=answered,
        total=summary["total"],
        levels=summary["levels"],
        profile=summary["profile"],
        rows=rows,
        rag=rag_figures,
        gaps=summary["gaps"],
        summary_url=summary_url,
        heatmap=_svg(charts.heatmap(heatmap_rows, heatmap_title)),
        rag_chart=_svg(
            charts.stacked_bar(
                [charts.Segment(f.label, f.count, rag_colours[f.key]) for f in rag_figures],
                "Evidence confidence (RAG) of the benchmarks that apply",
                width=400,
                height=28,
                css_class="chart chart-wide",
            )
        ),
        trend=trend,
        trend_chart=_svg(
            charts.bars(
                trend,
                f"Rated benchmarks not at a gap level ({gap_levels}), by cycle",
                "%",
                width=0,
            )
        ),
    )


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


def evidence_health(*, organisation: Organisation, today: date) -> EvidenceHealth:
    """Two queries: the counts, and the items expiring soonest."""
    warning = expiry_warning_date()
    library = EvidenceItem.objects.filter(organisation=organisation, archived_at__isnull=True)
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
    evidence = _url("evidence:list", organisation)
    return EvidenceHealth(
        expiring=Figure(
            "expiring",
            "Expiring soon",
            counts["expiring"],
            f"{evidence}?status={EvidenceStatus.EXPIRING}",
        ),
        expired=Figure(
            "expired", "Expired", counts["expired"], f"{evidence}?status={EvidenceStatus.EXPIRED}"
        ),
        in_library=Figure("total", "In the library", counts["total"], evidence),
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
        .select_related("owner", "organisation")
        .order_by("due_date", "title")[:DEADLINES_SHOWN]
    )
    for action in actions:
        owner = action.owner.display_name if action.owner else "no owner"
        deadlines.append(
            Deadline(action.due_date, "Action due", action.title, action.get_absolute_url(), owner)
        )
    for item in expiring:
        deadlines.append(
            Deadline(
                item.valid_until,
                "Evidence expires",
                item.title,
                _url("evidence:detail", organisation, evidence_code=item.code),
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
                "Self-evaluation due",
                assessment.title,
                _url("assessments:detail", organisation, assessment_code=assessment.code),
                assessment.get_status_display(),
                past=assessment.due_date < today,
            )
        )
    deadlines.sort(key=lambda d: (d.when, d.kind, d.title))
    return deadlines


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
    subcontractors: Any = None  # a SubcontractorRisk, or None when the register is not in use
    links: dict[str, str] = field(default_factory=dict)


def latest_assessment(*, organisation: Organisation) -> Assessment | None:
    return (
        Assessment.objects.filter(organisation=organisation)
        .select_related("organisation", "framework_version__framework", "lead")
        .defer("snapshot", "framework_version__source_text")
        .order_by("-created_at", "-pk")
        .first()
    )


def organisation_dashboard(*, organisation: Organisation, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    assessment = latest_assessment(organisation=organisation)
    evidence = evidence_health(organisation=organisation, today=today)
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
        links={
            "assessments": _url("assessments:index", organisation),
            "plan": _url("actionplans:index", organisation),
            "evidence": _url("evidence:list", organisation),
        },
    )


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
    from subcontractors.selectors import review_overdue_q, subcontractor_list

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
    register = _url("subcontractors:index", organisation)
    by_risk = [
        Figure(
            value,
            f"{label} risk",
            counts[f"risk_{value}"],
            f"{register}?risk={value}&status={SubcontractorStatus.ACTIVE}",
        )
        for value, label in reversed(RiskRating.choices)  # high first
    ]
    overdue = list(
        subcontractor_list(organisation=organisation, overdue=True, today=today)
        .select_related("organisation")
        .order_by(F("next_review_date").asc(nulls_last=True), "name", "pk")[:EXPIRING_SHOWN]
    )
    return SubcontractorRisk(
        in_register=Figure("total", "In the register", counts["total"], register),
        active=Figure(
            "active", "Active", counts["active"], f"{register}?status={SubcontractorStatus.ACTIVE}"
        ),
        by_risk=by_risk,
        overdue_reviews=Figure(
            "overdue", "With a review overdue", counts["overdue"], f"{register}?overdue=1"
        ),
        overdue=overdue,
        chart=_svg(
            charts.stacked_bar(
                [charts.Segment(f.label, f.count, RISK_COLOURS[f.key]) for f in by_risk],
                "Active subcontractors by Prevent risk rating",
                width=480,
                height=28,
                css_class="chart chart-wide",
            )
        ),
    )


RISK_COLOURS = {"high": "#b3261e", "medium": "#b26a00", "low": "#1f6f43"}


# --- The account manager's cockpit ----------------------------------------------------------

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
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def onboarding_complete(self) -> bool:
        return self.has_quality_manager and self.frameworks_chosen and self.assessment_started

    @property
    def onboarding_steps(self) -> list[tuple[str, bool]]:
        return [
            ("Quality manager joined", self.has_quality_manager),
            ("Frameworks chosen", self.frameworks_chosen),
            ("First self-evaluation started", self.assessment_started),
        ]

    @property
    def overdue_actions_url(self) -> str:
        return _url("actionplans:index", self.organisation, "overdue=1")

    @property
    def overdue_reviews_url(self) -> str:
        return _url("subcontractors:index", self.organisation, "overdue=1")

    @property
    def dashboard_url(self) -> str:
        return _url("reporting:dashboard", self.organisation)


def attention(row: ProviderRow) -> tuple[int, list[str]]:
    """The attention score of a provider and the reasons behind it (most urgent first)."""
    weights, score, reasons = ATTENTION_WEIGHTS, 0, []
    if not row.has_quality_manager:
        score += weights["no_quality_manager"]
        reasons.append(
            "Quality manager invited, not joined yet"
            if row.quality_manager_invited
            else "No quality manager"
        )
    if row.overdue_actions:
        score += weights["overdue_actions"] + min(row.overdue_actions, PER_ITEM_CAP)
        noun = "action" if row.overdue_actions == 1 else "actions"
        reasons.append(f"{row.overdue_actions} overdue {noun}")
    if row.overdue_reviews:
        score += weights["overdue_reviews"] + min(row.overdue_reviews, PER_ITEM_CAP)
        noun = "review" if row.overdue_reviews == 1 else "reviews"
        reasons.append(f"{row.overdue_reviews} overdue subcontractor {noun}")
    if row.awaiting_approval:
        score += weights["awaiting_approval"]
        reasons.append("Self-evaluation awaiting approval")
    if row.stale:
        score += weights["stale"]
        reasons.append(f"No activity for over {STALE_AFTER_DAYS} days")
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
        charts.Segment("Not applicable", counts.get("na", 0), charts.NA_COLOUR),
        charts.Segment("Not rated", counts.get(None, 0), charts.UNRATED_COLOUR),
    ]
    total = sum(s.value for s in segments)
    chart = charts.stacked_bar(
        segments,
        f"Readiness profile of {assessment.title}",
        width=160,
        height=14,
        show_values=False,
        css_class="chart chart-mini",
    )
    return _svg(chart), total


def cockpit_rows(*, user, today: date | None = None) -> list[ProviderRow]:
    """Every provider assigned to the account manager, those needing attention first.

    One narrow query (scalar subqueries per provider, no joins that multiply rows) gives what
    the order needs; `cockpit_rows_detail` then adds the self-evaluation and its chart to the
    rows of one page only, so the page's cost does not grow with the portfolio.
    """
    today = today or timezone.localdate()
    stale_before = timezone.now() - timedelta(days=STALE_AFTER_DAYS)
    org = OuterRef("pk")
    latest = Assessment.unscoped.filter(organisation=org).order_by("-created_at", "-pk")
    organisations = organisation_list_for_account_manager(user=user).annotate(
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
    )
    rows = [_provider_row(o, stale_before) for o in organisations]
    rows.sort(key=lambda r: (-r.score, r.organisation.name.casefold(), r.organisation.pk))
    return rows


def _provider_row(o: Organisation, stale_before: datetime) -> ProviderRow:
    changes = [
        o.assessment_changed,
        o.response_changed,
        o.action_changed,
        o.evidence_changed,
        getattr(o, "subcontractor_changed", None),
        getattr(o, "review_changed", None),
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
        frameworks_chosen=o.subscription_count > 0,
        assessment_started=o.latest_assessment_id is not None,
    )
    row.score, row.reasons = attention(row)
    return row


def cockpit_rows_detail(rows: Sequence[ProviderRow]) -> None:
    """Adds each row's latest self-evaluation and readiness chart (two queries for the rows)."""
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
