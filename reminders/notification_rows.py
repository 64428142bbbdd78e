"""The notification list's items, drawn in Python.

A page of fifty notifications, each with a branch per kind, a `{% url %}`, a date format and
translated phrases, was most of the page's time (issue 17). These write the markup the template
wrote, with its phrases (the same msgids); each phrase is escaped whole with its values, as the
action plan's rows are (`actionplans.plan_rows`). `tests/reminders/test_notification_rows.py`
compares them with the template loop they replace.
"""

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext

from core.dates import short_date, short_date_time, short_day_month
from reminders.models import Kind, Notification

QUOTE_CHARS = 240


def _org(name: str, n: Notification, **kwargs) -> str:
    return reverse(name, kwargs={"org_slug": n.organisation.slug, **kwargs})


def _line(url: str, text: str, muted: str | SafeString) -> SafeString:
    return format_html('<p><a href="{}">{}</a> <span class="muted">{}</span></p>', url, text, muted)


def _handoff(handoff) -> SafeString:
    headline = format_html('<p><a href="{}">{}</a></p>', handoff.path, handoff.headline)
    if not handoff.quote:
        return headline
    return format_html(
        '{}\n<p class="muted notification-quote">{}: “{}”</p>',
        headline,
        handoff.quote_label,
        Truncator(handoff.quote).chars(QUOTE_CHARS),
    )


def _pack_link(n: Notification, link: Any) -> SafeString:  # a reporting.PackShareLink
    who = link.recipient_name or link.recipient
    text = gettext("Link for %(who)s") % {"who": who} if who else gettext("Link for an inspector")
    opened = link.first_opened_at
    when = short_date_time(opened) if opened else ""
    return _line(
        _org("reporting:pack_detail", n, pack_code=link.pack.code),
        text,
        gettext("first opened %(when)s") % {"when": when},
    )


def _reminder(n: Notification) -> SafeString:
    """What one of the sweep's reminders links to, and when it is due."""
    due = short_date(n.due_date) if n.due_date else ""
    if n.action:
        url = _org("actionplans:detail", n, action_code=n.action.code)
        return _line(url, n.action.title, gettext("due %(date)s") % {"date": due})
    if n.evidence:
        title = (
            gettext("A restricted evidence item (open it to see which)")
            if n.evidence.is_restricted
            else n.evidence.title
        )
        url = _org("evidence:detail", n, evidence_code=n.evidence.code)
        return _line(url, title, gettext("valid until %(date)s") % {"date": due})
    if n.subcontractor_document:
        document = n.subcontractor_document
        url = _org("subcontractors:detail", n, subcontractor_code=document.subcontractor.code)
        expires = gettext("expires %(date)s") % {"date": due}
        muted = format_html("{} · {}", document.subcontractor.name, expires)
        return _line(f"{url}#documents", document.title, muted)
    if n.pack_share_link:
        return _pack_link(n, n.pack_share_link)
    if n.risk:
        url = _org("registers:risk", n, risk_code=n.risk.code)
        return _line(url, n.risk.risk, gettext("review due %(date)s") % {"date": due})
    name = n.organisation.name
    if n.kind == Kind.TRAINING_REFRESHERS:
        text = gettext("Prevent training refreshers falling due at %(name)s") % {"name": name}
        month = date_format(n.due_date, "F Y") if n.due_date else ""
        return _line(_org("training:overdue", n), text, month)
    week = short_day_month(n.due_date) if n.due_date else ""
    return _line(
        _org("actionplans:index", n),
        gettext("The action plan of %(name)s") % {"name": name},
        gettext("week of %(date)s") % {"date": week},
    )


def notification_item(n: Notification, *, new: str) -> SafeString:
    """One notification's `<li>`: its kind, whether it is new, where and when, and its link.
    `new` is the "New" tag's word, translated once for the page."""
    unread = not n.read_at
    handoff = n.handoff
    return format_html(
        '<li class="notification{}">\n<p class="notification-kind">{}{} '
        '<span class="muted">· {} · {}</span></p>\n{}\n</li>',
        " unread" if unread else "",
        n.get_kind_display(),
        format_html(' <span class="tag">{}</span>', new) if unread else "",
        n.organisation.name,
        short_date_time(n.created_at, year=False),
        _handoff(handoff) if handoff else _reminder(n),
    )


def notification_items(notifications: Iterable[Notification]) -> SafeString:
    new = gettext("New")
    return format_html_join("\n", "{}", ((notification_item(n, new=new),) for n in notifications))
