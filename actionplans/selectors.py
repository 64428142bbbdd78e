"""Read queries for the action plan pages. They take the organisation explicitly."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from actionplans.models import OPEN_STATUSES, Action, ActionStatus, Priority, ProgressUpdate
from frameworks.models import Benchmark, Criterion
from frameworks.selectors import framework_version_list_for_organisation
from tenancy.models import Organisation

# "Due this week" means due in the next seven days, as in the weekly digest.
DUE_SOON_DAYS = 7


class Sort:
    """The orders the plan may be sorted in: anything else in the query string is ignored."""

    DEFAULT = "due_date"
    FIELDS = {
        "due_date": "Due date",
        "priority": "Priority",
        "status": "Status",
        "owner": "Owner",
        "title": "Title",
    }

    @classmethod
    def clean(cls, value: str | None) -> str:
        value = (value or "").strip()
        return value if value.lstrip("-") in cls.FIELDS else cls.DEFAULT


PRIORITY_RANK = Case(
    When(priority=Priority.HIGH, then=Value(0)),
    When(priority=Priority.MEDIUM, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
STATUS_RANK = Case(
    When(status=ActionStatus.NOT_STARTED, then=Value(0)),
    When(status=ActionStatus.IN_PROGRESS, then=Value(1)),
    When(status=ActionStatus.BLOCKED, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)
# Ascending order of each sort key; descending reverses it (ties broken by due date, title).
_ORDER = {
    "due_date": ["due_date"],
    "priority": ["priority_rank"],
    "status": ["status_rank"],
    "owner": ["owner__name", "owner__email"],
    "title": ["title"],
}


def _ordering(sort: str) -> list:
    descending = sort.startswith("-")
    keys = _ORDER[sort.lstrip("-")]
    if descending:
        keys = [f"-{k}" for k in keys]
    return [*keys, "due_date", "title", "pk"]


# List rows show a criterion's code and title and a benchmark's code: leave the long guidance
# text and JSON behind, so a page of actions stays a narrow row.
WIDE_FRAMEWORK_FIELDS = (
    "criterion__summary",
    "criterion__dfe_area",
    "benchmark__text",
    "benchmark__guidance",
    "benchmark__evidence_prompts",
    "benchmark__backed_by",
)


def overdue_q(today: date) -> Q:
    return Q(status__in=OPEN_STATUSES, due_date__lt=today)


def due_soon_q(today: date) -> Q:
    return Q(
        status__in=OPEN_STATUSES,
        due_date__gte=today,
        due_date__lte=today + timedelta(days=DUE_SOON_DAYS),
    )


def _with_latest_update(actions: QuerySet[Action], organisation: Organisation) -> QuerySet[Action]:
    latest = (
        ProgressUpdate.objects.for_organisation(organisation)
        .filter(action=OuterRef("pk"))
        .order_by("-created_at", "-pk")
    )
    return actions.annotate(
        latest_comment=Subquery(latest.values("comment")[:1]),
        latest_update_at=Subquery(latest.values("created_at")[:1]),
    )


def action_list(
    *,
    organisation: Organisation,
    status: str = "",
    owner=None,
    criterion=None,
    overdue: bool = False,
    due_this_week: bool = False,
    sort: str = Sort.DEFAULT,
    today: date | None = None,
) -> QuerySet[Action]:
    """The plan, filtered and sorted: one query however many actions (and updates) there are.

    `status` is one of the action statuses, or "open" for everything not done.
    """
    today = today or timezone.localdate()
    actions = (
        Action.objects.for_organisation(organisation)
        .select_related("owner", "criterion", "benchmark")
        .defer(*WIDE_FRAMEWORK_FIELDS)
    )
    if status == "open":
        actions = actions.filter(status__in=OPEN_STATUSES)
    elif status in ActionStatus.values:
        actions = actions.filter(status=status)
    if owner is not None:
        actions = actions.filter(owner=owner)
    if criterion is not None:
        actions = actions.filter(criterion=criterion)
    if overdue:
        actions = actions.filter(overdue_q(today))
    if due_this_week:
        actions = actions.filter(due_soon_q(today))
    actions = _with_latest_update(actions, organisation).annotate(
        priority_rank=PRIORITY_RANK, status_rank=STATUS_RANK
    )
    return actions.order_by(*_ordering(Sort.clean(sort)))


@dataclass(frozen=True)
class PlanCounts:
    total: int
    open: int
    overdue: int
    due_this_week: int
    done: int


def action_counts(*, organisation: Organisation, today: date | None = None) -> PlanCounts:
    today = today or timezone.localdate()
    counts = Action.objects.for_organisation(organisation).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=overdue_q(today)),
        due_this_week=Count("pk", filter=due_soon_q(today)),
        done=Count("pk", filter=Q(status=ActionStatus.DONE)),
    )
    return PlanCounts(**counts)


def owned_open_actions(*, organisation: Organisation, user) -> QuerySet[Action]:
    """The open actions someone owns, unordered and plain: to count them."""
    return Action.objects.for_organisation(organisation).filter(
        owner=user, status__in=OPEN_STATUSES
    )


def my_actions(*, organisation: Organisation, user) -> QuerySet[Action]:
    """The open actions someone owns, overdue first (the oldest due date first)."""
    today = timezone.localdate()
    actions = (
        owned_open_actions(organisation=organisation, user=user)
        .select_related("criterion", "benchmark")
        .defer(*WIDE_FRAMEWORK_FIELDS)
    )
    return (
        _with_latest_update(actions, organisation)
        .annotate(
            overdue_first=Case(
                When(due_date__lt=today, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            priority_rank=PRIORITY_RANK,
        )
        .order_by("overdue_first", "due_date", "priority_rank", "title")
    )


def my_actions_overdue_count(*, organisation: Organisation, user) -> int:
    today = timezone.localdate()
    owned = owned_open_actions(organisation=organisation, user=user)
    return owned.filter(due_date__lt=today).count()


def my_actions_mark(*, actions: Sequence[Action], user, can_manage: bool) -> None:
    """Marks each of `actions` (one page of `my_actions`) with `can_update` (the owner's
    guardian permission, prefetched: one query for the whole page)."""
    from guardian.core import ObjectPermissionChecker

    from actionplans.services import OWNER_PERMISSION

    actions = list(actions)
    if can_manage:
        updatable = {a.pk for a in actions}
    else:
        checker = ObjectPermissionChecker(user)
        checker.prefetch_perms(actions)
        updatable = {a.pk for a in actions if checker.has_perm(OWNER_PERMISSION, a)}
    for action in actions:
        action.can_update = action.pk in updatable


def action_detail_queryset() -> QuerySet[Action]:
    return Action.objects.select_related(
        "organisation",
        "owner",
        "created_by",
        "criterion__version__framework",
        "benchmark",
        "response__assessment",
        "response__benchmark__criterion",
    )


def action_updates(*, action: Action) -> QuerySet[ProgressUpdate]:
    return action.updates.select_related("author").order_by("created_at", "pk")


def criterion_choices(*, organisation: Organisation, include=None) -> QuerySet[Criterion]:
    """Criteria of the frameworks the organisation subscribes to (plus `include`, the one an
    existing action already points at, so editing it does not fail on an old framework)."""
    versions = framework_version_list_for_organisation(organisation=organisation)
    wanted = Q(version__in=versions)
    if include is not None:
        wanted |= Q(pk=include.pk)
    return (
        Criterion.objects.filter(wanted)
        .select_related("version__framework")
        .defer("version__source_text")
        .order_by("version__framework__title", "-version__created_at", "position")
    )


def benchmark_choices(*, organisation: Organisation, include=None) -> QuerySet[Benchmark]:
    versions = framework_version_list_for_organisation(organisation=organisation)
    wanted = Q(version__in=versions)
    if include is not None:
        wanted |= Q(pk=include.pk)
    return (
        Benchmark.objects.filter(wanted)
        .select_related("criterion")
        .order_by(
            "version__framework__title", "-version__created_at", "criterion__position", "position"
        )
    )


def criteria_in_plan(*, organisation: Organisation) -> QuerySet[Criterion]:
    """The criteria the plan's actions address: the choices of the criterion filter."""
    used = Action.objects.for_organisation(organisation).filter(criterion__isnull=False)
    return Criterion.objects.filter(pk__in=used.values("criterion_id")).order_by(
        "version__framework__title", "code", "-version__created_at"
    )
