"""What the dashboard and the cockpit are made of: numbers that link to the list behind them."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from tenancy.models import Organisation


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
