"""`core.downloads`: every CSV download starts with a UTF-8 byte-order mark (so Excel shows "£"
and accented names as written), a streamed one still streams, and `print_setup` gives a sheet,
write-only or not, a legible printout."""

import csv
import io
from collections.abc import Iterator
from typing import cast

from openpyxl import Workbook, load_workbook

from core.downloads import BOM, csv_response, print_setup, streaming_csv_response

HEADER = ["Name", "Contract value"]
ROWS = [["Zoë Ó Briain-Müller", "£1,250.00"], ["François Café", "€ and £"]]


def read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark, once, at the very start
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_a_csv_response_starts_with_the_mark_and_round_trips_pounds_and_accents():
    response = csv_response("x.csv", HEADER, ROWS)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert read(response.content) == [HEADER, *ROWS]
    assert response.content.count(BOM.encode()) == 1


def test_an_empty_export_still_has_the_mark_and_its_header():
    assert read(csv_response("x.csv", HEADER, []).content) == [HEADER]


def test_a_streamed_csv_sends_the_mark_and_header_before_reading_any_row():
    read_so_far: list[int] = []

    def rows():
        for index, row in enumerate(ROWS * 3):
            read_so_far.append(index)
            yield row

    response = streaming_csv_response("x.csv", HEADER, rows())
    assert response.streaming
    chunks = iter(cast(Iterator[bytes], response.streaming_content))
    first = next(chunks)
    assert first.startswith(b"\xef\xbb\xbf") and b"Name" in first
    assert read_so_far == []  # nothing was built in memory before the first bytes left
    rest = b"".join(chunks)
    assert read(first + rest) == [HEADER, *(ROWS * 3)]
    assert BOM.encode() not in rest


def test_print_setup_on_a_write_only_sheet_reads_back():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Plan")
    print_setup(sheet)
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert_prints_legibly(load_workbook(io.BytesIO(buffer.getvalue()))["Plan"])


def assert_prints_legibly(sheet) -> None:
    """Landscape A4, one page wide and as long as needed, the header row on every page."""
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (int(sheet.page_setup.fitToWidth), int(sheet.page_setup.fitToHeight)) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.print_options.gridLines is True
