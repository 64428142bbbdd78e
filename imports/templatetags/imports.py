"""`{% row_value row key %}`: a preview cell, as checked (a member's name, a date) or as typed."""

from datetime import date
from typing import Any

from django import template

from imports.checks import RowResult

register = template.Library()


@register.simple_tag
def row_value(row: RowResult, key: str) -> str:
    value: Any = row.fields.get(key)
    if isinstance(value, date):
        return f"{value.day} {value:%b %Y}"
    if hasattr(value, "display_name"):
        return str(value.display_name)
    if value not in (None, ""):
        return str(value)
    return row.values.get(key) or "—"
