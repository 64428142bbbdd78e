"""The figures every page, signal and the pack share, on a frozen day."""

from datetime import date, timedelta

import pytest

from tests.clock import TODAY, frozen_on
from tests.training.conftest import complete, make_course, make_staff
from training.selectors import refreshers_due, training_digest, training_overview

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(org, qm):
    """Two tutors and a board member at two sites, a leaver and someone not started yet."""
    with frozen_on(TODAY):
        awareness = make_course(org, qm, "Awareness", ("tutors", "board"), refresh_months=12)
        channel = make_course(org, qm, "Channel", ("dsl",), refresh_months=None)
        kept = make_staff(org, qm, "Kept Up", site="North")
        lapsed = make_staff(org, qm, "Lapsed", site="South")
        board = make_staff(org, qm, "Board Member", role_group="board", site="")
        starter = make_staff(org, qm, "New Starter", start=TODAY - timedelta(days=10))
        leaver = make_staff(org, qm, "Leaver", leaving_date=TODAY - timedelta(days=1))
        make_staff(org, qm, "Not Yet", start=TODAY + timedelta(days=5))
        complete(org, qm, kept, awareness, TODAY - timedelta(days=100))
        complete(org, qm, lapsed, awareness, date(2025, 10, 1))
        complete(org, qm, lapsed, awareness, date(2024, 10, 1))  # an older round
        complete(org, qm, board, awareness, date(2025, 12, 10))  # due in 15 days
        complete(org, qm, leaver, awareness, date(2020, 1, 1))  # would be overdue
    return {"awareness": awareness, "channel": channel, "starter": starter, "lapsed": lapsed}


def test_figures_count_the_staff_in_post_by_role_group_and_site(org, world):
    o = training_overview(organisation=org, today=TODAY)
    assert (o.total.people, o.total.trained) == (4, 2)  # leaver and not-yet-started left out
    tutors = o.group("tutors")
    assert (tutors.people, tutors.trained, tutors.needed, tutors.current) == (3, 1, 3, 1)
    assert tutors.percent == 33
    assert o.group("board").percent == 100
    assert [(f.label, f.people, f.trained) for f in o.by_site] == [
        ("Main campus", 1, 0),
        ("No site recorded", 1, 1),
        ("North", 1, 1),
        ("South", 1, 0),
    ]
    assert [(i.staff.name, i.cell.due) for i in o.overdue] == [("Lapsed", date(2026, 10, 1))]
    assert [i.staff.name for i in o.due_soon] == ["Board Member", "New Starter"]
    assert [s.staff.name for s in o.new_starters] == ["New Starter"]
    assert o.groups_without_course == []  # nobody is in the DSL group


def test_a_role_group_with_staff_and_no_course_is_named(org, qm, world):
    make_staff(org, qm, "Support Person", role_group="support")
    o = training_overview(organisation=org, today=TODAY)
    assert o.groups_without_course == ["Support staff"]
    assert o.group("support").needed == 0 and o.group("support").percent == 100


def test_refreshers_due_are_counted_per_course_and_day(org, world):
    rows = refreshers_due(
        organisation=org, start=TODAY, end=TODAY + timedelta(days=60), today=TODAY
    )
    assert [(day, course.title, n) for day, course, n in rows] == [
        (date(2026, 12, 10), "Awareness", 1)
    ]
    digest = training_digest(organisation=org, today=TODAY)
    assert digest["due_by_course"] == [("Awareness", 1)]
    assert (digest["overdue_refreshers"], digest["overdue_never"]) == (1, 0)
    assert digest["overdue_by_group"] == [("Tutors and assessors", 1)]


def test_figures_take_three_queries_whatever_the_size(org, qm, world, django_assert_num_queries):
    with django_assert_num_queries(3):
        small = training_overview(organisation=org, today=TODAY)
    with frozen_on(TODAY):
        for i in range(15):
            person = make_staff(org, qm, f"Extra {i}", site=f"Site {i % 3}")
            complete(org, qm, person, world["awareness"], TODAY - timedelta(days=i * 40))
    with django_assert_num_queries(3):
        large = training_overview(organisation=org, today=TODAY)
    assert large.total.people == small.total.people + 15
