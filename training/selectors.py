"""Reads for the training pages, signals, pack, calendar and digest; each takes `organisation=`.

Figures come from three queries whatever the size: the staff in post, the catalogue, and each
person's last completion of each course (one GROUP BY). Statuses are worked out in Python by
`training.status`, the one rule for due and overdue.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext, gettext_noop

from tenancy.models import Organisation
from training.models import Completion, Course, RoleGroup, StaffMember
from training.status import (
    DIGEST_AHEAD_DAYS,
    Cell,
    CellStatus,
    add_months,
    cell_for,
    is_new_starter,
)

NO_SITE = gettext_noop("No site recorded")


def in_post(today: date) -> Q:
    """Started and not yet left (the leaving date is the last working day)."""
    return Q(start_date__lte=today) & (Q(leaving_date__isnull=True) | Q(leaving_date__gte=today))


def staff_list(
    *,
    organisation: Organisation,
    today: date,
    q: str = "",
    role_group: str = "",
    site: str = "",
    leavers: bool = False,
) -> QuerySet[StaffMember]:
    rows = StaffMember.objects.for_organisation(organisation)
    rows = rows.exclude(leaving_date__lt=today) if not leavers else rows
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(staff_number__iexact=q) | Q(email__iexact=q))
    if role_group:
        rows = rows.filter(role_group=role_group)
    if site:
        rows = rows.filter(site=site)
    return rows.order_by("name", "pk")


def sites(*, organisation: Organisation) -> list[str]:
    rows = StaffMember.objects.for_organisation(organisation).exclude(site="")
    return list(rows.order_by("site").values_list("site", flat=True).distinct()[:200])


def course_list(*, organisation: Organisation, active_only: bool = False) -> QuerySet[Course]:
    rows = Course.objects.for_organisation(organisation)
    return rows.filter(active=True) if active_only else rows.order_by("-active", "title", "pk")


def required_courses(*, organisation: Organisation) -> list[Course]:
    """The active courses some role group needs: the matrix's columns."""
    return [c for c in course_list(organisation=organisation, active_only=True) if c.role_groups]


def latest_completions(
    *, organisation: Organisation, staff: Iterable[int] | None = None, today: date | None = None
) -> dict[tuple[int, int], date]:
    """Each (staff id, course id)'s last completion date: for the staff ids given, or (with
    `today`) for everyone in post that day. One GROUP BY query."""
    rows = Completion.objects.for_organisation(organisation)
    if staff is not None:
        rows = rows.filter(staff_id__in=list(staff))
    if today is not None:
        rows = rows.filter(staff__start_date__lte=today).filter(
            Q(staff__leaving_date__isnull=True) | Q(staff__leaving_date__gte=today)
        )
    latest = rows.values("staff_id", "course_id").annotate(last=Max("completed_on"))
    return {(r["staff_id"], r["course_id"]): r["last"] for r in latest.order_by()}


@dataclass
class Row:
    staff: StaffMember
    cells: list[Cell]

    @property
    def overdue(self) -> int:
        return sum(1 for c in self.cells if c.status == CellStatus.OVERDUE)


def matrix_rows(
    *, organisation: Organisation, staff: list[StaffMember], courses: list[Course], today: date
) -> list[Row]:
    """One row per person (a page of them), one cell per course."""
    last = latest_completions(organisation=organisation, staff=[s.pk for s in staff])
    return [
        Row(
            person,
            [
                cell_for(
                    c, person.role_group, person.start_date, last.get((person.pk, c.pk)), today
                )
                for c in courses
            ],
        )
        for person in staff
    ]


@dataclass
class Figure:
    """Completion for a group of people: how many are fully up to date, and how many of the
    courses they need are current."""

    label: str
    people: int = 0
    trained: int = 0  # every course they need is current
    needed: int = 0
    current: int = 0
    overdue: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.trained / self.people) if self.people else None

    @property
    def course_percent(self) -> int | None:
        return round(100 * self.current / self.needed) if self.needed else None

    def add(self, person: "Tally") -> None:
        self.people += 1
        self.trained += person.trained
        self.needed += person.needed
        self.current += person.current
        self.overdue += person.overdue


@dataclass(frozen=True)
class Tally:
    """One person's cells, counted once for every figure they are part of."""

    trained: bool
    needed: int
    current: int
    overdue: int

    @classmethod
    def of(cls, cells: list[Cell]) -> "Tally":
        needed = [c for c in cells if c.needed]
        current = sum(c.current for c in needed)
        overdue = sum(c.status == CellStatus.OVERDUE for c in needed)
        return cls(current == len(needed), len(needed), current, overdue)


@dataclass(frozen=True)
class Item:
    """One person's one course that needs attention."""

    staff: StaffMember
    course: Course
    cell: Cell


@dataclass(frozen=True)
class Starter:
    """A new starter and the courses they still have to complete."""

    staff: StaffMember
    todo: list[tuple[Course, Cell]]


