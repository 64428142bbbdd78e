"""A subcontractor's documents, uploaded by the lead provider or through the questionnaire."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from core.uploads import describe_content_type
from subcontractors.models.questionnaire import QuestionnaireLink
from subcontractors.models.questions import ReviewQuestion
from subcontractors.models.register import Subcontractor
from subcontractors.models.reviews import DueDiligenceReview, ReviewItem
from tenancy.models import TenantModel


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    INSURANCE = "insurance", _("Insurance")
    CONTRACT = "contract", _("Contract")
    OTHER = "other", _("Other")


def document_upload_to(instance: "SubcontractorDocument", filename: str) -> str:
    # Never the user's file name (kept in `original_filename`, sent back only on download).
    return f"subcontractors/{instance.organisation.code}/{uuid.uuid4()}"


class SubcontractorDocument(TenantModel):
    """A subcontractor's document, uploaded by the lead provider or through the questionnaire.
    Files are served only by permission-checked download views."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subcontractor = models.ForeignKey(
        Subcontractor, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=12, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=document_upload_to)
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(help_text=_("In bytes."))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)
    owner = person_field(help_text=_("The member reminded before it expires."))
    uploaded_by = person_field()
    review = models.ForeignKey(
        DueDiligenceReview,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    review_item = models.ForeignKey(
        ReviewItem, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    review_question = models.ForeignKey(
        ReviewQuestion, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    uploaded_via = models.ForeignKey(
        QuestionnaireLink,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set when the subcontractor uploaded it through a questionnaire link."),
    )
    archived_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    url_kwarg = "document_code"

    class Meta(TenantModel.Meta):
        verbose_name = "subcontractor document"
        ordering = ["title", "created_at"]
        indexes = [
            # Expiry reminders look documents up by organisation and expiry date.
            models.Index(fields=["organisation", "expires_on"], name="subcontractor_doc_expiry"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def file_type_label(self) -> str:
        return describe_content_type(self.content_type)

    @property
    def from_questionnaire(self) -> bool:
        return self.uploaded_via_id is not None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()

    @property
    def expires_soon(self) -> bool:
        warning = timezone.localdate() + timedelta(days=settings.EVIDENCE_EXPIRY_WARNING_DAYS)
        return self.expires_on is not None and not self.is_expired and self.expires_on <= warning
