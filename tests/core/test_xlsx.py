"""core.xlsx: the streaming XLSX writer reads back in openpyxl with the values, types, styles and
print settings the exports promise, neutralises formulas, and writes rows as they come."""

from datetime import date, datetime
from decimal import Decimal
from hashlib import sha256
from io import BytesIO

import pytest
from openpyxl import load_workbook

from core.xlsx import CHUNK_ROWS, Column, StreamingWorkbook
from tests.core.test_downloads import assert_prints_legibly

COLUMNS = [Column("Name", 20), Column("Notes", 40, wrap=True), Column("Due", 12), Column("N", 8)]


def build(rows, columns=COLUMNS, title="Provider: 2026 self-evaluation"):
    target = BytesIO()
    with StreamingWorkbook(target, title=title) as workbook:
        workbook.sheet("First", columns, rows)
        workbook.sheet("Second's", columns[:2], [["only", "two"]])
    target.seek(0)
    return load_workbook(target)


def test_values_and_types_read_back():
    rows = [
        ["Ada & <Bob>", "Line one\nline two", date(2026, 3, 1), 7],
        ["  padded  ", "", None, Decimal("2.5")],
        ["Tea", "Café £5 “quoted”", datetime(2026, 3, 1, 9, 30), True],
    ]
    workbook = build(rows)
    assert workbook.sheetnames == ["First", "Second's"]
    values = list(workbook["First"].iter_rows(values_only=True))
    assert values[0] == ("Name", "Notes", "Due", "N")
    assert values[1] == ("Ada & <Bob>", "Line one\nline two", datetime(2026, 3, 1), 7)
    assert values[2] == ("  padded  ", None, None, 2.5)
    assert values[3] == ("Tea", "Café £5 “quoted”", datetime(2026, 3, 1, 9, 30), True)
    assert workbook["First"]["C2"].number_format == "yyyy-mm-dd"
    assert workbook.properties.title == "Provider: 2026 self-evaluation"
    assert list(workbook["Second's"].iter_rows(values_only=True)) == [
        ("Name", "Notes"),
        ("only", "two"),
    ]


def test_formulas_are_stored_as_text_and_illegal_characters_dropped():
    workbook = build([['=HYPERLINK("http://evil")', "bell\x07 and tab\tkept", None, None]])
    sheet = workbook["First"]
    assert sheet["A2"].value == '\'=HYPERLINK("http://evil")'
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].value == "bell and tab\tkept"


def test_header_style_widths_wrapping_freeze_filter_and_print_settings():
    workbook = build([["a", "long prose", date(2026, 1, 1), 1]] * 3)
    sheet = workbook["First"]
    header = sheet["A1"]
    assert header.font.bold and header.alignment.wrap_text
    assert header.fill.fgColor.rgb == "FF0B3D4F"
    assert sheet["B2"].alignment.wrap_text and not sheet["A2"].alignment.wrap_text
    assert [sheet.column_dimensions[c].width for c in "ABCD"] == [20, 40, 12, 8]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D4"
    assert_prints_legibly(sheet)
    assert_prints_legibly(workbook["Second's"])


def test_rows_are_written_as_they_come_not_held():
    target = BytesIO()
    sizes = []

    def rows():
        for n in range(CHUNK_ROWS * 3):
            if n % CHUNK_ROWS == 0:
                sizes.append(target.tell())
            noise = sha256(str(n).encode()).hexdigest() * 2  # compresses little: chunks show
            yield [f"row {n}", noise, date(2026, 1, 1), n]

    with StreamingWorkbook(target) as workbook:
        assert workbook.sheet("First", COLUMNS, rows()) == CHUNK_ROWS * 3
    assert sizes[0] < sizes[1] < sizes[2]  # each chunk reached the file before the next row
    target.seek(0)
    assert load_workbook(target)["First"].max_row == CHUNK_ROWS * 3 + 1


@pytest.mark.parametrize("title", ["", "a/b", "x" * 32, "First"])
def test_bad_sheet_names_are_refused(title):
    with StreamingWorkbook(BytesIO()) as workbook:
        workbook.sheet("First", COLUMNS, [])
        with pytest.raises(ValueError):
            workbook.sheet(title, COLUMNS, [])
