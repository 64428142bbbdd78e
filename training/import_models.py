"""A spreadsheet import waiting to be confirmed: the parsed cells, never the uploaded file.

The file is read once, at upload; its cells wait here (scoped to the organisation) while the
person maps the columns and looks at the preview. Confirming applies them and clears the cells;
a batch not confirmed within `ImportBatch.LIFETIME` is deleted at the next upload and never
shown again. No history is kept: a historical copy would keep the data this row exists to drop.
"""

import uuid
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import person_field
from tenancy.models import TenantModel


class ImportKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    COMPLETIONS = "completions", _("Training completions")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    APPLIED = "applied", _("Imported")


class ImportBatch(TenantModel):
    LIFETIME = timedelta(hours=2)

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    filename = models.CharField(max_length=200, blank=True)
    header_row = models.PositiveIntegerField(help_text="The spreadsheet's row number.")
    headers = models.JSONField(default=list)
    #: [[spreadsheet row number, [cell, ...]], ...] for every non-empty row under the header.
    rows = models.JSONField(default=list)
    #: field key -> column index, once the person has chosen (empty: not chosen yet).
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    #: {"created": n, "updated": n, "unchanged": n} once applied.
    summary = models.JSONField(default=dict, blank=True)
    created_by = person_field()
    applied_at = models.DateTimeField(null=True, blank=True)

    url_kwarg = "batch_code"

    class Meta(TenantModel.Meta):
        ordering = ["-created_at", "-pk"]
        verbose_name = "spreadsheet import"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import {self.filename}"

    @property
    def expires_at(self):
        return self.created_at + self.LIFETIME

    @property
    def is_expired(self) -> bool:
        return self.status == ImportStatus.PENDING and timezone.now() >= self.expires_at

    @property
    def row_count(self) -> int:
        return len(self.rows)
