"""A spreadsheet import waiting to be confirmed: the parsed cells, never the uploaded file.

The file is read once, at upload (`core.tabular`); its cells wait here, scoped to the
organisation and addressed by a UUID code, while the person maps the columns and looks at the
preview. Nothing on those pages comes back from the browser but the mapping, so the rows cannot
be altered between the preview and the confirmation. Confirming applies the rows through the
owning app's services and clears the cells; a job not confirmed within `ImportJob.LIFETIME` is
never shown again and is deleted at the organisation's next upload. No history is kept: a
historical copy would keep the data this row exists to drop.
"""

import uuid
from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import person_field
from tenancy.models import TenantModel


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    APPLIED = "applied", _("Imported")


class ImportJob(TenantModel):
    LIFETIME = timedelta(hours=2)

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    #: The importer's key (`imports.registry`): "actions", "subcontractors", ...
    kind = models.CharField(max_length=30)
    filename = models.CharField(max_length=200, blank=True)
    header_row = models.PositiveIntegerField(help_text=_("The spreadsheet's row number."))
    headers = models.JSONField(default=list)
    #: [[spreadsheet row number, [cell, ...]], ...] for every non-empty row under the header.
    rows = models.JSONField(default=list)
    #: field key -> column index (None: not in the file), guessed at upload, then the person's.
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    #: {"create": n, "update": n, "unchanged": n} once applied.
    summary = models.JSONField(default=dict, blank=True)
    created_by = person_field()
    applied_at = models.DateTimeField(null=True, blank=True)

    url_kwarg = "job_code"

    class Meta(TenantModel.Meta):
        ordering = ["-created_at", "-pk"]
        verbose_name = _("spreadsheet import")

    def __str__(self) -> str:
        return f"{self.kind} import {self.filename}"

    @property
    def expires_at(self) -> datetime:
        return self.created_at + self.LIFETIME

    @property
    def is_expired(self) -> bool:
        return self.status == ImportStatus.PENDING and timezone.now() >= self.expires_at

    @property
    def row_count(self) -> int:
        return len(self.rows)
