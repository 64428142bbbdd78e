"""My work's action cards, drawn in Python.

A full page of fifty cards, each with two includes, a dozen template variables and five
translated phrases, was most of the page's time (issue 17). These write the markup the template
wrote, with its phrases (the same msgids); each phrase is escaped whole with its values, as the
plan's rows are (`actionplans.plan_rows`). `tests/actionplans/test_my_action_cards.py` compares
them with the template loop they replace.
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from actionplans.models import Action
from core.dates import short_date, short_day_month

LATEST_COMMENT_CHARS = 120


def _due(action: Action) -> SafeString:
    due = gettext("Due %(date)s") % {"date": short_date(action.due_date)}
    days = action.overdue_days  # type: ignore[attr-defined]  # set by my_actions_mark
    if not days:
        return format_html("{}", due)
    late = ngettext("%(days)s day overdue", "%(days)s days overdue", days) % {"days": days}
    return format_html('{} <span class="tag tag-danger">{}</span>', due, late)


def _where(action: Action) -> SafeString | str:
    if action.criterion is None:
        return ""
    benchmark = f" {action.benchmark.code}" if action.benchmark else ""
    return format_html('<span class="muted"> · {}{}</span>', action.criterion.code, benchmark)


def _latest(action: Action) -> str:
    comment = getattr(action, "latest_comment", None)
    if not comment:
        return gettext("No updates yet.")
    return gettext("Latest update (%(date)s): %(comment)s") % {
        "date": short_day_month(timezone.localtime(action.latest_update_at)),  # type: ignore[attr-defined]  # annotated
        "comment": Truncator(comment).chars(LATEST_COMMENT_CHARS),
    }


def _record_progress(action: Action, url: str) -> SafeString | str:
    if not action.can_update:  # type: ignore[attr-defined]  # set by my_actions_mark
        return ""
    return format_html(
        '<p><a href="{}#progress">{}<span class="visually-hidden"> {}</span></a></p>',
        url,
        gettext("Record progress"),
        gettext("on “%(title)s”") % {"title": action.title},
    )


def my_action_card(action: Action, *, org_slug: str) -> SafeString:
    """One open action's `<li>` card, marked by `my_actions_mark`."""
    url = reverse("actionplans:detail", kwargs={"org_slug": org_slug, "action_code": action.code})
    return format_html(
        '<li class="card action-card{}">\n<h3><a href="{}">{}</a></h3>\n<p>\n'
        '<span class="tag tag-action-{}">{}</span>\n'
        '<span class="tag tag-priority-{}">{}</span>\n{}\n{}\n</p>\n'
        '<p class="muted">{}</p>\n{}\n</li>',
        " is-overdue" if action.overdue_days else "",  # type: ignore[attr-defined]
        url,
        action.title,
        action.status,
        action.get_status_display(),
        action.priority,
        gettext("%(priority)s priority") % {"priority": action.get_priority_display()},
        _due(action),
        _where(action),
        _latest(action),
        _record_progress(action, url),
    )


def my_action_cards(actions: Iterable[Action], *, org_slug: str) -> SafeString:
    return format_html_join("\n", "{}", ((my_action_card(a, org_slug=org_slug),) for a in actions))
