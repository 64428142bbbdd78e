"""Starting and confirming an import (the views are `imports.views`).

Confirming locks the job, checks every row again against the records as they are now, and
writes all of them through the owning app's services in one transaction, or none of them; a
second confirm of the same job (a double click, another tab) finds it applied and does nothing.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from imports.checks import CREATE, ERROR, UPDATE
from imports.models import ImportJob, ImportStatus
from imports.preview import Preview, build_preview, guessed_mapping, read_upload
from imports.registry import Importer
from tenancy.models import Organisation


class ImportNotPending(Exception):
    """The job was applied already, or has expired."""


class ImportConflict(Exception):
    """Someone changed the same records while this import was being written."""


def import_job_purge(*, organisation: Organisation) -> int:
    """Delete the organisation's jobs past their lifetime (applied ones keep no rows anyway)."""
    cutoff = timezone.now() - ImportJob.LIFETIME
    deleted, _ = (
        ImportJob.objects.for_organisation(organisation).filter(created_at__lt=cutoff).delete()
    )
    return deleted


def import_job_create(
    *, organisation: Organisation, importer: Importer, filename: str, content: bytes, by: Any
) -> ImportJob:
    """Read the file into a new job (the file itself is not kept). Raises TableError."""
    read = read_upload(content, importer)
    import_job_purge(organisation=organisation)
    job = ImportJob(
        organisation=organisation,
        kind=importer.key,
        filename=filename[:200],
        header_row=read.header_row,
        headers=read.headers,
        rows=read.rows,
        mapping=guessed_mapping(read.headers, importer),
        created_by=by,
    )
    job.save()
    return job


def import_job_set_mapping(job: ImportJob, *, mapping: dict[str, int | None], by: Any) -> None:
    ImportJob.objects.for_organisation(job.organisation_id).filter(
        pk=job.pk, status=ImportStatus.PENDING
    ).update(mapping=mapping, updated_at=timezone.now())
    job.mapping = mapping


def import_job_apply(job: ImportJob, importer: Importer, *, by: Any) -> Preview:
    """Apply a job whose preview has no errors. Returns the preview as checked now: if it has
    errors (found again, or raised by a service while writing), nothing was written.
    Raises ImportNotPending, or ImportConflict (nothing written)."""
    try:
        with transaction.atomic():
            locked = (
                ImportJob.objects.for_organisation(job.organisation_id)
                .select_for_update()
                .select_related("organisation")
                .filter(pk=job.pk)
                .first()
            )
            if locked is None or locked.status != ImportStatus.PENDING or locked.is_expired:
                raise ImportNotPending
            preview = build_preview(locked, importer, by=by)
            if not preview.can_confirm:
                return preview
            if not _write_rows(preview, importer, organisation=locked.organisation, by=by):
                transaction.set_rollback(True)
                return preview
            locked.status = ImportStatus.APPLIED
            locked.applied_at = timezone.now()
            locked.summary = {k: v for k, v in preview.counts.items() if k != ERROR}
            locked.rows, locked.headers = [], []  # the records hold it now; drop the copy
            locked.save()
    except IntegrityError as exc:
        raise ImportConflict from exc
    job.status, job.summary, job.applied_at = locked.status, locked.summary, locked.applied_at
    return preview


def _write_rows(preview: Preview, importer: Importer, *, organisation: Organisation, by: Any):
    """The new and changed rows through the importer (its app's services, one by one or in
    bulk). False, with the errors on their rows, if a service refused any row."""
    rows = [row for row in preview.rows if row.action in (CREATE, UPDATE)]
    return importer.apply_rows(rows, organisation=organisation, by=by)
