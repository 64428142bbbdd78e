"""The training matrix's live signals, registered with frameworks' registry when Django starts.

Each answers for one organisation on one day from `training_overview` (three queries); its
warnings are what a strong self-evaluation level on staff training would contradict.
"""

from datetime import date

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from frameworks.register_signals import Register, Signal, register_signal
from training.models import RoleGroup
from training.selectors import Figure, training_overview

TRAINING_MATRIX = Register("training", _("Staff Prevent training matrix"), "training:matrix")
WELL_TRAINED = 90  # a role group below this share of staff up to date is a warning


def _share(figure: Figure) -> str:
    return gettext("%(group)s %(percent)s%% (%(trained)s of %(people)s)") % {
        "group": figure.label,
        "percent": figure.percent,
        "trained": figure.trained,
        "people": figure.people,
    }


def _no_staff(key: str, warning: str) -> Signal:
    return Signal(
        key,
        TRAINING_MATRIX,
        gettext("No staff are recorded in the training matrix."),
        (warning,),
    )


@register_signal("training.coverage", TRAINING_MATRIX)
def training_coverage(*, organisation, today: date) -> Signal:
    """The share of staff in post up to date with every course their role needs, by role group."""
    o = training_overview(organisation=organisation, today=today)
    if not o.total.people:
        return _no_staff(
            "training.coverage",
            gettext("The training matrix has no staff, so completion cannot be shown."),
        )
    summary = gettext("Staff up to date with the training their role needs: %(percent)s%%") % {
        "percent": o.total.percent
    }
    summary += "; " + "; ".join(_share(f) for f in o.by_group)
    warnings = [
        gettext("Only %(percent)s%% of %(group)s are up to date (%(trained)s of %(people)s).")
        % {
            "percent": f.percent,
            "group": f.label.lower(),
            "trained": f.trained,
            "people": f.people,
        }
        for f in o.by_group
        if f.percent is not None and f.percent < WELL_TRAINED
    ]
    leads = next((f for f in o.by_group if f.label == str(RoleGroup.DSL.label)), None)
    if leads is None:
        warnings.append(gettext("Nobody is recorded in the DSL and Prevent lead role group."))
    elif (
        leads.trained < leads.people and leads.percent is not None and leads.percent >= WELL_TRAINED
    ):
        warnings.append(gettext("A DSL or Prevent lead is not up to date with their training."))
    if o.groups_without_course:
        names = ", ".join(o.groups_without_course).lower()
        warnings.append(gettext("No course is marked as needed by %(groups)s.") % {"groups": names})
    return Signal("training.coverage", TRAINING_MATRIX, summary + ".", tuple(warnings))


@register_signal("training.refreshers", TRAINING_MATRIX)
def training_refreshers(*, organisation, today: date) -> Signal:
    """Training and refreshers past their due date, and new starters still to train."""
    o = training_overview(organisation=organisation, today=today)
    if not o.total.people:
        return _no_staff(
            "training.refreshers",
            gettext("The training matrix has no staff, so nobody can be shown to be up to date."),
        )
    refreshers = sum(1 for i in o.overdue if i.cell.last is not None)
    never = len(o.overdue) - refreshers
    soon = len(o.due_soon)
    parts = [
        ngettext("%(count)d refresher overdue", "%(count)d refreshers overdue", refreshers)
        % {"count": refreshers},
        ngettext(
            "%(count)d required course never completed and past due",
            "%(count)d required courses never completed and past due",
            never,
        )
        % {"count": never},
        ngettext(
            "%(count)d course due in the next 30 days",
            "%(count)d courses due in the next 30 days",
            soon,
        )
        % {"count": soon},
    ]
    warnings = []
    if o.overdue:
        warnings.append(
            ngettext(
                "%(count)d member of staff is overdue for Prevent training or a refresher.",
                "%(count)d members of staff are overdue for Prevent training or a refresher.",
                o.overdue_people,
            )
            % {"count": o.overdue_people}
        )
    late_starters = sum(
        1 for s in o.new_starters if any(cell.status == "overdue" for _c, cell in s.todo)
    )
    if late_starters:
        warnings.append(
            ngettext(
                "%(count)d new starter has not done their induction training in time.",
                "%(count)d new starters have not done their induction training in time.",
                late_starters,
            )
            % {"count": late_starters}
        )
    return Signal("training.refreshers", TRAINING_MATRIX, "; ".join(parts) + ".", tuple(warnings))
