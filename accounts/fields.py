"""Model fields several apps declare the same way."""

from typing import Any

from django.db import models

from accounts.models import User


def person_field(**options: Any) -> "models.ForeignKey[User | None, User | None]":
    """A link to the person who did or owns something. Optional, no reverse accessor, and kept
    (emptied) when the account is deleted, so the record and its history survive them."""
    return models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )
