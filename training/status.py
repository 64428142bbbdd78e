"""When each person's training falls due, from their last completion: one rule, used by every
page, figure, signal, the pack, the calendar and the digest.

- A course a person's role group does not need is "not needed".
- Never completed: due at the start date plus the course's grace period for new starters.
- Completed, once-only course: done for good.
- Completed, refreshed course: due `refresh_months` after the last completion.
- Due in the past: "overdue"; within `DUE_SOON_DAYS`: "due soon"; otherwise "done" (or, never
  completed and not yet due, "due soon" too: a new starter who still has to do it).
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from registers.base import DUE_SOON_DAYS

NEW_STARTER_DAYS = 90  # someone who started within this many days is a new starter


class CellStatus(StrEnum):
    DONE = "done"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NOT_NEEDED = "not_needed"


STATUS_LABELS = {
    CellStatus.DONE: _("Done"),
    CellStatus.DUE_SOON: _("Due soon"),
    CellStatus.OVERDUE: _("Overdue"),
    CellStatus.NOT_NEEDED: _("Not needed"),
}


def add_months(day: date, months: int) -> date:
    """`day` moved on by whole months; the 31st becomes the month's last day where needed."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Cell:
    status: CellStatus
    due: date | None  # None: not needed, or a once-only course that is done
    last: date | None  # the last completion

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def needed(self) -> bool:
        return self.status != CellStatus.NOT_NEEDED

    @property
    def current(self) -> bool:
        """Completed and not yet expired: what "trained" means in every figure."""
        return self.last is not None and self.status != CellStatus.OVERDUE


NOT_NEEDED = Cell(CellStatus.NOT_NEEDED, None, None)


def due_date(course, start_date: date, last: date | None) -> date | None:
    if last is None:
        return start_date + timedelta(days=course.induction_days)
    if course.refresh_months:
        return add_months(last, course.refresh_months)
    return None


def cell_for(course, role_group: str, start_date: date, last: date | None, today: date) -> Cell:
    if not course.needed_by(role_group):
        return NOT_NEEDED
    due = due_date(course, start_date, last)
    if due is None:
        return Cell(CellStatus.DONE, None, last)
    if due < today:
        return Cell(CellStatus.OVERDUE, due, last)
    if last is None or due <= today + timedelta(days=DUE_SOON_DAYS):
        return Cell(CellStatus.DUE_SOON, due, last)
    return Cell(CellStatus.DONE, due, last)


def is_new_starter(start_date: date, today: date) -> bool:
    return today - timedelta(days=NEW_STARTER_DAYS) <= start_date <= today


# The Prevent lead's monthly digest covers refreshers falling due within this many days (and
# everything already overdue); the reminder sweep sends it only when there is something to say.
DIGEST_AHEAD_DAYS = 60
