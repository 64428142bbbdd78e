"""My work's action cards, drawn in Python.

A full page of fifty cards, each with two includes, a dozen template variables and five
translated phrases, was most of the page's time (issue 17). These write the markup the template
wrote, with its phrases (the same msgids); each phrase is escaped whole with its values, as the
plan's rows are (`actionplans.plan_rows`). `tests/actionplans/test_my_action_cards.py` compares
them with the template loop they replace.
"""

from collections.abc import Iterable
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext

from actionplans.models import Action
from actionplans.plan_rows import overdue_tag, status_tag
from core.dates import short_date, short_day_month

LATEST_COMMENT_CHARS = 120


def _due(action: Action, days: int) -> SafeString:
    due = gettext("Due %(date)s") % {"date": short_date(action.due_date)}
    if not days:
        return format_html("{}", due)
    return format_html("{} {}", due, overdue_tag(days))


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


def my_action_card(action: Action, *, org_slug: str, today: date) -> SafeString:
    """One open action's `<li>` card (its `can_update` set by `my_actions_mark`)."""
    days = action.days_overdue(today)
    url = reverse("actionplans:detail", kwargs={"org_slug": org_slug, "action_code": action.code})
    return format_html(
        '<li class="card action-card{}">\n<h3><a href="{}">{}</a></h3>\n<p>\n{}\n'
        '<span class="tag tag-priority-{}">{}</span>\n{}\n{}\n</p>\n'
        '<p class="muted">{}</p>\n{}\n</li>',
        " is-overdue" if days else "",
        url,
        action.title,
        status_tag(action),
        action.priority,
        gettext("%(priority)s priority") % {"priority": action.get_priority_display()},
        _due(action, days),
        _where(action),
        _latest(action),
        _record_progress(action, url),
    )


def my_action_cards(actions: Iterable[Action], *, org_slug: str, today: date) -> SafeString:
    cards = ((my_action_card(a, org_slug=org_slug, today=today),) for a in actions)
    return format_html_join("\n", "{}", cards)
