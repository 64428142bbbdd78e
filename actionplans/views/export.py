"""The plan as CSV: exactly the filtered, sorted list on the page."""

import csv

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from actionplans.views.plan import filtered_actions
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
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def action_row(action, today) -> list[str]:
    return [
        safe_cell(value)
        for value in (
            action.title,
            action.criterion.code if action.criterion else "",
            action.benchmark.code if action.benchmark else "",
            action.owner.display_name if action.owner else "",
            action.due_date.isoformat(),
            action.get_priority_display(),
            action.get_status_display(),
            action.days_overdue(today),
            action.completed_on.isoformat() if action.completed_on else "",
            action.impact_note,
        )
    ]


@org_view(Perm.VIEW_ORGANISATION)
def action_export(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    _, actions = filtered_actions(request, access)
    today = timezone.localdate()
    filename = f"action-plan-{access.organisation.slug}-{today.isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for action in actions:
        writer.writerow(action_row(action, today))
    return response
