"""The risk register through the shared import: the template's columns map themselves (title
rows above the header and section heading rows are passed over), the register's own checks
apply with errors per row, nothing is saved until a clean preview is confirmed (once), the
register's exports read back in, a second import updates the same risks, and the register's
old import address sends the person here with the risks chosen.

The register's own import (session staging and its confirm page) is gone; its tests live here,
rewritten against the shared pages."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from imports.models import ImportJob
from registers.importers import HEADING_NOTE
from registers.models import Risk
from registers.risk_sheet import EXPORT_COLUMNS, TEMPLATE_COLUMNS
from tests.clock import days_from_today
from tests.imports.helpers import job_urls, mapping_post, upload, upload_and_map, xlsx_bytes
from tests.registers.conftest import make_risk

pytestmark = pytest.mark.django_db

HEADER = [
    "Category",
    "Risk",
    "Hazard",
    "Risk management",
    "Further action needed",
    "Lead officer",
    "Date for completion",
    "Likelihood",
    "Impact",
]
TEMPLATE_HEADER = [
    *TEMPLATE_COLUMNS,
    "Likelihood",
    "Impact",
    "Likelihood after controls",
    "Impact after controls",
    "Next review date",
]


def _rows(qm, likelihood="3"):
    return [
        [
            "Leadership",
            "Staff unaware of the Prevent duty",
            "",
            "Training",
            "",
            qm.email,
            "",
            likelihood,
            "4",
        ],
        ["Online and IT", "Filtering misses extremist sites", "", "", "", "", "", "2", "5"],
    ]


def template_sheet(rows) -> bytes:
    """A CSV laid out as the DfE template is: a title and a blank row above the header."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Prevent risk assessment: Northbeck Training"])
    writer.writerow([])
    writer.writerow(TEMPLATE_HEADER)
    writer.writerows(rows)
    return out.getvalue().encode()


def good_row(qm, risk="Apprentices at employer sites cannot reach the DSL", **over):
    row = {
        "Category": "Learners in workplaces",
        "Risk": risk,
        "Hazard": "Night shifts",
        "Risk management": "DSL card",
        "Further action needed": "Add DSL route to the app",
        "Lead officer": qm.email,
        "Date for completion": days_from_today(120).strftime("%d/%m/%Y"),
        "Likelihood": "3",
        "Impact": "4",
        "Likelihood after controls": "2",
        "Impact after controls": "",
        "Next review date": days_from_today(200).isoformat(),
    }
    row.update(over)
    return [row[h] for h in TEMPLATE_HEADER]


def test_the_risk_register_imports_and_reimports_through_the_shared_component(org, qm, client_for):
    client = client_for(qm)
    job, urls = upload_and_map(client, org, xlsx_bytes(HEADER, _rows(qm)), "risks", "r.xlsx")
    assert job.mapping["existing_controls"] == 3 and job.mapping["likelihood"] == 7
    assert client.get(urls["preview"]).context["counts"]["create"] == 2
    assert client.post(urls["confirm"]).status_code == 302
    risk = Risk.unscoped.get(organisation=org, risk="Staff unaware of the Prevent duty")
    assert (risk.owner, risk.likelihood, risk.created_by) == (qm, 3, qm)

    rows = _rows(qm, likelihood="9")
    _job, urls = upload_and_map(client, org, xlsx_bytes(HEADER, rows), "risks", "r.xlsx")
    text = client.get(urls["preview"]).content.decode()
    assert "Row 2, Likelihood (column" not in text  # the header is the label: no "(column …)"
    assert "Row 2, Likelihood: Likelihood “9” must be a whole number from 1 to 5." in text
    rows = _rows(qm, likelihood="4")
    _job, urls = upload_and_map(client, org, xlsx_bytes(HEADER, rows), "risks", "r.xlsx")
    preview = client.get(urls["preview"])
    assert preview.context["counts"] == {"create": 0, "update": 1, "unchanged": 1, "error": 0}
    assert client.post(urls["confirm"]).status_code == 302
    assert Risk.unscoped.filter(organisation=org).count() == 2
    risk.refresh_from_db()
    assert risk.likelihood == 4


def test_one_bad_row_is_named_and_nothing_is_saved(org, qm, client_for):
    client = client_for(qm)
    content = template_sheet([good_row(qm), good_row(qm, risk="Second", Likelihood="7")])
    job, urls = upload_and_map(client, org, content, "risks", "risks.csv")
    assert job.header_row == 3  # the title rows above the header are passed over
    response = client.get(urls["preview"])
    text = response.content.decode()
    assert response.status_code == 200
    assert "Row 5, Likelihood: Likelihood “7” must be a whole number from 1 to 5." in text
    assert "Nothing has been saved yet." in text
    assert urls["confirm"] not in text  # no way to confirm a file with errors
    assert client.post(urls["confirm"]).status_code == 400  # nor by posting anyway
    assert not Risk.unscoped.exists()


