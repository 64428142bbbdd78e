"""`core.pagination.paginate_wide`: the same page as `paginate`, its keys found first and then
its rows read with everything they show."""

from unittest import mock

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from actionplans.models import Action
from actionplans.selectors import Sort, action_list
from core.pagination import PER_PAGE, paginate, paginate_wide
from tenancy.scope import tenant_scope
from tests.actionplans.factories import ActionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(org):
    owners = [UserFactory(name=f"Owner {n}") for n in range(3)]
    for n in range(PER_PAGE + 7):
        # Due dates repeat, so the order rests on the title and the key as well.
        ActionFactory(organisation=org, owner=owners[n % 3], title=f"A{n % 11:02d}", due_in=n % 4)
    return org


def _page(org, pager, number: str, sort: str = Sort.DEFAULT):
    request = RequestFactory().get("/", {"page": number})
    with tenant_scope(org):
        return pager(request, action_list(organisation=org, sort=sort))


SORTS = [*Sort.FIELDS, *(f"-{key}" for key in Sort.FIELDS)]  # by annotations and joins too


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("number", ["1", "2", "99", "nonsense"])
def test_it_gives_the_page_paginate_gives(plan, number, sort):
    narrow = _page(plan, paginate_wide, number, sort)
    whole = _page(plan, paginate, number, sort)
    assert [a.pk for a in narrow] == [a.pk for a in whole]
    assert narrow.number == whole.number
    assert narrow.paginator.count == whole.paginator.count == PER_PAGE + 7


def test_its_rows_carry_what_the_list_selects(plan):
    page = _page(plan, paginate_wide, "1")
    with CaptureQueriesContext(connection) as queries:
        owners = {a.owner.name for a in page}
    assert owners == {"Owner 0", "Owner 1", "Owner 2"}
    assert len(queries) == 0


def test_it_reads_keys_then_rows_in_a_fixed_number_of_queries(plan):
    with CaptureQueriesContext(connection) as queries:
        list(_page(plan, paginate_wide, "2"))
    selects = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert len(selects) == 3  # the count, the page's keys, the page's rows
    assert '"accounts_user"' not in selects[1]  # the keys need no join for display


def test_a_row_deleted_between_the_two_queries_is_left_out(plan):
    real_filter = QuerySet.filter

    def delete_first_then_filter(self, *args, **kwargs):
        if "pk__in" in kwargs:
            Action.unscoped.filter(pk=kwargs["pk__in"][0]).delete()
        return real_filter(self, *args, **kwargs)

    with mock.patch.object(QuerySet, "filter", delete_first_then_filter):
        page = _page(plan, paginate_wide, "1")
    assert len(page.object_list) == PER_PAGE - 1
