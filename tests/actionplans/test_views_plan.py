"""The action plan page: filters, sorting, summary counts, CSV export, bulk reassignment,
"my actions" and a query count that does not grow with the plan."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionStatus, Priority
from actionplans.services import OWNER_PERMISSION
from frameworks.models import Criterion
from tests.actionplans.factories import ActionFactory, ProgressUpdateFactory
from tests.actionplans.helpers import html, titles, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(org, subscribed, qm, contributor, colleague):
    """Five actions with a bit of everything: overdue, due this week, done, blocked."""
    c1 = Criterion.objects.get(version=subscribed, code="C1")
    c2 = Criterion.objects.get(version=subscribed, code="C2")
    return {
        "late": ActionFactory(
            organisation=org, title="Late one", owner=contributor, due_in=-3,
            priority=Priority.HIGH, status=ActionStatus.IN_PROGRESS, criterion=c1,
        ),
        "soon": ActionFactory(
            organisation=org, title="Soon one", owner=colleague, due_in=2,
            priority=Priority.LOW, criterion=c2,
        ),
        "later": ActionFactory(
            organisation=org, title="Later one", owner=qm, due_in=40, criterion=c1,
        ),
        "done": ActionFactory(
            organisation=org, title="Done one", owner=contributor, due_in=-10,
            status=ActionStatus.DONE, impact_note="Staff are confident.",
        ),
        "blocked": ActionFactory(
            organisation=org, title="Blocked one", owner=colleague, due_in=20,
            status=ActionStatus.BLOCKED, priority=Priority.HIGH,
        ),
    }  # fmt: skip


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


# --- CSV export -------------------------------------------------------------------------------


def export_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming  # written as it is read, never built in memory
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_export_has_the_columns_and_a_dated_file_name(org, plan, qm, client_for):
    response = client_for(qm).get(url("export", org))
    assert response.status_code == 200
    today = timezone.localdate()
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="action-plan-{org.slug}-{today.isoformat()}.csv"'
    )
    rows = export_rows(response)
    assert rows[0] == [
        "Title",
        "Criterion",
        "Benchmark",
        "Owner",
        "Due date",
        "Priority",
        "Status",
        "Overdue days",
        "Completed on",
        "Impact note",
    ]
    by_title = {row[0]: row for row in rows[1:]}
    assert list(by_title) == ["Done one", "Late one", "Soon one", "Blocked one", "Later one"]
    assert by_title["Late one"] == [
        "Late one",
        "C1",
        "",
        "Casey Contributor",
        (today - timedelta(days=3)).isoformat(),
        "High",
        "In progress",
        "3",
        "",
        "",
    ]
    done = by_title["Done one"]
    assert (done[6], done[7], done[8], done[9]) == (
        "Done",
        "0",
        today.isoformat(),
        "Staff are confident.",
    )


def test_the_export_is_exactly_the_filtered_sorted_list(org, plan, qm, client_for):
    params = {"status": "open", "sort": "-title"}
    page = titles(client_for(qm).get(url("index", org), params))
    rows = export_rows(client_for(qm).get(url("export", org), params))
    assert (
        [row[0] for row in rows[1:]]
        == page
        == [
            "Soon one",
            "Later one",
            "Late one",
            "Blocked one",
        ]
    )


def test_the_export_link_carries_the_filters(org, plan, qm, client_for):
    page = html(client_for(qm).get(url("index", org), {"status": "open", "sort": "-title"}))
    assert f'href="{url("export", org)}?status=open&amp;sort=-title"' in page


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_the_export_defuses_spreadsheet_formulas(org, qm, client_for, start):
    evil = f'{start}HYPERLINK("https://evil.example","click")'
    ActionFactory(organisation=org, title=evil, owner=qm, impact_note=f"{start}1+1")
    row = export_rows(client_for(qm).get(url("export", org)))[1]
    assert row[0] == f"'{evil}"
    assert row[9] == f"'{start}1+1"


def test_the_export_holds_only_this_organisations_actions(
    org, other_org, plan, viewer, outsider, client_for
):
    ActionFactory(organisation=other_org, title="Their action", owner=outsider)
    rows = export_rows(client_for(viewer).get(url("export", org), {"owner": outsider.pk}))
    assert "Their action" not in {row[0] for row in rows}
    assert len(rows) == 1 + 5  # an owner from elsewhere is no filter at all
    assert client_for(outsider).get(url("export", org)).status_code == 404


# --- Bulk reassign ----------------------------------------------------------------------------


def test_bulk_reassign_moves_the_ticked_actions_and_their_permissions(
    org, plan, qm, colleague, client_for
):
    ticked = [plan["late"], plan["later"]]
    client = client_for(qm)
    response = client.post(
        url("bulk_reassign", org),
        {
            "actions": [a.code for a in ticked],
            "owner": colleague.pk,
            "return_query": "status=open&sort=title&evil=1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("index", org) + "?status=open&sort=title"
    for action in ticked:
        action.refresh_from_db()
        assert action.owner == colleague
        assert colleague.has_perm(OWNER_PERMISSION, action)
    plan["soon"].refresh_from_db()
    assert plan["soon"].owner == colleague  # unchanged, it was hers already
    plan["done"].refresh_from_db()
    assert plan["done"].owner.name == "Casey Contributor"
    page = html(client.get(response["Location"]))
    assert "2 actions reassigned to Robin Colleague." in page


def test_bulk_reassign_touches_only_this_organisations_actions(
    org, other_org, plan, qm, colleague, outsider, client_for
):
    theirs = ActionFactory(organisation=other_org, title="Their action", owner=outsider)
    response = client_for(qm).post(
        url("bulk_reassign", org),
        {"actions": [plan["late"].code, theirs.code, "not-a-code"], "owner": colleague.pk},
        follow=True,
    )
    theirs.refresh_from_db()
    assert theirs.owner == outsider
    plan["late"].refresh_from_db()
    assert plan["late"].owner == colleague
    page = html(response)
    assert "1 action reassigned to Robin Colleague." in page
    assert "1 of the ticked actions was not found in this plan and left unchanged." in page


def test_bulk_reassign_to_someone_from_another_organisation_is_refused(
    org, plan, qm, contributor, outsider, client_for
):
    response = client_for(qm).post(
        url("bulk_reassign", org),
        {"actions": [plan["late"].code], "owner": outsider.pk},
        follow=True,
    )
    plan["late"].refresh_from_db()
    assert plan["late"].owner == contributor
    assert f"Choose someone who is a member of {org}." in html(response)


def test_bulk_reassign_with_nothing_ticked_says_so(org, plan, qm, colleague, client_for):
    response = client_for(qm).post(url("bulk_reassign", org), {"owner": colleague.pk}, follow=True)
    assert "Tick the actions you want to reassign" in html(response)


@pytest.mark.parametrize("who", ["contributor", "viewer", "leader"])
def test_only_managers_may_bulk_reassign(org, plan, colleague, client_for, request, who):
    user = request.getfixturevalue(who)
    response = client_for(user).post(
        url("bulk_reassign", org), {"actions": [plan["late"].code], "owner": colleague.pk}
    )
    assert response.status_code == 403
    plan["late"].refresh_from_db()
    assert plan["late"].owner != colleague


# --- My actions (on the "My work" page) --------------------------------------------------------


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
