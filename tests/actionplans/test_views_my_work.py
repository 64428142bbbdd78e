"""My open actions on the "My work" page, overdue first, with a query count that does not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.actionplans.factories import ActionFactory, ProgressUpdateFactory
from tests.actionplans.helpers import html

pytestmark = pytest.mark.django_db


def my_work_url(org) -> str:
    return reverse("reporting:my_work", kwargs={"org_slug": org.slug})


def test_my_actions_are_my_open_ones_overdue_first(org, plan, contributor, client_for):
    ActionFactory(organisation=org, title="Mine, due soon", owner=contributor, due_in=1)
    ActionFactory(organisation=org, title="Mine, very late", owner=contributor, due_in=-30)
    response = client_for(contributor).get(my_work_url(org))
    assert response.status_code == 200
    mine = [a.title for a in response.context["page"]]
    assert mine == ["Mine, very late", "Late one", "Mine, due soon"]
    page = html(response)
    assert "30 days overdue" in page
    assert page.count("Record progress") == 3


def test_my_actions_is_for_people_who_update_work(org, viewer, client_for):
    assert client_for(viewer).get(my_work_url(org)).status_code == 403


def test_my_actions_query_count_does_not_grow(org, contributor, client_for):
    client = client_for(contributor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(my_work_url(org)).status_code == 200
        return len(captured)

    for _ in range(3):
        ProgressUpdateFactory(action=ActionFactory(organisation=org, owner=contributor))
    client.get(my_work_url(org))
    three = queries()
    for _ in range(27):
        ProgressUpdateFactory(action=ActionFactory(organisation=org, owner=contributor))
    assert queries() == three
