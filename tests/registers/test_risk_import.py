"""Importing the risk register: template column order, preview, errors per row, confirm."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from registers.models import Risk
from registers.risk_sheet import EXPORT_COLUMNS, TEMPLATE_COLUMNS
from tests.registers.conftest import make_risk

pytestmark = pytest.mark.django_db
HEADER = [
    *TEMPLATE_COLUMNS,
    "Likelihood",
    "Impact",
    "Likelihood after controls",
    "Impact after controls",
    "Next review date",
]


def sheet(rows, title_rows=True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    if title_rows:
        writer.writerow(["Prevent risk assessment: Northbeck Training"])
        writer.writerow([])
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def good_row(qm, risk="Apprentices at employer sites cannot reach the DSL", **over):
    row = {
        "Category": "Learners in workplaces",
        "Risk": risk,
        "Hazard": "Night shifts",
        "Risk management": "DSL card",
        "Further action needed": "Add DSL route to the app",
        "Lead officer": qm.email,
        "Date for completion": "31/03/2027",
        "Likelihood": "3",
        "Impact": "4",
        "Likelihood after controls": "2",
        "Impact after controls": "",
        "Next review date": "2027-06-30",
    }
    row.update(over)
    return [row[h] for h in HEADER]


def upload(client, org, content: bytes, name="risks.csv"):
    url = reverse("registers:risk_import", kwargs={"org_slug": org.slug})
    file = io.BytesIO(content)
    file.name = name
    return client.post(url, {"file": file})


def test_one_bad_row_is_named_and_nothing_is_saved(org, qm, client_for):
    client = client_for(qm)
    content = sheet([good_row(qm), good_row(qm, risk="Second", Likelihood="7")])
    response = upload(client, org, content)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Row 5: Likelihood “7” must be a whole number from 1 to 5." in text
    assert "nothing has been saved" in text
    assert 'name="import_id"' not in text  # no way to confirm a file with errors
    assert not Risk.unscoped.exists()


def test_a_good_file_previews_then_saves_on_confirmation(org, qm, client_for):
    client = client_for(qm)
    rows = [
        good_row(qm),
        ["Local risks"] + [""] * (len(HEADER) - 1),
        good_row(qm, risk="Far-right stickers at a partner site", Category="local threat"),
    ]
    response = upload(client, org, sheet(rows))
    assert "Ready to import 2 risks" in response.content.decode()
    assert "1 section heading row was skipped" in response.content.decode()
    assert not Risk.unscoped.exists()
    import_id = response.context["import_id"]
    confirm = reverse("registers:risk_import_confirm", kwargs={"org_slug": org.slug})
    assert client.post(confirm, {"import_id": import_id}).status_code == 302
    risks = Risk.unscoped.filter(organisation=org).order_by("risk")
    assert [r.risk for r in risks] == [
        "Apprentices at employer sites cannot reach the DSL",
        "Far-right stickers at a partner site",
    ]
    first = risks[0]
    assert (first.residual_likelihood, first.residual_impact) == (2, 4)  # empty = unchanged
    assert first.owner == qm and first.action_due.isoformat() == "2027-03-31"
    # The same preview cannot be confirmed twice.
    assert client.post(confirm, {"import_id": import_id}).status_code == 302
    assert Risk.unscoped.filter(organisation=org).count() == 2


def test_missing_columns_are_named(org, qm, client_for):
    response = upload(client_for(qm), org, b"Risk,Hazard\nA,B\n")
    assert response.status_code == 400
    assert "These columns are missing from the header row: Category" in response.content.decode()


def test_a_file_that_is_not_a_spreadsheet_is_refused(org, qm, client_for):
    response = upload(client_for(qm), org, b"\x89PNG\r\n\x1a\n\x00\x00binary", name="x.csv")
    assert response.status_code == 400
    assert "neither an XLSX spreadsheet nor a UTF-8 CSV" in response.content.decode()


def test_the_xlsx_export_reads_back_in_template_order(org, qm, client_for, today):
    make_risk(org, qm, risk='=HYPERLINK("http://evil")', next_review_date=today + timedelta(100))
    client = client_for(qm)
    url = reverse("registers:risk_export_xlsx", kwargs={"org_slug": org.slug})
    response = client.get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet_ = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet_.iter_rows(values_only=True))
    assert list(rows[0]) == EXPORT_COLUMNS
    assert list(rows[0][:7]) == TEMPLATE_COLUMNS
    assert rows[1][1].startswith("'=")  # never a formula
    assert sheet_.cell(row=2, column=1).data_type == "s"
    Risk.unscoped.all().delete()
    preview = upload(client, org, response.content, name="export.xlsx")
    assert "Ready to import 1 risk" in preview.content.decode()


def test_the_csv_export_has_the_same_columns(org, qm, client_for):
    make_risk(org, qm)
    response = client_for(qm).get(reverse("registers:risk_export", kwargs={"org_slug": org.slug}))
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == EXPORT_COLUMNS
