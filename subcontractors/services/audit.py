"""Saving with the audit trail's "who", also outside a request (tasks, the demo seed)."""

from django.db import models


def save_as(instance: models.Model, *, by, update_fields: list[str] | None = None) -> None:
    if by is not None:
        instance._history_user = by  # read by django-simple-history's post_save
    instance.save(update_fields=update_fields)
