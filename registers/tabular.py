"""Registers as spreadsheets: CSV and XLSX out, and reading either back in for an import.

Every register exports its columns in one order (a template's order where there is one) so
the file it writes can be read back. Cells that a spreadsheet would run as a formula are
prefixed with an apostrophe (CSV injection); XLSX cells are written as plain strings, numbers
and dates, never formulas.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TableError(Exception):
    """The file as a whole cannot be read (not a row's problem)."""


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _xlsx_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
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
    if fmt == "xlsx":
        workbook = Workbook(write_only=False)
        worksheet = workbook.active
        worksheet.title = sheet[:31]
        worksheet.append(list(headers))
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            worksheet.append([_xlsx_value(v) for v in row])
        for index, _ in enumerate(headers, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = 22
        for row in worksheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(cell.value, date):
                    cell.number_format = "DD/MM/YYYY"
        worksheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so Excel reads the file as UTF-8
        writer = csv.writer(response)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_csv_value(v) for v in row])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _csv_value(value) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return timezone.localtime(value).date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return safe_cell(value)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_STARTS else text


def read_table(content: bytes) -> list[list[str]]:
    """The cells of an uploaded CSV or XLSX (told apart by content, not name) as text."""
    if len(content) > MAX_IMPORT_BYTES:
        raise TableError("The file is larger than 2 MB.")
    if content.startswith(b"PK\x03\x04"):
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise TableError("This is not a spreadsheet Excel or LibreOffice can open.") from exc
        worksheet = workbook.worksheets[0]
        rows = []
        for row in worksheet.iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in row])
            if len(rows) > MAX_IMPORT_ROWS + 20:
                break
        workbook.close()
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TableError(
                "The file is neither an XLSX spreadsheet nor a UTF-8 CSV file. In Excel, "
                "save it as “CSV UTF-8” or as an Excel workbook."
            ) from exc
        if "\x00" in text:
            raise TableError("This file is not a CSV or XLSX spreadsheet.")
        rows = [[_cell_text(v) for v in row] for row in csv.reader(io.StringIO(text))]
    if len(rows) > MAX_IMPORT_ROWS + 20:
        raise TableError(f"The file has more than {MAX_IMPORT_ROWS} rows; split it.")
    return rows


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("*", "").split())


def find_header(
    rows: list[list[str]], required: Sequence[str], optional: Sequence[str] = ()
) -> tuple[int, dict[str, int]]:
    """The header row (within the first 20, as templates have a title block above it) and
    each known column's position. Raises TableError naming the columns that are missing."""
    wanted = {_norm(h): h for h in [*required, *optional]}
    best: tuple[int, dict[str, int]] = (-1, {})
    for index, row in enumerate(rows[:20]):
        found = {wanted[_norm(c)]: i for i, c in enumerate(row) if _norm(c) in wanted}
        if len(found) > len(best[1]):
            best = (index, found)
    missing = [h for h in required if h not in best[1]]
    if missing:
        raise TableError(
            "These columns are missing from the header row: " + ", ".join(missing) + ". "
            "Start from the export, which has every column in the template's order."
        )
    return best
