"""Reading an uploaded spreadsheet (CSV, XLSX or ODS, told apart by content) for an import.

The one definition of: turning a file into rows of text cells, finding the header row, guessing
which column holds which field from its header, and reading a date the way UK spreadsheets
write it (dd/mm/yyyy, ISO, or a real Excel date). The shared import (`imports`, through each
list's importer) checks the rows and shows a preview before anything is saved.
"""

import csv
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.translation import gettext
from openpyxl import load_workbook
from python_calamine import CalamineError, CalamineWorkbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 2000
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
HEADER_SEARCH_ROWS = 20
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
DATE_EXAMPLE = "31/03/2027"
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIAL = re.compile(r"\d{5}(\.0+)?")


class TableError(Exception):
    """The file as a whole cannot be read (not a row's problem)."""


def cell_text(value: object) -> str:
    """One cell as text: dates as ISO, whole floats without ".0", our export's apostrophe off."""
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


def _megabytes(size: int) -> str:
    if size >= 1024 * 1024:
        return gettext("%(size)s MB") % {"size": f"{size / (1024 * 1024):.0f}"}
    return gettext("%(size)s bytes") % {"size": f"{size:,}"}


def read_table(
    content: bytes, *, max_rows: int = MAX_IMPORT_ROWS, max_bytes: int = MAX_IMPORT_BYTES
) -> list[list[str]]:
    """The cells of an uploaded CSV, XLSX or ODS (told apart by content, not name) as text."""
    if len(content) > max_bytes:
        raise TableError(
            gettext("The file is larger than %(size)s.") % {"size": _megabytes(max_bytes)}
        )
    limit = max_rows + HEADER_SEARCH_ROWS
    if content.startswith(b"PK\x03\x04") and _is_ods(content):
        rows = _read_ods(content, limit)
    elif content.startswith(b"PK\x03\x04"):
        rows = _read_xlsx(content, limit)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TableError(
                gettext(
                    "The file is neither an XLSX spreadsheet nor a UTF-8 CSV file. In Excel, "
                    "save it as “CSV UTF-8” or as an Excel workbook."
                )
            ) from exc
        if "\x00" in text:
            raise TableError(gettext("This file is not a CSV or XLSX spreadsheet."))
        try:
            rows = [[cell_text(v) for v in row] for row in csv.reader(io.StringIO(text))]
        except csv.Error as exc:
            raise TableError(
                gettext("The CSV file cannot be read: %(reason)s.") % {"reason": exc}
            ) from exc
    if len(rows) > limit:
        raise TableError(
            gettext("The file has more than %(count)s rows; split it.") % {"count": f"{max_rows:,}"}
        )
    return rows


def _read_xlsx(content: bytes, limit: int) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TableError(
            gettext("This is not a spreadsheet Excel or LibreOffice can open.")
        ) from exc
    worksheet = workbook.worksheets[0]
    rows = []
    for row in worksheet.iter_rows(values_only=True):
        rows.append([cell_text(v) for v in row])
        if len(rows) > limit:
            break
    workbook.close()
    return rows