def test_a_good_file_previews_then_saves_on_confirmation(org, qm, client_for):
    client = client_for(qm)
    rows = [
        good_row(qm),
        ["Local risks"] + [""] * (len(TEMPLATE_HEADER) - 1),  # a section heading row
        good_row(qm, risk="Far-right stickers at a partner site", Category="local threat"),
    ]
    _job, urls = upload_and_map(client, org, template_sheet(rows), "risks", "risks.csv")
    response = client.get(urls["preview"])
    assert response.context["counts"] == {"create": 2, "update": 0, "unchanged": 1, "error": 0}
    text = response.content.decode()
    assert "Ready to import" in text
    assert str(HEADING_NOTE) in text  # the heading row is skipped, and says so
    assert not Risk.unscoped.exists()
    assert client.post(urls["confirm"]).status_code == 302
    risks = Risk.unscoped.filter(organisation=org).order_by("risk")
    assert [r.risk for r in risks] == [
        "Apprentices at employer sites cannot reach the DSL",
        "Far-right stickers at a partner site",
    ]
    first = risks[0]
    assert (first.residual_likelihood, first.residual_impact) == (2, 4)  # empty = unchanged
    assert first.owner == qm and first.action_due == days_from_today(120)
    assert first.next_review_date == days_from_today(200)
    # The same preview cannot be confirmed twice.
    again = client.post(urls["confirm"])
    assert again.status_code == 302 and again["Location"] == urls["preview"]
    assert Risk.unscoped.filter(organisation=org).count() == 2


def test_missing_columns_are_named(org, qm, client_for):
    client = client_for(qm)
    assert upload(client, org, b"Risk,Hazard\nA,B\n", "risks", "r.csv").status_code == 302
    job = ImportJob.unscoped.get(organisation=org)
    urls = job_urls(org, job)
    assert client.get(urls["preview"])["Location"] == urls["mapping"]  # not checked without them
    response = client.post(urls["mapping"], mapping_post(job))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["category"] == ["Choose the column that holds the category."]
    assert errors["likelihood"] == ["Choose the column that holds the likelihood."]
    assert errors["impact"] == ["Choose the column that holds the impact."]
    assert not Risk.unscoped.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(org, qm, client_for):
    content = b"\x89PNG\r\n\x1a\n\x00\x00binary"
    response = upload(client_for(qm), org, content, "risks", "x.csv")
    assert response.status_code == 400
    assert "really a PNG" in " ".join(response.context["form"].errors["file"])
    assert response.context["form"]["kind"].value() == "risks"  # the choice is kept
    assert not ImportJob.unscoped.exists()


def test_the_xlsx_export_reads_back_in_template_order(org, qm, client_for):
    make_risk(org, qm, risk='=HYPERLINK("http://evil")', next_review_date=days_from_today(100))
    client = client_for(qm)
    url = reverse("registers:risk_export_xlsx", kwargs={"org_slug": org.slug})
    response = client.get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet_ = load_workbook(io.BytesIO(response.content)).active
    assert sheet_ is not None
    rows = list(sheet_.iter_rows(values_only=True))
    assert list(rows[0]) == EXPORT_COLUMNS
    assert list(rows[0][:7]) == TEMPLATE_COLUMNS
    assert str(rows[1][1]).startswith("'=")  # never a formula
    assert sheet_.cell(row=2, column=1).data_type == "s"
    Risk.unscoped.all().delete()
    job, urls = upload_and_map(client, org, response.content, "risks", "export.xlsx")
    assert all(column is not None for column in job.mapping.values())  # every field found
    assert client.get(urls["preview"]).context["counts"]["create"] == 1


def test_the_csv_export_has_the_same_columns(org, qm, client_for):
    make_risk(org, qm)
    response = client_for(qm).get(reverse("registers:risk_export", kwargs={"org_slug": org.slug}))
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == EXPORT_COLUMNS


def test_the_upload_page_links_the_registers_export_as_the_template(org, qm, client_for):
    response = client_for(qm).get(reverse("imports:start", kwargs={"org_slug": org.slug}))
    export = reverse("registers:risk_export_xlsx", kwargs={"org_slug": org.slug})
    assert f'href="{export}"' in response.content.decode()


def test_the_registers_old_import_address_redirects_to_the_shared_import(
    org, qm, client_for, contributor
):
    old = reverse("registers:risk_import", kwargs={"org_slug": org.slug})
    response = client_for(qm).get(old)
    start = reverse("imports:start", kwargs={"org_slug": org.slug})
    assert response.status_code == 302 and response["Location"] == f"{start}?kind=risks"
    page = client_for(qm).get(response["Location"])
    assert page.context["form"]["kind"].value() == "risks"  # the risks are chosen
    assert client_for(qm).post(old).status_code == 405  # its own upload is gone
    assert client_for(contributor).get(old).status_code == 403
