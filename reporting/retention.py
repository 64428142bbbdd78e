"""Evidence packs and share links are deleted after PACK_RETENTION_DAYS (default 365).

What goes: the pack's PDF (from storage), the stamped copies served from it (reporting.copies)
and every share link's token (the stored hash is replaced by a marker no token hashes to, so the
link is dead for good; its one-time codes are deleted). What stays: the pack's row with its
SHA-256, page count and dates, marked `deleted_at` (the pages say "deleted after N days"), and
each link's access log.

Share links older than the period are neutralised the same way even if their pack is younger.

Exactly once and safe beside another run: each batch locks its packs with
`SELECT ... FOR UPDATE SKIP LOCKED` (a second run takes other rows), marks them in the same
transaction and deletes the files only once it commits; deleting a missing file is harmless.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from reporting.copies import copies_delete
from reporting.models import (
    DEAD_LINK_MARK,
    IN_PROGRESS,
    EvidencePack,
    PackShareLink,
    ShareCode,
)

BATCH = 200


def _delete_files(storage: Any, names: Iterable[str]) -> None:
    for name in names:
        storage.delete(name)  # a file already gone is fine


def _kill_links(links, now: datetime) -> int:
    """Replace the links' token hashes and stop them; returns how many."""
    ids = list(links.exclude(token_hash__startswith=DEAD_LINK_MARK).values_list("pk", flat=True))
    if not ids:
        return 0
    ShareCode.unscoped.filter(link_id__in=ids).delete()  # every tenant's, by link
    return PackShareLink.unscoped.filter(pk__in=ids).update(
        token_hash=Concat(Value(DEAD_LINK_MARK), Cast("code", CharField())),
        revoked_at=Coalesce("revoked_at", Value(now)),
    )


def packs_retention_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Delete packs and links older than the retention period; returns the counts."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PACK_RETENTION_DAYS)
    storage = EvidencePack._meta.get_field("file").storage
    packs = links = 0
    while True:
        with transaction.atomic():
            old = EvidencePack.unscoped.filter(created_at__lt=cutoff, deleted_at=None).exclude(
                status__in=IN_PROGRESS
            )
            batch = list(
                old.select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", "file", "code")[:BATCH]
            )
            if not batch:
                break
            ids = [pk for pk, _, _ in batch]
            names = [name for _, name, _ in batch if name]
            EvidencePack.unscoped.filter(pk__in=ids).update(file="", deleted_at=now)
            links += _kill_links(PackShareLink.unscoped.filter(pack_id__in=ids), now)
            transaction.on_commit(partial(_delete_files, storage, names))
            # and the stamped copies served from them (reporting.copies)
            transaction.on_commit(partial(copies_delete, [code for _, _, code in batch]))
            packs += len(ids)
    with transaction.atomic():
        old_links = PackShareLink.unscoped.filter(created_at__lt=cutoff)
        links += _kill_links(old_links.select_for_update(skip_locked=True), now)
    return {"packs": packs, "links": links}
