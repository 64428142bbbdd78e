"""Every training page, the calendar with refreshers, and the signals cost the same number of
queries with a few staff and with many."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frameworks.register_signals import signals_for
from tenancy.scope import tenant_scope
from tests.clock import TODAY, frozen_on
from tests.training.conftest import complete, make_staff
from training.services import courses_seed_defaults

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    ("training:matrix", {}),
    ("training:matrix", {"role_group": "tutors", "q": "Tutor"}),
    ("training:overdue", {}),
    ("training:new_starters", {}),
    ("training:staff_list", {}),
    ("training:staff_list", {"leavers": "1", "q": "Tutor"}),
    ("training:courses", {}),
    ("reviewcalendar:calendar", {}),
    ("reviewcalendar:calendar", {"view": "list"}),
]


def _grow(org, qm, n: int) -> None:
    with tenant_scope(org):
        courses = list(org.courses.all())
    for i in range(n):
        person = make_staff(
            org,
            qm,
            name=f"Tutor {i}",
            role_group=["tutors", "support", "dsl", "board"][i % 4],
            site=f"Site {i % 3}",
            start=TODAY - timedelta(days=30 + 200 * (i % 9)),
            leaving_date=TODAY - timedelta(days=2) if i % 11 == 10 else None,
        )
        for j, course in enumerate(courses):
            if (i + j) % 3:
                complete(org, qm, person, course, TODAY - timedelta(days=(i * 37 + j * 90) % 900))


def _count(client, org, name, params, **kwargs) -> int:
    target = reverse(name, kwargs={"org_slug": org.slug, **kwargs})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(target, params)
    assert response.status_code == 200, (name, params)
    return len(captured)


@pytest.fixture
def seeded_org(org, qm):
    with tenant_scope(org):
        courses_seed_defaults(organisation=org, by=qm)
    return org


@frozen_on(TODAY)
def test_pages_cost_the_same_at_two_sizes(seeded_org, qm, client_for):
    org, client = seeded_org, client_for(qm)
    _grow(org, qm, 4)
    with tenant_scope(org):
        person, course = org.staffmembers.first(), org.courses.first()
    detail_pages = [
        ("training:staff", {"staff_code": person.code}),
        ("training:course", {"course_code": course.code}),
        ("training:session", {"course_code": course.code}),
    ]
    small = [_count(client, org, n, p) for n, p in LIST_PAGES]
    small += [_count(client, org, n, {}, **kw) for n, kw in detail_pages]
    _grow(org, qm, 40)
    with tenant_scope(org):
        for other in org.courses.all():
            complete(org, qm, person, other, TODAY - timedelta(days=400))
    large = [_count(client, org, n, p) for n, p in LIST_PAGES]
    large += [_count(client, org, n, {}, **kw) for n, kw in detail_pages]
    assert large == small


@frozen_on(TODAY)
def test_signals_cost_the_same_at_two_sizes(seeded_org, qm):
    org = seeded_org
    keys = ["training.coverage", "training.refreshers"]

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            signals_for(org, keys, TODAY)
        return len(captured)

    _grow(org, qm, 3)
    small = count()
    _grow(org, qm, 30)
    assert count() == small
