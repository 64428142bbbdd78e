"""Spreadsheet downloads: the one definition of how a CSV response is written and how an XLSX
sheet is set up to print.

CSV: UTF-8 with a byte-order mark first, so Excel reads "£" and accented names as written (without
the mark it guesses the Windows code page). Every CSV download goes through `csv_response` or
`streaming_csv_response`, so none can leave the mark out.

XLSX: `print_setup` makes a sheet print legibly: landscape, fitted to one page wide (as many pages
long as it needs), the header row repeated on every printed page and gridlines printed. It only
sets sheet properties, so it works on write-only sheets too (call it before the first row).
"""

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"


class _Echo:
    """A file-like object whose `write` returns what it was given (for a streaming csv.writer)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV text line by line, the byte-order mark in front of the header."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A CSV download built in memory (for lists that are a page or two long)."""
    response = HttpResponse("".join(csv_lines(header, rows)), content_type=CSV_TYPE)
    _attachment(response, filename)
    return response


def streaming_csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """A CSV download written as `rows` is read: memory stays bounded however long it is."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type=CSV_TYPE)
    _attachment(response, filename)
    return response


def print_setup(sheet: Worksheet | WriteOnlyWorksheet, *, header_rows: int = 1) -> None:
    """Landscape, one page wide, the header row(s) on every page (`sheet` may be write-only)."""
    # A write-only sheet has the same print attributes (openpyxl's `Worksheet._setup` makes them);
    # its type stubs just do not list them.
    sheet = cast(Worksheet, sheet)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages long as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"1:{header_rows}"
    sheet.print_options.gridLines = True
