"""Excel (XLSX) exports of a self-evaluation and the action plan, for people who work in
spreadsheets."""

from collections.abc import Iterable, Iterator
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


def _sheet(workbook: Workbook, title: str, columns: list[tuple[str, int]], rows: Iterable) -> None:
    headers, widths = [header for header, _ in columns], [width for _, width in columns]
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


# Each sheet's columns: (header, width in characters).
RESPONSE_COLUMNS = [
    ("Criterion", 28),
    ("Benchmark", 10),
    ("Statement", 50),
    ("Level", 7),
    ("Level label", 20),
    ("Evidence confidence", 18),
    ("Not applicable", 10),
    ("Why not applicable", 30),
    ("What we do well", 60),
    ("Areas for improvement", 50),
    ("Evidence", 40),
]
ACTION_COLUMNS = [
    ("Action", 50),
    ("Criterion", 10),
    ("Benchmark", 10),
    ("Owner", 24),
    ("Due", 12),
    ("Priority", 10),
    ("Status", 14),
    ("Days overdue", 12),
    ("Completed on", 14),
    ("Impact", 50),
]


def _response_rows(assessment: Assessment) -> Iterator[list]:
    version = assessment.framework_version
    for r in response_list(assessment=assessment):
        yield [
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
            _evidence_cell(list(r.evidence.all())),
        ]


def _evidence_cell(items: list) -> str:
    """The evidence titles; restricted items are counted, never named (files travel)."""
    titles = [e.title for e in items if not e.is_restricted]
    hidden = len(items) - len(titles)
    if hidden:
        titles.append(f"restricted evidence held by the DSL: {hidden}")
    return "; ".join(titles)


def _action_rows() -> Iterator[list]:
    today = timezone.localdate()
    actions = (
        Action.objects.select_related("owner", "benchmark", "criterion")
        .defer(*WIDE_FRAMEWORK_FIELDS)
        .order_by("due_date", "pk")
        .iterator(chunk_size=CHUNK)
    )
    for a in actions:
        yield [
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


def assessment_workbook(assessment: Assessment, target: IO[bytes]) -> None:
    """Writes the self-evaluation and the organisation's action plan to `target`."""
    workbook = Workbook(write_only=True)
    _sheet(workbook, "Self-evaluation", RESPONSE_COLUMNS, _response_rows(assessment))
    _sheet(workbook, "Action plan", ACTION_COLUMNS, _action_rows())
    workbook.properties.title = f"{assessment.organisation.name}: {assessment.title}"
    workbook.save(target)
