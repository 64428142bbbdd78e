"""Bits of markup the tables drawn in Python share (see `actionplans.plan_rows`)."""

from django.utils.safestring import mark_safe

#: A cell with no value: a muted dash, as the templates write it.
NO_VALUE = mark_safe('<span class="muted">—</span>')
