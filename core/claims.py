"""Exactly-once work on a row: whoever wins a conditional update may do it.

A claim is free when it was never taken, or when the worker that took it has been silent for
longer than the lease (it died); so two workers never both act, and a crash is retried.
"""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

CLAIM_LEASE = timedelta(minutes=15)


def claimable(field: str, now=None) -> Q:
    now = now or timezone.now()
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": now - CLAIM_LEASE})


def claim(rows: QuerySet, field: str) -> bool:
    """Stamp `field` on the single row of `rows` if it is claimable; True if this caller won."""
    now = timezone.now()
    return rows.filter(claimable(field, now)).update(**{field: now}) == 1
