"""The registers' downloads open correctly in Excel: CSV in UTF-8 with a byte-order mark ("£" and
accented names round-trip) and XLSX that prints legibly (widths, wrapping, header on every page,
landscape, one page wide)."""

import csv
import io
from typing import cast

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from registers.risk_sheet import EXPORT_COLUMNS as RISK_COLUMNS
from registers.tabular import COLUMN_WIDTH
from registers.views.events import EXPORT_COLUMNS as EVENT_COLUMNS
from tests.core.test_downloads import assert_prints_legibly
from tests.registers.conftest import make_event, make_risk

pytestmark = pytest.mark.django_db


def download(client, org, name: str):
    response = client.get(reverse(f"registers:{name}", kwargs={"org_slug": org.slug}))
    assert response.status_code == 200
    return response


def csv_rows(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_risk_csv_round_trips_pounds_and_accents(org, qm, client_for):
    make_risk(org, qm, risk="Café Wi-Fi costs £40 a month and is unfiltered")
    rows = csv_rows(download(client_for(qm), org, "risk_export"))
    assert list(rows[0]) == RISK_COLUMNS
    assert [row["Risk"] for row in rows] == ["Café Wi-Fi costs £40 a month and is unfiltered"]


def test_the_event_csv_round_trips_pounds_and_accents(org, qm, client_for):
    make_event(org, qm, speaker_name="Zoë Ó Briain", topic="Crowdfunding £ for causes")
    rows = csv_rows(download(client_for(qm), org, "event_export"))
    assert list(rows[0]) == EVENT_COLUMNS
    assert (rows[0]["Speaker"], rows[0]["Topic"]) == ("Zoë Ó Briain", "Crowdfunding £ for causes")


@pytest.mark.parametrize(
    ("name", "columns"), [("risk_export_xlsx", RISK_COLUMNS), ("event_export_xlsx", EVENT_COLUMNS)]
)
def test_the_xlsx_prints_legibly(org, qm, client_for, name, columns):
    make_risk(org, qm)
    make_event(org, qm)
    response = download(client_for(qm), org, name)
    sheet = cast(Worksheet, load_workbook(io.BytesIO(response.content)).active)
    assert_prints_legibly(sheet)
    assert sheet.freeze_panes == "A2"
    assert [sheet.cell(row=1, column=i).value for i in range(1, len(columns) + 1)] == columns
    for index in range(1, len(columns) + 1):
        assert sheet.column_dimensions[get_column_letter(index)].width == COLUMN_WIDTH
    header, body = sheet["A1"], sheet["A2"]
    assert header.font.bold and header.alignment.wrap_text
    assert body.alignment.wrap_text and body.alignment.vertical == "top"
