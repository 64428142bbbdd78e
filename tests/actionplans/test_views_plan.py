"""The action plan page: filters, sorting, summary counts, and a query count that does not grow
with the plan (nor with a filter, a sort or the export)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import ActionStatus
from frameworks.models import Criterion
from tests.actionplans.factories import ActionFactory, ProgressUpdateFactory
from tests.actionplans.helpers import html, titles, url

pytestmark = pytest.mark.django_db


def test_the_plan_lists_the_actions_by_due_date_with_their_details(org, plan, qm, client_for):
    ProgressUpdateFactory(action=plan["late"], comment="Half the staff trained.")
    response = client_for(qm).get(url("index", org))
    assert response.status_code == 200
    assert titles(response) == ["Done one", "Late one", "Soon one", "Blocked one", "Later one"]
    page = html(response)
    assert "3 days overdue" in page
    assert page.count("days overdue") == 1  # the done one, due 10 days ago, is not overdue
    assert 'class="tag tag-action-blocked">Blocked<' in page
    assert "Half the staff trained." in page
    assert "Casey Contributor" in page
    assert '<abbr title="Leadership">C1</abbr>' in page


def test_the_summary_counts_the_whole_plan(org, plan, qm, client_for):
    response = client_for(qm).get(url("index", org), {"status": "done"})
    counts = response.context["counts"]
    assert (counts.open, counts.overdue, counts.done, counts.due_this_week) == (4, 1, 1, 1)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "open"}, {"Late one", "Soon one", "Later one", "Blocked one"}),
        ({"status": "done"}, {"Done one"}),
        ({"status": "blocked"}, {"Blocked one"}),
        ({"status": "in_progress"}, {"Late one"}),
        ({"status": "not_started"}, {"Soon one", "Later one"}),
        ({"overdue": "on"}, {"Late one"}),
        ({"due_this_week": "on"}, {"Soon one"}),
        ({"status": "open", "overdue": "1"}, {"Late one"}),
    ],
)
def test_each_filter_narrows_the_plan(org, plan, qm, client_for, params, expected):
    response = client_for(qm).get(url("index", org), params)
    assert set(titles(response)) == expected


def test_the_owner_and_criterion_filters(org, plan, qm, colleague, subscribed, client_for):
    client = client_for(qm)
    assert set(titles(client.get(url("index", org), {"owner": colleague.pk}))) == {
        "Soon one",
        "Blocked one",
    }
    c1 = Criterion.objects.get(version=subscribed, code="C1")
    assert set(titles(client.get(url("index", org), {"criterion": c1.pk}))) == {
        "Late one",
        "Later one",
    }


def test_filters_keep_their_values_and_have_labels(org, plan, qm, colleague, client_for):
    page = html(
        client_for(qm).get(
            url("index", org), {"status": "open", "owner": colleague.pk, "overdue": "on"}
        )
    )
    assert '<option value="open" selected>' in page
    assert f'<option value="{colleague.pk}" selected>' in page
    assert 'name="overdue" id="id_overdue" checked' in page
    for field in ("status", "owner", "criterion", "overdue", "due_this_week"):
        assert f'<label for="id_{field}">' in page
    assert "Clear filters" in page


def test_nonsense_filters_are_ignored(org, plan, qm, outsider, client_for):
    response = client_for(qm).get(
        url("index", org), {"status": "bogus", "owner": outsider.pk, "criterion": "x"}
    )
    assert response.status_code == 200
    assert len(titles(response)) == 5


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["Blocked one", "Done one", "Late one", "Later one", "Soon one"]),
        ("-title", ["Soon one", "Later one", "Late one", "Done one", "Blocked one"]),
        ("-due_date", ["Later one", "Blocked one", "Soon one", "Late one", "Done one"]),
        ("priority", ["Late one", "Blocked one", "Done one", "Later one", "Soon one"]),
        ("-priority", ["Soon one", "Done one", "Later one", "Late one", "Blocked one"]),
        ("status", ["Soon one", "Later one", "Late one", "Blocked one", "Done one"]),
        # By owner's name; each owner's actions by due date.
        ("owner", ["Done one", "Late one", "Later one", "Soon one", "Blocked one"]),
    ],
)
def test_sorting(org, plan, qm, client_for, sort, expected):
    assert titles(client_for(qm).get(url("index", org), {"sort": sort})) == expected


@pytest.mark.parametrize("sort", ["organisation__name", "-pk; DROP TABLE", "owner__password", ""])
def test_an_unknown_sort_is_ignored(org, plan, qm, client_for, sort):
    response = client_for(qm).get(url("index", org), {"sort": sort})
    assert response.status_code == 200
    assert titles(response) == ["Done one", "Late one", "Soon one", "Blocked one", "Later one"]


def test_sort_links_keep_the_filters_and_toggle_the_direction(org, plan, qm, client_for):
    page = html(client_for(qm).get(url("index", org), {"status": "open", "sort": "title"}))
    assert 'aria-sort="ascending"' in page
    assert 'href="?status=open&amp;sort=-title"' in page
    assert 'href="?status=open&amp;sort=priority"' in page


def test_overdue_actions_are_highlighted(org, plan, qm, client_for):
    page = html(client_for(qm).get(url("index", org), {"sort": "title"}))
    rows = page.split("<tr")
    late_row = next(r for r in rows if "Late one" in r)
    assert 'class="is-overdue"' in late_row
    assert 'class="tag tag-danger">3 days overdue' in late_row
    assert "overdue" not in next(r for r in rows if "Later one" in r)


def test_the_plan_shows_only_this_organisations_actions(
    org, other_org, plan, qm, outsider, client_for
):
    ActionFactory(organisation=other_org, title="Their action", owner=outsider)
    assert "Their action" not in titles(client_for(qm).get(url("index", org)))


def test_readers_see_the_plan_but_no_management_controls(org, plan, viewer, client_for):
    page = html(client_for(viewer).get(url("index", org)))
    assert "Late one" in page
    assert 'name="actions"' not in page
    assert "Add an action" not in page
    assert "CSV export" in page


def test_managers_get_checkboxes_and_an_owner_picker(org, plan, qm, client_for):
    page = html(client_for(qm).get(url("index", org)))
    assert page.count('type="checkbox" name="actions"') == 5
    assert '<label for="bulk_owner">New owner</label>' in page


# --- Query counts -----------------------------------------------------------------------------


def test_the_plan_query_count_does_not_grow_with_the_actions(
    org, subscribed, qm, contributor, colleague, client_for
):
    client = client_for(qm)
    criteria = list(Criterion.objects.filter(version=subscribed))
    people = [qm, contributor, colleague]

    def add(n: int) -> None:
        for i in range(n):
            action = ActionFactory(
                organisation=org,
                owner=people[i % 3],
                criterion=criteria[i % 2],
                due_in=i - 5,
                status=[ActionStatus.NOT_STARTED, ActionStatus.DONE][i % 2],
            )
            ProgressUpdateFactory(action=action, author=people[i % 3])
            ProgressUpdateFactory(action=action)

    def queries_for(path: str, **params) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, params)
            assert response.status_code == 200
            if response.streaming:  # the export's rows are read while it streams
                b"".join(response.streaming_content)
        return len(captured)

    add(3)
    client.get(url("index", org))  # warm up per-process caches
    with_three = queries_for(url("index", org))
    filtered_three = queries_for(url("index", org), status="open", sort="owner")
    export_three = queries_for(url("export", org))
    add(27)
    assert queries_for(url("index", org)) == with_three
    assert queries_for(url("index", org), status="open", sort="owner") == filtered_three
    assert queries_for(url("export", org)) == export_three
    assert len(titles(client.get(url("index", org)))) == 30
