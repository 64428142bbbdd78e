"""The action plan's table rows, drawn in Python.

Fifty rows of a dozen template variables, two includes and translated phrases each were more
than half of the plan's rendering (issue 17). These write the markup the template wrote, with
its phrases (the same msgids, so the Welsh catalogue serves both). Each phrase is escaped
whole, its values with it, as the cockpit's rows are (`reporting.cockpit_html`): the same text,
but an apostrophe in a Welsh phrase is written `&#x27;`.
`tests/actionplans/test_plan_rows.py` compares them with the template they replace.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from actionplans.models import Action, ActionStatus
from core.dates import short_date, short_day_month
from core.markup import NO_VALUE

LATEST_UPDATE_CHARS = 90


@dataclass(frozen=True)
class Labels:
    """The columns' labels (each cell's `data-label`, for the stacked layout on phones)."""

    criterion: str
    owner: str
    due: str
    priority: str
    status: str
    latest_update: str

    @classmethod
    def translated(cls) -> "Labels":
        return cls(
            gettext("Criterion"),
            gettext("Owner"),
            gettext("Due"),
            gettext("Priority"),
            gettext("Status"),
            gettext("Latest update"),
        )


def _select_cell(action: Action) -> SafeString:
    label = gettext("Select “%(title)s”") % {"title": action.title}
    return format_html(
        '<td class="select-cell"><input type="checkbox" name="actions" value="{}" '
        'id="select-{}"><label class="visually-hidden" for="select-{}">{}</label></td>',
        action.code,
        action.code,
        action.code,
        label,
    )


def _criterion(action: Action) -> SafeString:
    criterion, benchmark = action.criterion, action.benchmark
    if criterion is None:
        return NO_VALUE
    code = format_html(' <span class="muted">{}</span>', benchmark.code) if benchmark else ""
    return format_html('<abbr title="{}">{}</abbr>{}', criterion.shown_title, criterion.code, code)


def overdue_tag(days: int) -> SafeString:
    """The "N days overdue" tag (`_overdue_tag.html`), for an action `days` late."""
    late = ngettext("%(days)s day overdue", "%(days)s days overdue", days) % {"days": days}
    return format_html('<span class="tag tag-danger">{}</span>', late)


def status_tag(action: Action) -> SafeString:
    """The action's status as a tag (`_status_tag.html`)."""
    return format_html(
        '<span class="tag tag-action-{}">{}</span>', action.status, action.get_status_display()
    )


def _due(action: Action, days: int) -> SafeString:
    if not days:
        return format_html("{}", short_date(action.due_date))
    return format_html("{} {}", short_date(action.due_date), overdue_tag(days))


def _status(action: Action) -> SafeString:
    tag = status_tag(action)
    if action.status == ActionStatus.DONE and action.completed_on:
        return format_html(
            '{} <span class="muted completed-on">{}</span>',
            tag,
            short_day_month(action.completed_on),
        )
    return tag


def _latest_update(action: Action) -> SafeString:
    comment = getattr(action, "latest_comment", None)
    if not comment:
        return format_html('<span class="muted">{}</span>', gettext("No updates yet"))
    when: datetime = action.latest_update_at  # type: ignore[attr-defined]  # annotated
    return format_html(
        '{} <span class="muted">({})</span>',
        Truncator(comment).chars(LATEST_UPDATE_CHARS),
        short_day_month(timezone.localtime(when)),
    )


def plan_row(
    action: Action, *, org_slug: str, today: date, can_manage: bool, labels: Labels
) -> SafeString:
    """One action's `<tr>` of the plan's table."""
    days = action.days_overdue(today)
    url = reverse("actionplans:detail", kwargs={"org_slug": org_slug, "action_code": action.code})
    owner = action.owner
    shown_owner = (owner.display_name if owner is not None else "") or gettext("Nobody")
    return format_html(
        '\n        <tr class="{}">\n          {}\n'
        '          <th scope="row"><a href="{}">{}</a></th>\n'
        '          <td data-label="{}">{}</td>\n'
        '          <td data-label="{}">{}</td>\n'
        '          <td data-label="{}">{}</td>\n'
        '          <td data-label="{}"><span class="tag tag-priority-{}">{}</span></td>\n'
        '          <td data-label="{}">{}</td>\n'
        '          <td data-label="{}" class="latest-update">{}</td>\n'
        "        </tr>\n      ",
        "is-overdue" if days else "",
        _select_cell(action) if can_manage else "",
        url,
        action.title,
        labels.criterion,
        _criterion(action),
        labels.owner,
        shown_owner,
        labels.due,
        _due(action, days),
        labels.priority,
        action.priority,
        action.get_priority_display(),
        labels.status,
        _status(action),
        labels.latest_update,
        _latest_update(action),
    )
