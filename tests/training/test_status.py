"""The one rule for due and overdue (training.status), on its own."""

from dataclasses import dataclass
from datetime import date

import pytest

from training.status import CellStatus, add_months, cell_for, due_date, is_new_starter

TODAY = date(2026, 11, 25)


@dataclass
class FakeCourse:
    refresh_months: int | None = 24
    induction_days: int = 30
    role_groups: tuple = ("tutors",)
    active: bool = True

    def needed_by(self, group: str) -> bool:
        return self.active and group in self.role_groups


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 5, 15), 24, date(2028, 5, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_or_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_a_course_the_role_does_not_need_is_not_needed():
    cell = cell_for(FakeCourse(), "board", date(2020, 1, 1), None, TODAY)
    assert cell.status == CellStatus.NOT_NEEDED and not cell.needed


def test_a_retired_course_is_not_needed_even_by_its_role_group():
    cell = cell_for(FakeCourse(active=False), "tutors", date(2020, 1, 1), None, TODAY)
    assert cell.status == CellStatus.NOT_NEEDED


def test_never_completed_is_due_at_the_start_date_plus_the_grace_period():
    started = date(2026, 11, 10)
    cell = cell_for(FakeCourse(induction_days=30), "tutors", started, None, TODAY)
    assert (cell.status, cell.due, cell.current) == (CellStatus.DUE_SOON, date(2026, 12, 10), False)
    late = cell_for(FakeCourse(induction_days=10), "tutors", started, None, TODAY)
    assert (late.status, late.due) == (CellStatus.OVERDUE, date(2026, 11, 20))


def test_a_refresher_is_due_its_interval_after_the_last_completion():
    course = FakeCourse(refresh_months=12)
    fresh = cell_for(course, "tutors", date(2020, 1, 1), date(2026, 6, 1), TODAY)
    assert (fresh.status, fresh.due, fresh.current) == (CellStatus.DONE, date(2027, 6, 1), True)
    soon = cell_for(course, "tutors", date(2020, 1, 1), date(2025, 12, 20), TODAY)
    assert (soon.status, soon.current) == (CellStatus.DUE_SOON, True)
    lapsed = cell_for(course, "tutors", date(2020, 1, 1), date(2025, 11, 24), TODAY)
    assert (lapsed.status, lapsed.due, lapsed.current) == (
        CellStatus.OVERDUE,
        date(2026, 11, 24),
        False,
    )


def test_a_once_only_course_once_done_is_done_for_good():
    course = FakeCourse(refresh_months=None)
    cell = cell_for(course, "tutors", date(2010, 1, 1), date(2011, 1, 1), TODAY)
    assert (cell.status, cell.due) == (CellStatus.DONE, None)
    assert due_date(course, date(2010, 1, 1), None) == date(2010, 1, 31)


def test_new_starters_are_those_started_in_the_last_90_days():
    assert is_new_starter(date(2026, 9, 1), TODAY)
    assert not is_new_starter(date(2026, 8, 26), TODAY)
    assert not is_new_starter(date(2026, 12, 1), TODAY)  # not started yet
