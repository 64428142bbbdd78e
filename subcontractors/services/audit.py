"""Saving with the audit trail's "who", also outside a request (tasks, the demo seed)."""

from django.db import models


def save_as(instance: models.Model, *, by, update_fields: list[str] | None = None) -> None:
    if by is not None:
        instance._history_user = by  # type: ignore[attr-defined]  # simple-history reads it
    instance.save(update_fields=update_fields)
