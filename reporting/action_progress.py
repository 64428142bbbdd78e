"""The dashboard's action plan panel: actions by status, overall, by criterion and by owner.

Two aggregate queries and the list of members, however many actions there are.
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.db.models import Count, Q
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from actionplans.models import Action, ActionStatus
from actionplans.selectors import overdue_q
from reporting import charts
from reporting.figures import NONE_SHOWN, Figure, org_url
from tenancy.models import Membership, Organisation

STATUS_LABELS = {
    ActionStatus.DONE: _("Done"),
    ActionStatus.IN_PROGRESS: _("In progress"),
    ActionStatus.NOT_STARTED: _("Not started"),
    ActionStatus.BLOCKED: _("Blocked"),
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

    @cached_property
    def figures(self) -> list[Figure]:
        """Done, in progress, not started, blocked and overdue, each with its list."""
        figures = [
            Figure(
                str(status), str(label), getattr(self, str(status)), self._link(f"status={status}")
            )
            for status, label in STATUS_LABELS.items()
        ]
        figures.append(Figure("overdue", gettext("Overdue"), self.overdue, self._link("overdue=1")))
        return figures

    @property
    def total_url(self) -> str:
        return self._link("")

    def segments(self) -> list[charts.Segment]:
        return [
            charts.Segment(
                str(label), getattr(self, str(status)), charts.STATUS_COLOURS[str(status)]
            )
            for status, label in STATUS_LABELS.items()
        ]

    def chart(self, title: str) -> SafeString:
        return charts.svg(
            charts.stacked_bar(
                self.segments(), title, width=1000, height=32, css_class="chart chart-wide"
            )
        )


def _counts(row: dict, base_url: str) -> StatusCounts:
    names = ("total", "done", "in_progress", "not_started", "blocked", "overdue")
    return StatusCounts(**{name: row[name] or 0 for name in names}, base_url=base_url)


#: What a screen reader hears after a figure's link: which row it counts.
IN_CRITERION = gettext_noop("%(label)s in %(group)s")
OWNED_BY = gettext_noop("%(label)s owned by %(owner)s")


@dataclass
class ActionGroup:
    """A row of the "by criterion" or "by owner" table."""

    label: str
    detail: str
    counts: StatusCounts
    filterable: bool  # whether the plan can be filtered to exactly this group
    link_text: str = IN_CRITERION  # untranslated; IN_CRITERION or OWNED_BY

    @property
    def cells(self) -> SafeString:
        """The row's figure cells. Drawn here rather than in the template: a table of rows of
        five linked cells was half of the dashboard's rendering time."""
        return format_html_join("", "{}", ((self._cell(f),) for f in self.counts.figures))

    def _cell(self, figure: Figure) -> SafeString:
        css = "num is-overdue" if figure.key == "overdue" and figure.count else "num"
        if figure.count and self.filterable:
            names = {"label": figure.label.lower(), "group": self.label, "owner": self.label}
            shown = format_html(
                '<a href="{}">{}<span class="visually-hidden"> {}</span></a>',
                figure.url,
                figure.count,
                gettext(self.link_text) % names,
            )
        elif figure.count:
            shown = format_html("{}", figure.count)
        else:
            shown = NONE_SHOWN
        return format_html('<td data-label="{}" class="{}">{}</td>', figure.label, css, shown)


@dataclass
class ActionProgress:
    overall: StatusCounts
    by_criterion: list[ActionGroup]
    by_owner: list[ActionGroup]
    chart: SafeString


def _overall(rows: list[dict], base_url: str) -> StatusCounts:
    """The whole plan: the sum of the groups of one breakdown (each action is in one group)."""
    names = ("total", "done", "in_progress", "not_started", "blocked", "overdue")
    return _counts({name: sum(row[name] or 0 for row in rows) for name in names}, base_url)


def action_progress(*, organisation: Organisation, today: date) -> ActionProgress:
    """Two aggregate queries (by criterion, by owner; the whole plan is their sum) and the
    list of members."""
    actions = Action.objects.filter(organisation=organisation)
    plan = org_url("actionplans:index", organisation)

    by_criterion = []
    rows = list(
        actions.values("criterion_id", "criterion__code", "criterion__title")
        .annotate(**_status_aggregates(today))
        .order_by("criterion__code", "criterion_id")
    )
    overall = _overall(rows, plan)
    for row in rows:
        if row["criterion_id"] is None:
            # The plan has no "not linked" filter: show the numbers without links.
            group = ActionGroup(gettext("Not linked to a criterion"), "", _counts(row, ""), False)
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
    owner_rows = (
        actions.values("owner_id", "owner__name", "owner__email")
        .annotate(**_status_aggregates(today))
        .order_by("-overdue", "owner__name", "owner__email", "owner_id")
    )
    for row in owner_rows:
        owner_id = row["owner_id"]
        # The plan's owner filter offers current members only; anyone else is shown unlinked.
        filterable = owner_id in members
        url = f"{plan}?owner={owner_id}" if filterable else ""
        if owner_id is None:
            label, detail = gettext("No owner"), ""
        else:
            label = row["owner__name"] or row["owner__email"]
            detail = "" if filterable else gettext("no longer a member")
        by_owner.append(ActionGroup(label, detail, _counts(row, url), filterable, OWNED_BY))
    return ActionProgress(
        overall=overall,
        by_criterion=by_criterion,
        by_owner=by_owner,
        chart=overall.chart(gettext("Actions by status")),
    )
