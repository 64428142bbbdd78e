"""The questionnaire a subcontractor answers: its secret links, their use, and the emails
that carry them. The link's token is kept only as a SHA-256 hash; every use of a link is logged
in `QuestionnaireAccess`."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from core.secret_links import LinkAccess, SecretLink, SecretLinkQuerySet
from subcontractors.models.reviews import DueDiligenceReview
from tenancy.models import TenantModel


class EmailKind(models.TextChoices):
    INVITATION = "invitation", _("Questionnaire sent")
    RESENT = "resent", _("New link sent")
    RETURNED = "returned", _("Returned with comments")
    CHASER = "chaser", _("Reminder before the due date")


def default_link_expiry():
    return timezone.now() + timedelta(days=settings.SUBCONTRACTOR_LINK_DAYS)


class QuestionnaireLink(SecretLink, TenantModel):
    """A secret link to one review's questionnaire. Only the token's SHA-256 is stored, so the
    link itself exists only in the email that carried it."""

    review = models.ForeignKey(DueDiligenceReview, on_delete=models.CASCADE, related_name="links")
    purpose = models.CharField(max_length=12, choices=EmailKind.choices)
    expires_at = models.DateTimeField(default=default_link_expiry)

    # Looking a link up by its token crosses tenants on purpose: the token is the credential.
    unscoped = SecretLinkQuerySet.as_manager()  # type: ignore[misc]  # a richer manager, same role
    history = HistoricalRecords(excluded_fields=SecretLink.UNTRACKED_FIELDS)

    class Meta(TenantModel.Meta):
        verbose_name = "questionnaire link"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Link to {self.review} ({self.get_purpose_display()})"


class AccessAction(models.TextChoices):
    VIEWED = "viewed", _("Opened the questionnaire")
    SAVED = "saved", _("Saved answers")
    UPLOADED = "uploaded", _("Uploaded a document")
    REMOVED = "removed", _("Removed a document")
    DOWNLOADED = "downloaded", _("Downloaded a document")
    SUBMITTED = "submitted", _("Submitted the questionnaire")
    NOT_SAVED = "not_saved", _("Tried to save; some answers were not valid")
    INCOMPLETE = "incomplete", _("Saved, but could not submit: answers missing")
    REFUSED = "refused", _("Was refused")


class QuestionnaireAccess(LinkAccess, TenantModel):
    """Every use of a questionnaire link: when, from where, and what was done."""

    link = models.ForeignKey(QuestionnaireLink, on_delete=models.CASCADE, related_name="accesses")
    review = models.ForeignKey(
        DueDiligenceReview, on_delete=models.CASCADE, related_name="accesses"
    )
    action = models.CharField(max_length=12, choices=AccessAction.choices)
    detail = models.CharField(max_length=300, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = "questionnaire access"
        verbose_name_plural = "questionnaire accesses"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["review", "created_at"], name="questionnaire_access_review"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.created_at:%Y-%m-%d %H:%M}"


class QuestionnaireEmail(TenantModel):
    """An email that carries a questionnaire link: the first send, a re-send, a return, or a
    chaser before the due date.

    Its unique `dedupe_key` (for chasers: review, days before, due date) makes each exist at
    most once however often the daily task runs; a worker sends it only after winning a
    conditional update of `claimed_at`, and mints the link's token as it sends, so the token is
    never stored or passed through the broker.
    """

    review = models.ForeignKey(DueDiligenceReview, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=12, choices=EmailKind.choices)
    days_before = models.PositiveSmallIntegerField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    dedupe_key = models.CharField(max_length=120, unique=True)
    to_email = models.EmailField()
    link = models.ForeignKey(
        QuestionnaireLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = person_field()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(
        default=False, help_text=_("Not sent: the review no longer waited for the subcontractor.")
    )

    class Meta(TenantModel.Meta):
        verbose_name = "questionnaire email"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["sent_at"],
                condition=Q(sent_at__isnull=True),
                name="questionnaire_email_unsent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to_email}"
