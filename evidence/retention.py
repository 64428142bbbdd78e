"""Superseded evidence files are deleted after their retention period.

Replacing an item's file keeps the old one in storage, named only by the item's history rows
(the item now names the new file). Once a file has been superseded for
EVIDENCE_SUPERSEDED_RETENTION_DAYS, this sweep deletes it from storage and blanks its name in
those history rows; their SHA-256, dates and who changed what stay, so the history still says a
file with that fingerprint was replaced then. The item's current file is never touched.

Exactly once and safe beside another sweep: each batch locks its history rows with
`SELECT ... FOR UPDATE SKIP LOCKED` (a second sweep takes other rows), blanks the names in the
same transaction, and deletes the files only after it commits; deleting a file already gone is
harmless.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from evidence.models import EvidenceItem

BATCH = 200


def _delete_files(storage: Any, names: Iterable[str]) -> None:
    for name in names:
        storage.delete(name)  # a file already gone is fine


def _superseded_before(cutoff: datetime):
    """History rows naming a file that a later save replaced before `cutoff`."""
    history = EvidenceItem.history.model
    replaced_at = (
        history.objects.filter(id=OuterRef("id"), history_id__gt=OuterRef("history_id"))
        .exclude(file=OuterRef("file"))
        .order_by("history_date")
        .values("history_date")[:1]
    )
    still_current = EvidenceItem.unscoped.filter(pk=OuterRef("id"), file=OuterRef("file"))
    return (
        history.objects.exclude(file="")
        .annotate(replaced_at=Subquery(replaced_at))
        .filter(replaced_at__lt=cutoff)
        .exclude(Exists(still_current))
    )


def superseded_files_sweep(*, now: datetime | None = None) -> int:
    """Delete files superseded longer than the retention period; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.EVIDENCE_SUPERSEDED_RETENTION_DAYS)
    history = EvidenceItem.history.model
    storage = EvidenceItem._meta.get_field("file").storage
    deleted = 0
    while True:
        with transaction.atomic():
            ids = list(
                _superseded_before(cutoff).order_by("history_id").values("history_id")[:BATCH]
            )
            rows = history.objects.filter(history_id__in=[r["history_id"] for r in ids])
            locked = list(rows.select_for_update(skip_locked=True).values_list("id", "file"))
            if not locked:
                return deleted
            names = {name for _, name in locked}
            items = {item_id for item_id, _ in locked}
            history.objects.filter(id__in=items, file__in=names).update(file="")
            transaction.on_commit(partial(_delete_files, storage, names))
            deleted += len(names)
