"""What needs the signed-in person now: the to-do list at the top of each organisation's home.

Each kind of item has one selector in `reporting.todo_kinds`, taking `organisation=` and the
person (`user=`, with their `access` for what their role lets them do); it answers None when
the kind is not theirs, or a `Kind`: the queryset of their items (ordered, most urgent first),
which of them are late, and how to show one. `build_sections` counts every kind in one query (a
UNION ALL of one aggregate per kind), then reads at most `ROWS` rows
of each kind that has any, so the home page costs the same however much work there is.

The few kinds not kept as rows (the training matrix's refreshers, a term's referral figures)
give a `Computed` section instead, built by their own fixed number of queries.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, IntegerField, Q, QuerySet, Value
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop, ngettext

from core.dates import short_date
from tenancy.models import Organisation

#: Past this, a late item says since when rather than how many days.
LONG_OVERDUE_DAYS = 60
#: Rows shown per section; the rest are one "See all" link away.
ROWS = 5

# How urgent a kind of item is (lower first). Within a rank, sections with late items first.
WAITING_ON_YOU = 0  # someone handed you work: an approval, returned work, a decision
YOURS_TO_DO = 1  # work given to you: criteria, actions
FALLING_DUE = 2  # dated upkeep: evidence expiring, reviews and refreshers due
READY = 3  # finished for you: packs ready


@dataclass(frozen=True)
class Row:
    label: str
    url: str
    detail: str = ""
    late: bool = False


@dataclass
class Section:
    key: str
    title: str
    count: int
    late: int
    rows: list[Row]
    more_url: str
    rank: int
    # English, marked for the catalogue: the to-do template translates it.
    late_word: str = gettext_noop("overdue")

    @property
    def more(self) -> int:
        """How many are not shown as rows."""
        return max(self.count - len(self.rows), 0)


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    rank: int
    items: QuerySet[Any]
    row: Callable[[Any], Row]
    more_url: str
    late: Q | None = None
    late_word: str = gettext_noop("overdue")
    # The rows' queryset when it differs from the counted one (annotated for display only).
    shown: QuerySet[Any] | None = None


@dataclass(frozen=True)
class Computed:
    """A section whose count and rows come from their own bounded work, not a queryset."""

    section: Section | None


@dataclass
class TodoList:
    sections: list[Section] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(s.count for s in self.sections)

    @property
    def late(self) -> int:
        return sum(s.late for s in self.sections)


def org_url(name: str, organisation: Organisation, query: str = "", **kwargs: Any) -> str:
    url = reverse(name, kwargs={"org_slug": organisation.slug, **kwargs})
    return f"{url}?{query}" if query else url


def _on_the_day(word: str, day: date, today: date) -> str:
    if word == "expires":
        if day == today:
            return gettext("expires today")
        return gettext("expires %(date)s") % {"date": short_date(day)}
    if day == today:
        return gettext("due today")
    return gettext("due %(date)s") % {"date": short_date(day)}


def due_text(day: date | None, today: date, word: str = "due") -> str:
    """'due 3 Jan 2027', '4 days overdue', or (long after) 'overdue since 3 Jan 2026'.
    `word` is "due" or "expires", in the active language."""
    if day is None:
        return gettext("no due date")
    if day < today:
        late = (today - day).days
        if late > LONG_OVERDUE_DAYS:
            return gettext("overdue since %(date)s") % {"date": short_date(day)}
        return ngettext("%(days)d day overdue", "%(days)d days overdue", late) % {"days": late}
    return _on_the_day(word, day, today)


def _counts(kinds: Sequence[Kind]) -> dict[str, int]:
    """Every kind's count (and its late count) in one query: a UNION ALL of one small aggregate
    per kind. Each part compiles on its own, about half the work of nesting them all as
    subqueries of one row (Django's compiling, not the database, was most of this list's time)."""
    if not kinds:
        return {}
    no_late = Value(0, output_field=IntegerField())
    parts = [
        kind.items.order_by()
        .annotate(todo_kind=Value(index, output_field=IntegerField()))
        .values("todo_kind")
        .annotate(
            todo_n=Count("pk"),
            todo_late=Count("pk", filter=kind.late) if kind.late is not None else no_late,
        )
        .values_list("todo_kind", "todo_n", "todo_late")
        for index, kind in enumerate(kinds)
    ]
    found = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    counts: dict[str, int] = {}
    for index, n, late in found:
        counts[f"n_{kinds[index].key}"] = n
        counts[f"late_{kinds[index].key}"] = late
    return counts


def _shown(kind: Kind) -> QuerySet[Any]:
    return kind.shown if kind.shown is not None else kind.items


def build_sections(found: Sequence[Kind | Computed], rows: int = ROWS) -> TodoList:
    kinds = [k for k in found if isinstance(k, Kind)]
    counts = _counts(kinds)
    sections = [c.section for c in found if isinstance(c, Computed) and c.section]
    for kind in kinds:
        count = counts.get(f"n_{kind.key}", 0)
        if not count:
            continue
        sections.append(
            Section(
                key=kind.key,
                title=kind.title,
                count=count,
                late=counts.get(f"late_{kind.key}", 0),
                rows=[kind.row(item) for item in _shown(kind)[:rows]],
                more_url=kind.more_url,
                rank=kind.rank,
                late_word=kind.late_word,
            )
        )
    sections.sort(key=lambda s: (s.rank, 0 if s.late else 1))
    return TodoList(sections)
