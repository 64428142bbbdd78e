"""Due diligence reviews: one round of the checklist, at onboarding and then every year."""

import uuid
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from subcontractors.checklist import BY_KEY, KEY_CHOICES
from subcontractors.models.register import AuthorityBasis, AuthorityStatus, Subcontractor
from tenancy.models import TenantModel


class ReviewKind(models.TextChoices):
    ONBOARDING = "onboarding", _("Onboarding")
    ANNUAL = "annual", _("Annual")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


#: Reviews not yet accepted. A subcontractor has at most one at a time.
OPEN_REVIEW_STATUSES = [
    ReviewStatus.DRAFT,
    ReviewStatus.SENT,
    ReviewStatus.IN_PROGRESS,
    ReviewStatus.SUBMITTED,
    ReviewStatus.RETURNED,
]
#: Reviews the subcontractor may answer through a link (and is chased about).
AWAITING_SUBCONTRACTOR = [ReviewStatus.SENT, ReviewStatus.IN_PROGRESS, ReviewStatus.RETURNED]


class DueDiligenceReview(TenantModel):
    """One round of due diligence: at onboarding, then every year."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subcontractor = models.ForeignKey(
        Subcontractor, on_delete=models.CASCADE, related_name="reviews"
    )
    kind = models.CharField(max_length=12, choices=ReviewKind.choices)
    due_date = models.DateField(help_text=_("The date the subcontractor's answers are due."))
    status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    started_by = person_field()
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = person_field()
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by_name = models.CharField(max_length=150, blank=True)
    submitted_by_role = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = person_field()
    decision_comment = models.TextField(
        blank=True, help_text=_("The lead provider's comments when accepting or returning it.")
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Chosen by whoever sends it: the subcontractor has no account, so no language of its own.
    # The emails and the questionnaire page are in it.
    language = models.CharField(
        _("language of the questionnaire"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    history = HistoricalRecords()
    url_kwarg = "review_code"

    class Meta(TenantModel.Meta):
        verbose_name = "due diligence review"
        ordering = ["-due_date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subcontractor"],
                condition=Q(status__in=OPEN_REVIEW_STATUSES),
                name="subcontractors_one_open_review",
                violation_error_message=_("This subcontractor already has a review under way."),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "due_date"], name="reviews_org_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} review of {self.subcontractor} (due {self.due_date})"

    def get_absolute_url(self) -> str:
        return reverse(
            "subcontractors:review",
            kwargs={
                "org_slug": self.organisation.slug,
                "subcontractor_code": self.subcontractor.code,
                "review_code": self.code,
            },
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REVIEW_STATUSES

    def is_overdue(self, today: date | None = None) -> bool:
        """Not accepted by its due date."""
        today = today or timezone.localdate()
        return self.is_open and self.due_date < today


class ItemStatus(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ReviewItem(TenantModel):
    """One checklist entry of a review, as the subcontractor answered it."""

    review = models.ForeignKey(DueDiligenceReview, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=40, choices=KEY_CHOICES)
    position = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=ItemStatus.choices, blank=True)
    notes = models.TextField(blank=True)
    policy_review_date = models.DateField(
        _("date the policy is next reviewed"), null=True, blank=True
    )
    training_percentage = models.PositiveSmallIntegerField(
        _("staff who have completed Prevent training (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    # The subcontractor's own declaration (the funding_all_leads entry); the lead records the
    # status on the register from it, as declared, or after verifying it.
    declared_authority = models.CharField(
        _("specified authority in its own right"),
        max_length=10,
        choices=AuthorityStatus.choices,
        blank=True,
    )
    declared_basis = models.CharField(
        _("basis"), max_length=20, choices=AuthorityBasis.choices, blank=True
    )
    declared_funding_all_leads = models.DecimalField(
        _("funding from all lead providers this funding year (£)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    declared_funders = models.CharField(_("funders"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        ordering = ["review", "position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "key"], name="subcontractors_item_once"),
            models.CheckConstraint(
                condition=Q(training_percentage__isnull=True) | Q(training_percentage__lte=100),
                name="subcontractors_training_percentage_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def checklist(self):
        return BY_KEY[self.key]

    @property
    def title(self) -> str:
        return self.checklist.title
