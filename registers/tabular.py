"""Registers as spreadsheets: CSV and XLSX out; reading them back in is the shared import's
(`imports`, through `core.tabular`).

Every register exports its columns in one order (a template's order where there is one) so
the file it writes can be read back. Cells that a spreadsheet would run as a formula are
prefixed with an apostrophe (CSV injection); XLSX cells are written as plain strings, numbers
and dates, never formulas.
"""

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import cast

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.downloads import csv_response, print_setup
from core.tabular import FORMULA_STARTS

__all__ = ["FORMULA_STARTS", "export_response"]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _xlsx_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime):
        return timezone.localtime(value).date()  # a day is what the registers record
    if isinstance(value, int | float | date):
        return value
    return safe_cell(value)


def export_response(
    *, stem: str, fmt: str, headers: Sequence[str], rows: Iterable[Sequence], sheet: str
) -> HttpResponse:
    """The rows as a CSV or XLSX download named `<stem>-<date>.<fmt>`."""
    filename = f"{stem}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt != "xlsx":
        return csv_response(filename, headers, ([_csv_value(v) for v in row] for row in rows))
    workbook = Workbook(write_only=False)
    worksheet = cast(Worksheet, workbook.active)  # a new workbook's one sheet
    worksheet.title = sheet[:31]
    worksheet.append(list(headers))
    for row in rows:
        worksheet.append([_xlsx_value(v) for v in row])
    _lay_out(worksheet, len(headers))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


HEADER_FONT = Font(bold=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")
COLUMN_WIDTH = 22


def _lay_out(worksheet: Worksheet, columns: int) -> None:
    """Bold wrapped header, wrapped cells, UK dates, fixed widths, and a legible printout."""
    for cell in worksheet[1]:
        cell.font, cell.alignment = HEADER_FONT, WRAPPED
    for row in worksheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAPPED
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    for index in range(1, columns + 1):
        worksheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTH
    worksheet.freeze_panes = "A2"
    print_setup(worksheet)


def _csv_value(value) -> str:
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime):
        return timezone.localtime(value).date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return safe_cell(value)
