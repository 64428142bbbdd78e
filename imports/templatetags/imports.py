"""`{% row_value row key model %}`: a preview cell, as checked (a member's name, a date, a
choice's label) or as typed."""

from datetime import date
from typing import Any

from django import template
from django.utils.formats import date_format

from imports.checks import RowResult, choice_label

register = template.Library()


@register.simple_tag
def row_value(row: RowResult, key: str, model: Any = None) -> str:
    value: Any = choice_label(model, key, row.fields.get(key))
    if isinstance(value, date):
        return date_format(value, "j M Y")
    if hasattr(value, "display_name"):
        return str(value.display_name)
    if value not in (None, ""):
        return str(value)
    return row.values.get(key) or "—"
