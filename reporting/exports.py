"""Excel (XLSX) exports of a self-evaluation and the action plan, for people who work in
spreadsheets."""

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from actionplans.models import Action
from assessments.models import Assessment
from assessments.selectors import response_list

HEADER_FILL = PatternFill("solid", fgColor="0B3D4F")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    """Text that a spreadsheet would run as a formula is stored as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _sheet(workbook: Workbook, title: str, headers: list[str], rows, widths: list[int]):
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    return sheet


def assessment_workbook(assessment: Assessment) -> bytes:
    version = assessment.framework_version
    workbook = Workbook()
    workbook.remove(workbook.active)
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
    actions = Action.objects.select_related("owner", "benchmark", "criterion").order_by("due_date")
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
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
