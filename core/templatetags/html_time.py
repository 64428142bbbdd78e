"""Machine-readable times for `<time datetime>` and document metadata.

Django's `|date:"c"` keeps microseconds (`2026-12-01T11:04:05.123456+00:00`), which HTML
rejects: a valid datetime has at most three digits of fractions. This filter is the one place
that formats them: `<time datetime="{{ value|html_datetime }}">`.
"""

from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def html_datetime(value: date | datetime | None) -> str:
    """A datetime in local time to the second with its offset (a naive one without), or a
    date as YYYY-MM-DD; empty for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    return value.isoformat()
