"""Starting and confirming a spreadsheet import (services; the views are `import_views`).

Confirming locks the batch row, checks every row again against the data as it is now, and
writes all of them in one transaction or none; a second confirm of the same batch (a double
click, another tab) finds it already applied and changes nothing.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.tabular import TableError
from training.import_checks import RowResult
from training.import_models import ImportBatch, ImportStatus
from training.imports import Preview, build_preview, guessed_mapping, read_upload
from training.models import Completion, StaffMember
from training.services import STAFF_FIELDS

BATCH_SIZE = 500


class ImportNotPending(Exception):
    """The batch was applied already, or has expired."""


class ImportConflict(Exception):
    """Someone changed the staff or completions while this import was being written."""


def import_batch_purge(*, organisation) -> int:
    """Delete the organisation's batches past their lifetime, and applied ones' leftovers."""
    cutoff = timezone.now() - ImportBatch.LIFETIME
    deleted, _ = (
        ImportBatch.objects.for_organisation(organisation).filter(created_at__lt=cutoff).delete()
    )
    return deleted


def import_batch_create(
    *, organisation, kind: str, filename: str, content: bytes, by
) -> ImportBatch:
    """Read the file into a new batch (the file itself is not kept). Raises TableError."""
    read = read_upload(content, kind)
    if not read.rows:
        raise TableError("The file has a header row but no rows under it.")
    import_batch_purge(organisation=organisation)
    batch = ImportBatch(
        organisation=organisation,
        kind=kind,
        filename=filename[:200],
        header_row=read.header_row,
        headers=read.headers,
        rows=read.rows,
        created_by=by,
    )
    batch.mapping = guessed_mapping(batch)
    batch.save()
    return batch


def import_batch_set_mapping(batch: ImportBatch, *, mapping: dict[str, int | None], by) -> None:
    ImportBatch.objects.for_organisation(batch.organisation_id).filter(
        pk=batch.pk, status=ImportStatus.PENDING
    ).update(mapping=mapping, updated_at=timezone.now())
    batch.mapping = mapping


def import_batch_apply(batch: ImportBatch, *, by, today: date) -> Preview:
    """Apply a batch whose preview has no errors. Returns the preview as checked now: if it has
    errors, nothing was written. Raises ImportNotPending, or ImportConflict (nothing written)."""
    try:
        with transaction.atomic():
            locked = (
                ImportBatch.objects.for_organisation(batch.organisation_id)
                .select_for_update()
                .filter(pk=batch.pk)
                .first()
            )
            if locked is None or locked.status != ImportStatus.PENDING or locked.is_expired:
                raise ImportNotPending
            preview = build_preview(locked, today=today)
            if not preview.can_confirm:
                return preview
            if locked.kind == "staff":
                _apply_staff(preview.rows, organisation_id=locked.organisation_id, by=by)
            else:
                _apply_completions(preview.rows, organisation_id=locked.organisation_id, by=by)
            locked.status = ImportStatus.APPLIED
            locked.applied_at = timezone.now()
            locked.summary = {k: v for k, v in preview.counts.items() if k != "error"}
            locked.rows, locked.headers = [], []  # the data is in the matrix now; drop the copy
            locked.save()
    except IntegrityError as exc:
        raise ImportConflict from exc
    batch.status, batch.summary = locked.status, locked.summary
    return preview


def _apply_staff(rows: list[RowResult], *, organisation_id: int, by) -> None:
    new = [
        StaffMember(organisation_id=organisation_id, created_by=by, **_staff_values(r.fields))
        for r in rows
        if r.action == "create"
    ]
    bulk_create_with_history(new, StaffMember, batch_size=BATCH_SIZE, default_user=by)
    updates = {r.target: r for r in rows if r.action == "update"}
    if not updates:
        return
    targets = StaffMember.objects.for_organisation(organisation_id).in_bulk(list(updates))
    for pk, person in targets.items():
        for key, value in _staff_values(updates[pk].fields).items():
            if value not in ("", None):
                setattr(person, key, value)
        person.updated_at = timezone.now()
    bulk_update_with_history(
        list(targets.values()),
        StaffMember,
        [*STAFF_FIELDS, "updated_at"],
        batch_size=BATCH_SIZE,
        default_user=by,
    )


def _staff_values(fields: dict) -> dict:
    return {k: fields[k] for k in STAFF_FIELDS}


def _apply_completions(rows: list[RowResult], *, organisation_id: int, by) -> None:
    new = [
        Completion(
            organisation_id=organisation_id,
            staff_id=r.fields["staff_id"],
            course_id=r.fields["course_id"],
            completed_on=r.fields["completed_on"],
            score=r.fields["score"],
            recorded_by=by,
        )
        for r in rows
        if r.action == "create"
    ]
    bulk_create_with_history(new, Completion, batch_size=BATCH_SIZE, default_user=by)
    updates = {r.target: r for r in rows if r.action == "update"}
    if not updates:
        return
    targets = Completion.objects.for_organisation(organisation_id).in_bulk(list(updates))
    for pk, completion in targets.items():
        completion.score = updates[pk].fields["score"]
        completion.updated_at = timezone.now()
    bulk_update_with_history(
        list(targets.values()),
        Completion,
        ["score", "updated_at"],
        batch_size=BATCH_SIZE,
        default_user=by,
    )
