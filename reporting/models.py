import uuid
from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.secret_links import LinkAccess, SecretLink, SecretLinkManager
from tenancy.models import TenantModel


class PackStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RENDERING = "rendering", _("Being generated")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


IN_PROGRESS = (PackStatus.QUEUED, PackStatus.RENDERING)
# What the retention job puts in place of a deleted link's token hash: never 64 hex digits, so
# no token hashes to it.
DEAD_LINK_MARK = "deleted:"


class StaffNames(models.TextChoices):
    NAMES = "names", _("Staff names")
    ROLES = "roles", _("Role titles instead of names")


def pack_upload_to(pack: "EvidencePack", filename: str) -> str:
    return f"packs/{pack.organisation.code}/{pack.code}.pdf"


class EvidencePack(TenantModel):
    """A generated PDF of one self-evaluation for inspectors. Earlier packs stay listed."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="packs"
    )
    status = models.CharField(max_length=20, choices=PackStatus.choices, default=PackStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=120, blank=True)
    is_draft = models.BooleanField(
        help_text=_("Generated before the self-evaluation was approved.")
    )
    snapshot_sha256 = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to=pack_upload_to, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    generated_at = models.DateTimeField(null=True, blank=True)
    # The render's lease (see reporting.services.pack_render): when it was requested or last
    # retried, when a task was last sent for it, which attempt is rendering and since when.
    queued_at = models.DateTimeField(default=timezone.now)
    last_sent_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    render_claimed_at = models.DateTimeField(null=True, blank=True)
    # What the provider chose to put in it (reporting.forms.PackOptionsForm).
    staff_names = models.CharField(
        max_length=10, choices=StaffNames.choices, default=StaffNames.NAMES
    )
    include_history = models.BooleanField(default=True)
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the pack is written in, chosen when it was generated."),
    )
    # Set when the retention job deleted the PDF (reporting.retention): the row, its SHA-256
    # and the share links' access log stay as the record that the pack existed.
    deleted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["progress", "stage", "last_sent_at"])
    url_kwarg = "pack_code"

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
        # The recovery job reads only unfinished packs, every minute.
        indexes = [
            models.Index(
                fields=["status"],
                condition=models.Q(status__in=IN_PROGRESS),
                name="pack_in_progress",
            )
        ]

    def __str__(self) -> str:
        return f"Evidence pack of {self.assessment} ({self.created_at:%d %b %Y %H:%M})"

    @property
    def filename(self) -> str:
        draft = "-DRAFT" if self.is_draft else ""
        return f"evidence-pack-{self.organisation.slug}-{self.created_at:%Y%m%d-%H%M}{draft}.pdf"


class PackShareLink(SecretLink, TenantModel):
    """A link that opens one pack without an account: expiring, revocable, every access logged."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pack = models.ForeignKey(EvidencePack, on_delete=models.CASCADE, related_name="share_links")
    recipient = models.CharField(
        max_length=200, blank=True, help_text=_("Who it was given to, e.g. the lead inspector.")
    )
    # A link bound to a recipient opens only after a one-time code emailed to them
    # (reporting.share_codes); its PDF names them at the foot of every page.
    recipient_name = models.CharField(max_length=150, blank=True)
    recipient_email = models.EmailField(blank=True)
    first_opened_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(
        null=True, blank=True, help_text=_("Too many wrong codes: no code is accepted until then.")
    )
    expires_at = models.DateTimeField()  # every pack link expires
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    unscoped: ClassVar[SecretLinkManager[Self]] = SecretLinkManager()
    history = HistoricalRecords(excluded_fields=SecretLink.UNTRACKED_FIELDS)
    url_kwarg = "share_code"

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]

    @property
    def is_deleted(self) -> bool:
        """Its token was deleted by the retention job (reporting.retention)."""
        return self.token_hash.startswith(DEAD_LINK_MARK)

    @property
    def is_bound(self) -> bool:
        return bool(self.recipient_email)

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


class AccessEvent(models.TextChoices):
    OPENED = "opened", _("Opened the PDF")
    CODE_SENT = "code_sent", _("Code sent")
    CODE_WRONG = "code_wrong", _("Wrong code")
    LOCKED = "locked", _("Locked after wrong codes")
    CODE_ACCEPTED = "code_accepted", _("Code accepted")


class PackAccess(LinkAccess, TenantModel):
    link = models.ForeignKey(PackShareLink, on_delete=models.CASCADE, related_name="accesses")
    event = models.CharField(max_length=20, choices=AccessEvent.choices, default=AccessEvent.OPENED)

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]


class ShareCode(TenantModel):
    """A one-time code emailed to a bound link's recipient: six digits, kept only as an HMAC
    (keyed with SECRET_KEY, so a database copy alone cannot try the million codes), expiring
    after ten minutes, spent after a few wrong tries or one right one."""

    link = models.ForeignKey(PackShareLink, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]


class ProviderAttention(TenantModel):
    """A provider's attention score as last computed for its account managers' cockpit
    (reporting.attention): the order of the portfolio, so the page reads one page of providers
    instead of computing every provider's figures. The figures shown are computed live for the
    providers on the page; this only decides which providers those are."""

    score = models.PositiveIntegerField()
    computed_on = models.DateField(help_text=_("The day whose overdue work the score counts."))
    computed_at = models.DateTimeField()

    class Meta(TenantModel.Meta):
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="reporting_attention_one_each")
        ]
