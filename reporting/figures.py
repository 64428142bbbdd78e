"""What the dashboard and the cockpit are made of: numbers that link to the list behind them."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.safestring import mark_safe

from tenancy.models import Organisation

#: A table's zero, shown quietly (the dashboard's and the cockpit's count cells).
NONE_SHOWN = mark_safe('<span class="muted">0</span>')


@dataclass
class Figure:
    """One number on the dashboard and the filtered list behind it."""

    key: str
    label: str
    count: int
    url: str


def org_url(name: str, organisation: Organisation, query: str = "", **kwargs: Any) -> str:
    """The URL of one of `organisation`'s pages, with an optional query string."""
    url = reverse(name, kwargs={"org_slug": organisation.slug, **kwargs})
    return f"{url}?{query}" if query else url