@dataclass
class Overview:
    as_of: date
    courses: list[Course]
    total: Figure
    by_group: list[Figure]
    by_site: list[Figure]
    overdue: list[Item] = field(default_factory=list)
    due_soon: list[Item] = field(default_factory=list)
    new_starters: list[Starter] = field(default_factory=list)  # started lately, something not done
    groups_without_course: list[str] = field(default_factory=list)

    @property
    def overdue_people(self) -> int:
        return len({item.staff.pk for item in self.overdue})

    def group(self, role_group: str) -> Figure:
        return next(f for f in self.by_group if f.label == str(RoleGroup(role_group).label))


def training_overview(*, organisation: Organisation, today: date) -> Overview:
    """Every figure the pages, signals and pack show, for the staff in post today."""
    staff = list(
        StaffMember.objects.for_organisation(organisation)
        .filter(in_post(today))
        .only("code", "name", "role_group", "site", "start_date", "organisation_id")
        .order_by("name", "pk")
    )
    courses = required_courses(organisation=organisation)
    last = latest_completions(organisation=organisation, today=today)
    groups = {g.value: Figure(str(g.label)) for g in RoleGroup}
    by_site: dict[str, Figure] = defaultdict(lambda: Figure(""))
    overview = Overview(today, courses, Figure(gettext("All staff")), [], [])
    no_site = gettext(NO_SITE)
    for person in staff:
        cells = [
            cell_for(c, person.role_group, person.start_date, last.get((person.pk, c.pk)), today)
            for c in courses
        ]
        tally = Tally.of(cells)
        for figure in (overview.total, groups[person.role_group], by_site[person.site or no_site]):
            figure.add(tally)
        _collect(overview, person, courses, cells, today)
    overview.by_group = [f for f in groups.values() if f.people]
    overview.by_site = [Figure(name, **_counts(f)) for name, f in sorted(by_site.items())]
    overview.overdue.sort(key=lambda i: (i.cell.due, i.staff.name))
    overview.due_soon.sort(key=lambda i: (i.cell.due, i.staff.name))
    needed_by = {g for c in courses for g in c.role_groups}
    overview.groups_without_course = [
        str(g.label) for g in RoleGroup if g not in needed_by and groups[g].people
    ]
    return overview


def _counts(figure: Figure) -> dict[str, int]:
    return {k: getattr(figure, k) for k in ("people", "trained", "needed", "current", "overdue")}


def _collect(overview: Overview, person, courses, cells: list[Cell], today: date) -> None:
    for course, cell in zip(courses, cells, strict=True):
        if cell.status == CellStatus.OVERDUE:
            overview.overdue.append(Item(person, course, cell))
        elif cell.status == CellStatus.DUE_SOON:
            overview.due_soon.append(Item(person, course, cell))
    if is_new_starter(person.start_date, today):
        todo = [
            (c, cell)
            for c, cell in zip(courses, cells, strict=True)
            if cell.needed and not cell.last
        ]
        if todo:
            overview.new_starters.append(Starter(person, todo))


def refreshers_due(
    *, organisation: Organisation, start: date, end: date, today: date
) -> list[tuple[date, Course, int]]:
    """(due date, course, how many people) for refreshers of the staff in post `today` falling
    due start..end, for the calendar: one entry per course and day, not one per person."""
    courses = {c.pk: c for c in required_courses(organisation=organisation) if c.refresh_months}
    groups = dict(
        StaffMember.objects.for_organisation(organisation)
        .filter(in_post(today))
        .values_list("pk", "role_group")
    )
    counts: dict[tuple[date, int], int] = defaultdict(int)
    for (staff_id, course_id), last in latest_completions(
        organisation=organisation, today=today
    ).items():
        course = courses.get(course_id)
        if course is None or not course.needed_by(groups.get(staff_id, "")):
            continue
        due = add_months(last, course.refresh_months or 0)
        if start <= due <= end:
            counts[(due, course_id)] += 1
    return sorted(
        ((day, courses[pk], n) for (day, pk), n in counts.items()), key=lambda t: (t[0], t[1].title)
    )


def staff_completions(*, staff: StaffMember) -> QuerySet[Completion]:
    return (
        Completion.objects.for_organisation(staff.organisation_id)
        .filter(staff=staff)
        .select_related("course", "certificate", "recorded_by")
        .order_by("-completed_on", "-pk")
    )


def recorded_on(*, organisation: Organisation, course: Course, day: date) -> set[int]:
    """Ids of the staff who already have this course recorded on this day."""
    rows = Completion.objects.for_organisation(organisation).filter(course=course, completed_on=day)
    return set(rows.values_list("staff_id", flat=True))


def training_digest(*, organisation: Organisation, today: date) -> dict:
    """The Prevent lead's digest: figures by course and role group, not a list of people."""
    until = today + timedelta(days=DIGEST_AHEAD_DAYS)
    overview = training_overview(organisation=organisation, today=today)
    by_course: dict[str, int] = defaultdict(int)
    for _day, course, n in refreshers_due(
        organisation=organisation, start=today, end=until, today=today
    ):
        by_course[course.title] += n
    refreshers = sum(1 for i in overview.overdue if i.cell.last is not None)
    return {
        "until": until,
        "overview": overview,
        "overdue_refreshers": refreshers,
        "overdue_never": len(overview.overdue) - refreshers,
        "due_by_course": sorted(by_course.items()),
        "due_total": sum(by_course.values()),
        "overdue_by_group": [(f.label, f.overdue) for f in overview.by_group if f.overdue],
    }