def _is_ods(content: bytes) -> bool:
    """An OpenDocument spreadsheet: a ZIP whose first member, "mimetype", says so."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if "mimetype" not in archive.namelist():
                return False
            with archive.open("mimetype") as member:
                return member.read(100).strip() == ODS_MIMETYPE
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _read_ods(content: bytes, limit: int) -> list[list[str]]:
    """The first sheet of an OpenDocument spreadsheet (LibreOffice, Google Sheets' .ods), read
    with calamine: repeated rows and columns expanded, dates as dates."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheet = workbook.get_sheet_by_index(0)
        rows = []
        for row in sheet.iter_rows():
            rows.append([cell_text(v) for v in row])
            if len(rows) > limit:
                break
    except (CalamineError, ValueError, OSError, IndexError) as exc:
        raise TableError(
            gettext("This is not a spreadsheet Excel or LibreOffice can open.")
        ) from exc
    finally:
        if "workbook" in locals():
            workbook.close()
    return rows


def normalise_header(text: str) -> str:
    """A header as compared: case, asterisks, punctuation and spacing ignored."""
    text = re.sub(r"[^\w ]+", " ", text.casefold().replace("*", ""))
    return " ".join(text.replace("_", " ").split())


def find_header(
    rows: list[list[str]], required: Sequence[str], optional: Sequence[str] = ()
) -> tuple[int, dict[str, int]]:
    """The header row (within the first 20, as templates have a title block above it) and
    each known column's position. Raises TableError naming the columns that are missing."""
    wanted = {_exact(h): h for h in [*required, *optional]}
    best: tuple[int, dict[str, int]] = (-1, {})
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {wanted[_exact(c)]: i for i, c in enumerate(row) if _exact(c) in wanted}
        if len(found) > len(best[1]):
            best = (index, found)
    missing = [h for h in required if h not in best[1]]
    if missing:
        raise TableError(
            gettext(
                "These columns are missing from the header row: %(columns)s. Start from the "
                "export, which has every column in the template's order."
            )
            % {"columns": ", ".join(missing)}
        )
    return best


def _exact(text: str) -> str:
    return " ".join(text.casefold().replace("*", "").split())


def guess_header_row(rows: list[list[str]], synonyms: Mapping[str, Sequence[str]]) -> int:
    """The row (within the first 20) whose cells best match the fields' header names; the first
    row with two or more filled cells when none match. Raises TableError for an empty file."""
    known = {normalise_header(s) for names in synonyms.values() for s in names}
    best, best_score, first_filled = -1, 0, -1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        filled = [c for c in row if c.strip()]
        if first_filled < 0 and len(filled) >= 2:
            first_filled = index
        score = sum(1 for c in filled if normalise_header(c) in known)
        if score > best_score:
            best, best_score = index, score
    if best >= 0:
        return best
    if first_filled >= 0:
        return first_filled
    raise TableError(gettext("The file has no header row: the first row should name the columns."))


def guess_mapping(
    headers: Sequence[str], synonyms: Mapping[str, Sequence[str]]
) -> dict[str, int | None]:
    """Each field's column, guessed from the header names (exact synonym first, then a header
    containing a synonym as whole words); each column is given to one field at most."""
    normalised = [normalise_header(h) for h in headers]
    mapping: dict[str, int | None] = dict.fromkeys(synonyms)
    taken: set[int] = set()
    for exact in (True, False):
        for key, names in synonyms.items():
            if mapping[key] is not None:
                continue
            for name in (normalise_header(n) for n in names):
                column = _match(normalised, name, taken, exact=exact)
                if column is not None:
                    mapping[key] = column
                    taken.add(column)
                    break
    return mapping


def _match(headers: list[str], name: str, taken: set[int], *, exact: bool) -> int | None:
    for index, header in enumerate(headers):
        if index in taken or not header:
            continue
        if header == name or (not exact and f" {name} " in f" {header} "):
            return index
    return None


def parse_date(text: str) -> date:
    """A date written dd/mm/yyyy (or dd-mm-yyyy, dd.mm.yyyy, dd/mm/yy), ISO yyyy-mm-dd, or an
    Excel serial number (a date cell saved in a CSV as a number). Raises ValueError."""
    text = text.strip()
    if text[:10] != text and re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T][\d:.]+", text):
        text = text[:10]  # a date and time from an export: the day is what we keep
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    if _EXCEL_SERIAL.fullmatch(text):
        return _EXCEL_EPOCH + timedelta(days=int(float(text)))
    raise ValueError(
        gettext("“%(text)s” is not a date such as %(example)s.")
        % {"text": text, "example": DATE_EXAMPLE}
    )


@dataclass
class ReadFile:
    header_row: int  # the spreadsheet's row number
    headers: list[str]
    rows: list[list[object]]  # [[row number, [cell, ...]], ...]


def read_rows_under_header(
    content: bytes, synonyms: Mapping[str, Sequence[str]], *, max_rows: int, max_bytes: int
) -> ReadFile:
    """An import's file read once: the header row guessed from `synonyms`, and each non-empty
    row under it as text cells (NUL removed: PostgreSQL refuses it), padded to the header's
    width. The caller says what too many rows or none means. Raises TableError."""
    table = read_table(content, max_rows=max_rows, max_bytes=max_bytes)
    index = guess_header_row(table, synonyms)
    headers = [h.replace("\x00", "").strip() for h in table[index]]
    width = len(headers)
    rows: list[list[object]] = []
    for number, row in enumerate(table[index + 1 :], start=index + 2):
        cells = [c.replace("\x00", "").strip() for c in row[:width]]
        cells += [""] * (width - len(cells))
        if any(cells):
            rows.append([number, cells])
    return ReadFile(header_row=index + 1, headers=headers, rows=rows)
