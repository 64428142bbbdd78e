"""Excel (XLSX) exports of a self-evaluation and the action plan, for people who work in
spreadsheets."""

from collections.abc import Iterable
from typing import IO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from actionplans.models import Action
from actionplans.selectors import WIDE_FRAMEWORK_FIELDS
from assessments.models import Assessment
from assessments.selectors import response_list

# Write-only mode streams rows to disk as they are appended (memory stays bounded). Every
# cell shares these style objects: openpyxl stores each distinct style once.
HEADER_FILL = PatternFill("solid", fgColor="0B3D4F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAPPED = Alignment(vertical="top", wrap_text=True)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000


def _safe(value):
    """Text that a spreadsheet would run as a formula is stored as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


PROSE_WIDTH = 30  # columns at least this wide hold prose, and wrap


class _Styled:
    """Cells for one sheet: the header and the prose columns share one style array each; every
    other cell is a plain value, which write-only mode writes without building a cell."""

    def __init__(self, sheet: WriteOnlyWorksheet, widths: list[int]) -> None:
        self.sheet = sheet
        header = WriteOnlyCell(sheet, "")
        header.font, header.fill, header.alignment = HEADER_FONT, HEADER_FILL, WRAPPED
        body = WriteOnlyCell(sheet, "")
        body.alignment = WRAPPED
        self.header_style, self.body_style = header._style, body._style
        self.prose = [width >= PROSE_WIDTH for width in widths]

    def _cell(self, value, style) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value)
        cell._style = style  # the one shared style array: no style lookup per cell
        return cell

    def header(self, values: Iterable) -> list:
        return [self._cell(value, self.header_style) for value in values]

    def row(self, values: Iterable) -> list:
        return [
            self._cell(_safe(value), self.body_style) if prose and value else _safe(value)
            for value, prose in zip(values, self.prose, strict=False)
        ]


def _sheet(workbook: Workbook, title: str, headers: list[str], rows, widths: list[int]):
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    styled = _Styled(sheet, widths)
    sheet.append(styled.header(headers))
    count = 0
    for row in rows:
        sheet.append(styled.row(row))
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    return sheet


def assessment_workbook(assessment: Assessment, target: IO[bytes]) -> None:
    """Writes the self-evaluation and the organisation's action plan to `target`."""
    version = assessment.framework_version
    workbook = Workbook(write_only=True)
    responses = response_list(assessment=assessment)
    _sheet(
        workbook,
        "Self-evaluation",
        [
            "Criterion",
            "Benchmark",
            "Statement",
            "Level",
            "Level label",
            "Evidence confidence",
            "Not applicable",
            "Why not applicable",
            "What we do well",
            "Areas for improvement",
            "Evidence",
        ],
        (
            [
                f"{r.benchmark.criterion.code} {r.benchmark.criterion.title}",
                r.benchmark.code,
                r.benchmark.text,
                r.level,
                version.level(r.level).label if r.level else "",
                version.confidence(r.confidence).label if r.confidence else "",
                "Yes" if r.not_applicable else "",
                r.na_justification,
                r.strengths,
                r.improvements,
                "; ".join(e.title for e in r.evidence.all()),
            ]
            for r in responses
        ),
        [28, 10, 50, 7, 20, 18, 10, 30, 60, 50, 40],
    )
    today = timezone.localdate()
    actions = (
        Action.objects.select_related("owner", "benchmark", "criterion")
        .defer(*WIDE_FRAMEWORK_FIELDS)
        .order_by("due_date", "pk")
        .iterator(chunk_size=CHUNK)
    )
    _sheet(
        workbook,
        "Action plan",
        [
            "Action",
            "Criterion",
            "Benchmark",
            "Owner",
            "Due",
            "Priority",
            "Status",
            "Days overdue",
            "Completed on",
            "Impact",
        ],
        (
            [
                a.title,
                a.criterion.code if a.criterion else "",
                a.benchmark.code if a.benchmark else "",
                a.owner.display_name if a.owner else "",
                a.due_date,
                a.get_priority_display(),
                a.get_status_display(),
                a.days_overdue(today) or None,
                a.completed_on,
                a.impact_note,
            ]
            for a in actions
        ),
        [50, 10, 10, 24, 12, 10, 14, 12, 14, 50],
    )
    workbook.properties.title = f"{assessment.organisation.name}: {assessment.title}"
    workbook.save(target)
