"""Exactly-once work on a row: whoever wins a conditional update may do it.

A claim is free when it was never taken, or when the worker that took it has been silent for
longer than the lease (it died); so two workers never both act, and a crash is retried.
"""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

CLAIM_LEASE = timedelta(minutes=15)


def claimable(field: str, now: datetime | None = None, lease: timedelta = CLAIM_LEASE) -> Q:
    now = now or timezone.now()
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": now - lease})


def claim(
    rows: QuerySet[Any],
    field: str,
    *,
    now: datetime | None = None,
    lease: timedelta = CLAIM_LEASE,
    **changes: Any,
) -> bool:
    """Stamp `field` (with `now`) on the single row of `rows` if it is claimable, applying
    `changes` in the same update; True if this caller won. The stamp is the winner's token."""
    now = now or timezone.now()
    won = rows.filter(claimable(field, now, lease)).update(**{field: now}, **changes)
    return won == 1
