"""The action plan's CSV export: its columns and dated file name, exactly the filtered and sorted
list of this organisation's actions, and spreadsheet formulas defused."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.actionplans.factories import ActionFactory
from tests.actionplans.helpers import html, titles, url

pytestmark = pytest.mark.django_db


def export_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming  # written as it is read, never built in memory
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark: Excel then reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


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


def test_the_export_round_trips_pounds_and_accented_names(org, qm, client_for):
    qm.name = "Zoë Ó Briain"
    qm.save()
    ActionFactory(organisation=org, title="Budget £1,250 for the café talk", owner=qm)
    row = export_rows(client_for(qm).get(url("export", org)))[1]
    assert (row[0], row[3]) == ("Budget £1,250 for the café talk", "Zoë Ó Briain")
