import uuid
from datetime import date, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from core.uploads import describe_content_type
from tenancy.models import TenantModel
from tenancy.roles import Perm


class EvidenceKind(models.TextChoices):
    FILE = "file", _("Uploaded file")
    LINK = "link", _("Link")


_Q = TypeVar("_Q", bound=models.Model)


class Sensitivity(models.TextChoices):
    NORMAL = "normal", _("Normal")
    RESTRICTED = "restricted", _("Restricted (held by the DSL)")


def sees_restricted(access: Any) -> bool:
    """The one rule: restricted evidence is for holders of VIEW_RESTRICTED_EVIDENCE (the
    designated safeguarding lead and senior leaders), never for anyone else or a pack."""
    return access is not None and access.can(Perm.VIEW_RESTRICTED_EVIDENCE)


def only_visible(items: "QuerySet[_Q]", access: Any) -> "QuerySet[_Q]":
    """`items` (evidence, or rows with a `sensitivity`) as `access` may see them listed or open."""
    return items if sees_restricted(access) else items.filter(sensitivity=Sensitivity.NORMAL)


def evidence_upload_to(instance: "EvidenceItem", filename: str) -> str:
    # Never the user's file name: it is kept in `original_filename` and only ever sent back in
    # the download's Content-Disposition. Files live under the organisation's code.
    return f"evidence/{instance.organisation.code}/{uuid.uuid4()}"


class EvidenceItem(TenantModel):
    """One document in an organisation's evidence library: an uploaded file or a link."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=8, choices=EvidenceKind.choices)

    file = models.FileField(upload_to=evidence_upload_to, blank=True)
    original_filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(
        max_length=120, blank=True, help_text=_("The type detected from the file's content.")
    )
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text=_("In bytes."))
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    url = models.URLField(_("web address"), max_length=1000, blank=True)

    owner = person_field(help_text=_("The person responsible for keeping it current."))
    effective_date = models.DateField(
        help_text=_("The date the document is effective from (not the date it was uploaded).")
    )
    valid_until = models.DateField(null=True, blank=True)
    uploaded_by = person_field()
    archived_at = models.DateTimeField(null=True, blank=True)
    sensitivity = models.CharField(
        max_length=12,
        choices=Sensitivity.choices,
        default=Sensitivity.NORMAL,
        help_text=_(
            "Restricted items are seen only by the designated safeguarding lead and "
            "senior leaders, and never appear in packs."
        ),
    )

    history = HistoricalRecords()
    url_kwarg = "evidence_code"

    class Meta(TenantModel.Meta):
        verbose_name = "evidence item"
        ordering = ["-effective_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (models.Q(kind=EvidenceKind.FILE) & ~models.Q(sha256=""))
                    | (models.Q(kind=EvidenceKind.LINK) & ~models.Q(url=""))
                ),
                name="evidence_item_file_has_sha256_link_has_url",
                violation_error_message=_(
                    "A file needs its checksum and a link needs its address."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(valid_until__isnull=True)
                    | models.Q(valid_until__gte=models.F("effective_date"))
                ),
                name="evidence_item_valid_until_after_effective_date",
                violation_error_message=_("“Valid until” must be on or after the effective date."),
            ),
        ]
        indexes = [
            # Expiry reminders and the "expiring"/"expired" filters look up an organisation's
            # items by how long they stay valid.
            models.Index(
                fields=["organisation", "valid_until"], name="evidence_item_org_valid_until"
            ),
            # The cockpit reads each provider's latest change: one index probe, not a sort.
            models.Index(fields=["organisation", "updated_at"], name="evidence_item_org_updated"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "evidence:detail",
            kwargs={"org_slug": self.organisation.slug, "evidence_code": self.code},
        )

    @property
    def is_restricted(self) -> bool:
        return self.sensitivity == Sensitivity.RESTRICTED

    def is_visible_to(self, access: Any) -> bool:
        return not self.is_restricted or sees_restricted(access)

    @property
    def is_file(self) -> bool:
        return self.kind == EvidenceKind.FILE

    @property
    def is_link(self) -> bool:
        return self.kind == EvidenceKind.LINK

    @property
    def file_type_label(self) -> str:
        return describe_content_type(self.content_type) if self.is_file else ""

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()

    @property
    def expires_soon(self) -> bool:
        """Still valid, but not for longer than the warning period."""
        return (
            self.valid_until is not None
            and not self.is_expired
            and self.valid_until <= expiry_warning_date()
        )


def expiry_warning_date() -> date:
    """Items valid until this date or earlier (and not yet expired) "expire soon"."""
    return timezone.localdate() + timedelta(days=settings.EVIDENCE_EXPIRY_WARNING_DAYS)


class EvidenceDownload(TenantModel):
    """One opening of a restricted item's file or link: who and when (shown to the DSL)."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="downloads")
    user = person_field()

    class Meta(TenantModel.Meta):
        verbose_name = "restricted evidence download"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["item", "-created_at"], name="evidence_download_item")]

    def __str__(self) -> str:
        return f"{self.item_id} by {self.user_id} at {self.created_at:%Y-%m-%d %H:%M}"
