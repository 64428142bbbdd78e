"""The plan as CSV: exactly the filtered, sorted list on the page, streamed.

Rows are read as plain values in chunks (`iterator()`) and written as they are read, so memory
stays bounded and the first bytes leave at once however long the plan is.
"""

from datetime import date

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from actionplans.models import OPEN_STATUSES, ActionStatus, Priority
from actionplans.views.plan import filtered_actions
from core.choices import labels_by_value
from core.downloads import streaming_csv_response
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

COLUMNS = [
    "Title",
    "Criterion",
    "Benchmark",
    "Owner",
    "Due date",
    "Priority",
    "Status",
    "Overdue days",
    "Completed on",
    "Impact note",
]
FIELDS = [
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
]
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000
Labels = tuple[dict[str, str], dict[str, str]]


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def action_labels() -> Labels:
    """Priority and status labels in the active language (the reader's), forced now: the rows
    stream after the view has returned."""
    return labels_by_value(Priority), labels_by_value(ActionStatus)


def action_row(values: tuple, today: date, labels: Labels | None = None) -> list[str]:
    """One exported row from the `FIELDS` of an action."""
    title, criterion, benchmark, name, email, due, priority, status, completed, impact = values
    priorities, statuses = labels or action_labels()
    is_open = status in OPEN_STATUSES
    return [
        safe_cell(value)
        for value in (
            title,
            criterion or "",
            benchmark or "",
            name or email or "",
            due.isoformat(),
            priorities.get(priority, priority),
            statuses.get(status, status),
            (today - due).days if is_open and due < today else 0,
            completed.isoformat() if completed else "",
            impact,
        )
    ]


@org_view(Perm.VIEW_ORGANISATION)
def action_export(request: HttpRequest, access: OrgAccess) -> StreamingHttpResponse:
    _, actions = filtered_actions(request, access)
    today = timezone.localdate()
    values = actions.values_list(*FIELDS).iterator(chunk_size=CHUNK)
    labels = action_labels()
    rows = (action_row(v, today, labels) for v in values)
    filename = f"action-plan-{access.organisation.slug}-{today.isoformat()}.csv"
    return streaming_csv_response(filename, COLUMNS, rows)
