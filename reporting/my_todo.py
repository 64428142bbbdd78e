"""The signed-in person's to-do list for one organisation: every kind that is theirs."""

from datetime import date

from django.utils import timezone

from reporting import todo_kinds, todo_registers
from reporting.todo import ROWS, TodoList, build_sections
from tenancy.access import OrgAccess
from tenancy.roles import ACCOUNT_MANAGER

# Each answers None when its kind is not the person's (see the selectors' docstrings).
SELECTORS = (
    todo_kinds.approvals_waiting,
    todo_kinds.returned_work,
    todo_registers.subcontractor_decisions,
    todo_registers.event_decisions,
    todo_registers.filtering_sign_off,
    todo_registers.referral_figures,
    todo_kinds.my_criteria,
    todo_kinds.my_open_actions,
    todo_kinds.evidence_expiring,
    todo_registers.questionnaires_due,
    todo_registers.subcontractor_reviews_due,
    todo_registers.risk_reviews_due,
    todo_registers.training_refreshers,
    todo_registers.packs_ready,
)


def todo_for(*, access: OrgAccess, user, today: date | None = None, rows: int = ROWS) -> TodoList:
    """What needs `user` now in `access.organisation`, most urgent first. Account managers help
    providers set up and do none of their work, so theirs is empty."""
    if access.holder == ACCOUNT_MANAGER:
        return TodoList()
    today = today or timezone.localdate()
    organisation = access.organisation
    found = [
        kind
        for selector in SELECTORS
        if (kind := selector(organisation=organisation, user=user, access=access, today=today))
        is not None
    ]
    return build_sections(found, rows=rows)
