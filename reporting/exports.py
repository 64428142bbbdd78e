"""Excel (XLSX) exports of a self-evaluation and the action plan, for people who work in
spreadsheets. Written by `core.xlsx` (streamed, a few microseconds a cell), not openpyxl."""

from collections.abc import Iterator
from typing import IO

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from actionplans.models import OPEN_STATUSES, Action, ActionStatus, Priority
from assessments.models import Assessment, Response
from assessments.selectors import response_list
from core.choices import labels_by_value
from core.xlsx import Column, StreamingWorkbook, safe_text
from evidence.models import EvidenceItem

CHUNK = 2000
PROSE_WIDTH = 30  # columns at least this wide hold prose, and wrap


def _safe(value):
    """Text that a spreadsheet would run as a formula is stored as plain text."""
    return safe_text(str(value)) if isinstance(value, str | Promise) else value


def _columns(spec: list[tuple[str, int]]) -> list[Column]:
    return [Column(header, width, wrap=width >= PROSE_WIDTH) for header, width in spec]


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
    for r in _export_responses(assessment):
        yield [
            f"{r.benchmark.criterion.code} {r.benchmark.criterion.shown_title}",
            r.benchmark.code,
            r.benchmark.shown_text,
            r.level,
            version.level(r.level).label if r.level else "",
            version.confidence(r.confidence).label if r.confidence else "",
            "Yes" if r.not_applicable else "",
            r.na_justification,
            r.strengths,
            r.improvements,
            _evidence_cell(list(r.evidence.all())),
        ]


def _export_responses(assessment: Assessment) -> QuerySet[Response]:
    """The sheet's columns only: no guidance text or JSON of the benchmarks and evidence."""
    evidence = EvidenceItem.objects.only("title", "sensitivity")
    return (
        response_list(assessment=assessment)
        .select_related(None)
        .select_related("benchmark__criterion")
        .prefetch_related(None)
        .prefetch_related(Prefetch("evidence", queryset=evidence))
        .only(
            "level",
            "confidence",
            "not_applicable",
            "na_justification",
            "strengths",
            "improvements",
            "benchmark__code",
            "benchmark__text",
            "benchmark__position",
            "benchmark__criterion__code",
            "benchmark__criterion__title",
            "benchmark__criterion__position",
        )
    )


def _evidence_cell(items: list) -> str:
    """The evidence titles; restricted items are counted, never named (files travel)."""
    titles = [e.title for e in items if not e.is_restricted]
    hidden = len(items) - len(titles)
    if hidden:
        titles.append(f"restricted evidence held by the DSL: {hidden}")
    return "; ".join(titles)


ACTION_FIELDS = (
    "title",
    "criterion__code",
    "benchmark__code",
    "owner__name",
    "owner__email",
    "due_date",
    "priority",
    "status",
    "completed_on",
    "impact_note",
)


def _action_rows() -> Iterator[list]:
    """Plain values, not model instances: 10,000 actions are read and written in chunks.

    Labels are in the language active when the export starts (the reader's, or English)."""
    today = timezone.localdate()
    priority_labels, status_labels = labels_by_value(Priority), labels_by_value(ActionStatus)
    values = Action.objects.order_by("due_date", "pk").values_list(*ACTION_FIELDS).iterator(CHUNK)
    for title, criterion, benchmark, name, email, due, priority, status, done, impact in values:
        overdue = (today - due).days if status in OPEN_STATUSES and due < today else None
        yield [
            title,
            criterion or "",
            benchmark or "",
            name or email or "",
            due,
            priority_labels.get(priority, priority),
            status_labels.get(status, status),
            overdue,
            done,
            impact,
        ]


def assessment_workbook(assessment: Assessment, target: IO[bytes]) -> None:
    """Writes the self-evaluation and the organisation's action plan to `target`."""
    title = f"{assessment.organisation.name}: {assessment.title}"
    with StreamingWorkbook(target, title=title) as workbook:
        workbook.sheet("Self-evaluation", _columns(RESPONSE_COLUMNS), _response_rows(assessment))
        workbook.sheet("Action plan", _columns(ACTION_COLUMNS), _action_rows())
