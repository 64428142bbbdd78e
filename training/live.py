"""The training matrix's live signals, registered with frameworks' registry when Django starts.

Each answers for one organisation on one day from `training_overview` (three queries); its
warnings are what a strong self-evaluation level on staff training would contradict.
"""

from datetime import date

from frameworks.register_signals import Register, Signal, register_signal
from training.models import RoleGroup
from training.selectors import Figure, training_overview

TRAINING_MATRIX = Register("training", "Staff Prevent training matrix", "training:matrix")
WELL_TRAINED = 90  # a role group below this share of staff up to date is a warning


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _share(figure: Figure) -> str:
    return f"{figure.label} {figure.percent}% ({figure.trained} of {figure.people})"


@register_signal("training.coverage", TRAINING_MATRIX)
def training_coverage(*, organisation, today: date) -> Signal:
    """The share of staff in post up to date with every course their role needs, by role group."""
    o = training_overview(organisation=organisation, today=today)
    if not o.total.people:
        return Signal(
            "training.coverage",
            TRAINING_MATRIX,
            "No staff are recorded in the training matrix.",
            ("The training matrix has no staff, so completion cannot be shown.",),
        )
    summary = f"Staff up to date with the training their role needs: {o.total.percent}%; "
    summary += "; ".join(_share(f) for f in o.by_group)
    warnings = [
        f"Only {f.percent}% of {f.label.lower()} are up to date ({f.trained} of {f.people})."
        for f in o.by_group
        if f.percent is not None and f.percent < WELL_TRAINED
    ]
    leads = next((f for f in o.by_group if f.label == str(RoleGroup.DSL.label)), None)
    if leads is None:
        warnings.append("Nobody is recorded in the DSL and Prevent lead role group.")
    elif (
        leads.trained < leads.people and leads.percent is not None and leads.percent >= WELL_TRAINED
    ):
        warnings.append("A DSL or Prevent lead is not up to date with their training.")
    if o.groups_without_course:
        names = ", ".join(o.groups_without_course).lower()
        warnings.append(f"No course is marked as needed by {names}.")
    return Signal("training.coverage", TRAINING_MATRIX, summary + ".", tuple(warnings))


@register_signal("training.refreshers", TRAINING_MATRIX)
def training_refreshers(*, organisation, today: date) -> Signal:
    """Training and refreshers past their due date, and new starters still to train."""
    o = training_overview(organisation=organisation, today=today)
    if not o.total.people:
        return Signal(
            "training.refreshers",
            TRAINING_MATRIX,
            "No staff are recorded in the training matrix.",
            ("The training matrix has no staff, so nobody can be shown to be up to date.",),
        )
    refreshers = sum(1 for i in o.overdue if i.cell.last is not None)
    never = len(o.overdue) - refreshers
    parts = [
        _plural(refreshers, "refresher", "refreshers") + " overdue",
        _plural(never, "required course", "required courses") + " never completed and past due",
        _plural(len(o.due_soon), "course", "courses") + " due in the next 30 days",
    ]
    warnings = []
    if o.overdue:
        people = _plural(o.overdue_people, "member of staff is", "members of staff are")
        warnings.append(f"{people} overdue for Prevent training or a refresher.")
    late_starters = sum(
        1 for s in o.new_starters if any(cell.status == "overdue" for _c, cell in s.todo)
    )
    if late_starters:
        text = _plural(late_starters, "new starter has", "new starters have")
        warnings.append(f"{text} not done their induction training in time.")
    return Signal("training.refreshers", TRAINING_MATRIX, "; ".join(parts) + ".", tuple(warnings))
