"""Importing an action plan (CSV, XLSX, ODS): mapping, preview with errors, confirm, re-import."""

import pytest

from actionplans.models import Action, Priority
from imports.models import ImportJob, ImportStatus
from tests.clock import days_from_today
from tests.imports.helpers import (
    ACTION_HEADER,
    csv_bytes,
    job_urls,
    ods_bytes,
    upload,
    upload_and_map,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def _uk(days: int) -> str:
    return days_from_today(days).strftime("%d/%m/%Y")


def _plan(qm, count: int = 3) -> list[list]:
    return [
        [f"AP-{n}", f"Action number {n}", qm.email, _uk(30 + n), "High", f"Notes {n}"]
        for n in range(1, count + 1)
    ]


def test_guessed_mapping_then_errors_per_row_and_nothing_saved(org, qm, client_for):
    client = client_for(qm)
    rows = _plan(qm, 3)
    rows[1][2] = "nobody@example.org"
    rows[2][3] = "31/02/2027"
    response = upload(client, org, csv_bytes(ACTION_HEADER, rows), "actions", "plan.csv")
    assert response.status_code == 302
    job = ImportJob.unscoped.get(organisation=org)
    assert job.mapping == {
        "reference": 0,
        "title": 1,
        "description": 5,
        "owner": 2,
        "due_date": 3,
        "priority": 4,
    }
    urls = job_urls(org, job)
    page = client.get(urls["mapping"]).content.decode()
    assert "Column B: Action" in page and "Action number 1" in page  # the column's samples
    assert (
        client.post(urls["mapping"], {"title": "1", "owner": "2", "due_date": "3"}).status_code
        == 302
    )
    response = client.get(urls["preview"])
    text = response.content.decode()
    assert response.status_code == 200
    assert response.context["counts"] == {"create": 1, "update": 0, "unchanged": 0, "error": 2}
    assert "Row 3, Owner (column “Lead”): “nobody@example.org” is not a member" in text
    assert "Row 4, Due date (column “Deadline”): “31/02/2027” is not a date" in text
    assert "Confirm the import" not in text
    assert client.post(urls["confirm"]).status_code == 400  # a preview with errors never applies
    assert not Action.unscoped.filter(organisation=org).exists()


@pytest.mark.parametrize(
    "build,name", [(csv_bytes, "plan.csv"), (xlsx_bytes, "plan.xlsx"), (ods_bytes, "plan.ods")]
)
def test_each_format_confirms_through_the_service_and_reimport_updates(
    org, qm, client_for, build, name
):
    client = client_for(qm)
    rows = _plan(qm, 3)
    if build is not csv_bytes:
        rows[0][3] = days_from_today(31)  # a real date cell
    job, urls = upload_and_map(client, org, build(ACTION_HEADER, rows), "actions", name)
    assert client.get(urls["preview"]).context["counts"]["create"] == 3
    assert client.post(urls["confirm"]).status_code == 302
    actions = Action.unscoped.filter(organisation=org).order_by("source_key")
    assert [a.source_key for a in actions] == ["import:ap-1", "import:ap-2", "import:ap-3"]
    first = actions[0]
    assert (first.title, first.owner, first.due_date, first.priority) == (
        "Action number 1",
        qm,
        days_from_today(31),
        Priority.HIGH,
    )
    assert first.created_by == qm and first.history.count() == 1  # the service's history
    assert qm.has_perm("actionplans.change_action", first)  # the owner's permission
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED and job.rows == [] and job.summary["create"] == 3
    done = client.get(urls["preview"]).content.decode()
    assert "Import complete" in done

    rows = _plan(qm, 4)
    rows[0][1] = "Action number 1, reworded"
    _job, urls = upload_and_map(client, org, build(ACTION_HEADER, rows), "actions", name)
    preview = client.get(urls["preview"])
    assert preview.context["counts"] == {"create": 1, "update": 1, "unchanged": 2, "error": 0}
    assert "title: Action number 1 → Action number 1, reworded" in preview.content.decode()
    assert client.post(urls["confirm"]).status_code == 302
    assert Action.unscoped.filter(organisation=org).count() == 4  # updated, not duplicated
    first.refresh_from_db()
    assert first.title == "Action number 1, reworded" and first.history.count() == 2


def test_the_same_reference_twice_in_a_file_is_an_error(org, qm, client_for):
    client = client_for(qm)
    rows = _plan(qm, 2)
    rows[1][0] = "AP-1"
    _job, urls = upload_and_map(client, org, csv_bytes(ACTION_HEADER, rows), "actions", "p.csv")
    text = client.get(urls["preview"]).content.decode()
    assert "Row 3, Reference (column “Ref”): Row 2 has the same reference" in text


def test_a_double_confirm_applies_once(org, qm, client_for):
    client = client_for(qm)
    _job, urls = upload_and_map(
        client, org, csv_bytes(ACTION_HEADER, _plan(qm, 2)), "actions", "p.csv"
    )
    assert client.post(urls["confirm"]).status_code == 302
    second = client.post(urls["confirm"], follow=True)
    assert "already been imported" in second.content.decode()
    assert Action.unscoped.filter(organisation=org).count() == 2


def test_a_mapping_without_a_required_column_is_400_beside_the_field(org, qm, client_for):
    client = client_for(qm)
    upload(client, org, csv_bytes(ACTION_HEADER, _plan(qm, 1)), "actions", "p.csv")
    job = ImportJob.unscoped.get(organisation=org)
    response = client.post(
        job_urls(org, job)["mapping"], {"title": "1", "owner": "1", "due_date": ""}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["due_date"] == ["Choose the column that holds the due date."]
    assert form.errors["owner"] == ["That column is already chosen for Title."]
    assert form["title"].value() == "1"  # what was chosen is kept


def test_a_changed_choice_is_previewed_by_its_label(org, qm, client_for):
    client = client_for(qm)
    _job, urls = upload_and_map(
        client, org, csv_bytes(ACTION_HEADER, _plan(qm, 1)), "actions", "p.csv"
    )
    assert client.post(urls["confirm"]).status_code == 302
    rows = _plan(qm, 1)
    rows[0][4] = "Low"
    _job, urls = upload_and_map(client, org, csv_bytes(ACTION_HEADER, rows), "actions", "p.csv")
    text = client.get(urls["preview"]).content.decode()
    assert "priority: High → Low" in text  # what people read, not the stored 4 and 1


def test_a_preview_cell_shows_a_choices_label():
    from imports.checks import RowResult
    from imports.templatetags.imports import row_value
    from registers.models import Risk

    row = RowResult(2, {"category": "premises"})
    row.fields = {"category": "premises"}
    label = dict(Risk._meta.get_field("category").flatchoices)["premises"]
    assert row_value(row, "category", Risk) == label != "premises"
    assert row_value(row, "category") == "premises"  # no model: as stored
