"""The subcontractor register, its due diligence reviews, monitoring visits and documents.

Whether a subcontractor is a specified authority is recorded, never derived: declared by the
subcontractor or verified by the lead, with its basis and the date it was checked. One contract's
value cannot decide it (the DfE guidance that gave the £100,000 figure counted funding from all
lead providers together, via a register closed in 2021). The questionnaire a subcontractor
answers is reached by a secret link whose token is kept only as a SHA-256 hash; every use of a
link is logged in `QuestionnaireAccess`.
"""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.uploads import describe_content_type
from subcontractors.checklist import BY_KEY, KEY_CHOICES
from tenancy.models import TenantModel, validate_ukprn

#: DfE's subcontracting standard applies to a lead that subcontracts this much or more of its
#: DfE-funded delivery in a funding year (all subcontractors and funding streams together).
SUBCONTRACTING_STANDARD_THRESHOLD = Decimal("100000.00")


class AuthorityStatus(models.TextChoices):
    UNKNOWN = "unknown", "Not yet established"
    YES = "yes", "A specified authority in its own right"
    NO = "no", "Not a specified authority"


class AuthoritySource(models.TextChoices):
    DECLARED = "declared", "Declared by the subcontractor"
    VERIFIED = "verified", "Verified by us"


class AuthorityBasis(models.TextChoices):
    SCHEDULE_6 = (
        "schedule_6",
        (
            "An institution listed in Schedule 6 of the Counter-Terrorism and Security Act 2015, "
            "such as an FE-sector college, sixth-form college or 16 to 19 academy"
        ),
    )
    OVER_250_STUDENTS = (
        "over_250_students",
        ("More than 250 students on courses for regulated qualifications (section 32 of the Act)"),
    )
    FUNDED_OVER_100K = (
        "funded_over_100k",
        (
            "A subcontractor funded more than £100,000 in total by all its lead providers this "
            "funding year (DfE guidance on work-based learners, 2018, updated 2021)"
        ),
    )
    NONE_APPLIES = "none", "None of these applies"
    OTHER = "other", "Other (explained in the note)"


class Region(models.TextChoices):
    NORTH_EAST = "north_east", "North East"
    NORTH_WEST = "north_west", "North West"
    YORKSHIRE_HUMBER = "yorkshire_humber", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST_OF_ENGLAND = "east_of_england", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"


class FundingStream(models.TextChoices):
    ADULT_SKILLS = "adult_skills", "Adult Skills Fund"
    APPRENTICESHIPS = "apprenticeships", "Apprenticeships"
    STUDY_16_TO_19 = "16_to_19", "16 to 19 study programmes"
    ADVANCED_LEARNER_LOANS = "advanced_learner_loans", "Advanced Learner Loans"
    SKILLS_BOOTCAMPS = "skills_bootcamps", "Skills Bootcamps"
    OTHER = "other", "Other"


class SubcontractorStatus(models.TextChoices):
    PROSPECTIVE = "prospective", "Prospective"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class RiskRating(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Subcontractor(TenantModel):
    """A provider that delivers learning for the organisation under contract."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    ukprn = models.CharField("UKPRN", max_length=8, validators=[validate_ukprn])
    contact_name = models.CharField("main contact's name", max_length=150)
    contact_email = models.EmailField("main contact's email")
    prevent_lead_name = models.CharField("Prevent lead's name", max_length=150)
    prevent_lead_email = models.EmailField("Prevent lead's email")
    delivery_regions = models.JSONField(
        default=list, blank=True, help_text="Codes of the English regions it delivers in."
    )
    funding_stream = models.CharField(max_length=30, choices=FundingStream.choices)
    contract_value = models.DecimalField(
        "contract value (£)",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    contract_start = models.DateField("contract start date", null=True, blank=True)
    contract_end = models.DateField("contract end date", null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=SubcontractorStatus.choices, default=SubcontractorStatus.PROSPECTIVE
    )
    specified_authority = models.CharField(
        max_length=10, choices=AuthorityStatus.choices, default=AuthorityStatus.UNKNOWN
    )
    authority_source = models.CharField(
        "established how", max_length=10, choices=AuthoritySource.choices, blank=True
    )
    authority_basis = models.CharField(
        "basis", max_length=20, choices=AuthorityBasis.choices, blank=True
    )
    funding_all_leads = models.DecimalField(
        "funding from all lead providers this funding year (£)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    funders = models.CharField(
        max_length=300, blank=True, help_text="DfE, or which mayoral or combined authority."
    )
    authority_checked_on = models.DateField("date checked", null=True, blank=True)
    authority_note = models.TextField(blank=True)
    risk_rating = models.CharField(max_length=8, choices=RiskRating.choices)
    risk_reasons = models.TextField(blank=True)
    next_review_date = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member who manages the relationship; documents' reminders go to them.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()
    url_kwarg = "subcontractor_code"

    class Meta(TenantModel.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "ukprn"],
                name="subcontractors_ukprn_once_per_organisation",
                violation_error_message="This UKPRN is already in your register.",
            ),
            models.CheckConstraint(
                condition=Q(risk_rating=RiskRating.LOW) | ~Q(risk_reasons=""),
                name="subcontractors_medium_high_risk_has_reasons",
                violation_error_message="Say why the risk is medium or high.",
            ),
            models.CheckConstraint(
                condition=Q(contract_start__isnull=True)
                | Q(contract_end__isnull=True)
                | Q(contract_end__gte=models.F("contract_start")),
                name="subcontractors_contract_ends_after_it_starts",
                violation_error_message="The contract must end on or after its start date.",
            ),
            models.CheckConstraint(
                condition=Q(contract_value__gte=0),
                name="subcontractors_contract_value_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(specified_authority=AuthorityStatus.UNKNOWN)
                | (
                    ~Q(authority_source="")
                    & ~Q(authority_basis="")
                    & Q(authority_checked_on__isnull=False)
                ),
                name="subcontractors_authority_status_has_its_basis",
                violation_error_message="A recorded status needs how it was established, its "
                "basis and the date checked.",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"], name="subcontractors_org_status"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "subcontractors:detail",
            kwargs={"org_slug": self.organisation.slug, "subcontractor_code": self.code},
        )

    def clean(self) -> None:
        errors = {}
        regions = self.delivery_regions
        if not isinstance(regions, list) or not regions:
            errors["delivery_regions"] = "Choose at least one region it delivers in."
        elif not set(regions) <= set(Region.values):
            errors["delivery_regions"] = "Choose regions from the list."
        if (
            self.risk_rating in (RiskRating.MEDIUM, RiskRating.HIGH)
            and not (self.risk_reasons or "").strip()
        ):
            errors["risk_reasons"] = "Say why the risk is medium or high."
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            errors["contract_end"] = "The contract must end on or after its start date."
        if errors:
            raise ValidationError(errors)

    @property
    def is_specified_authority(self) -> bool:
        """As recorded (declared or verified), never inferred from the contract value."""
        return self.specified_authority == AuthorityStatus.YES

    @property
    def delivery_region_labels(self) -> list[str]:
        chosen = set(self.delivery_regions or [])
        return [label for value, label in Region.choices if value in chosen]

    @property
    def is_ended(self) -> bool:
        return self.status == SubcontractorStatus.ENDED

    def review_is_overdue(self, today: date | None = None) -> bool:
        """The next review date has passed (not for ended subcontracts). The register's query
        also counts an open review past its due date; see `selectors.review_overdue_q`."""
        today = today or timezone.localdate()
        return (
            not self.is_ended
            and self.next_review_date is not None
            and self.next_review_date < today
        )


class ReviewKind(models.TextChoices):
    ONBOARDING = "onboarding", "Onboarding"
    ANNUAL = "annual", "Annual"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    RETURNED = "returned", "Returned"


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
    due_date = models.DateField(help_text="The date the subcontractor's answers are due.")
    status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by_name = models.CharField(max_length=150, blank=True)
    submitted_by_role = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_comment = models.TextField(
        blank=True, help_text="The lead provider's comments when accepting or returning it."
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

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
                violation_error_message="This subcontractor already has a review under way.",
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
    MET = "met", "Met"
    PARTLY_MET = "partly_met", "Partly met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class ReviewItem(TenantModel):
    """One checklist entry of a review, as the subcontractor answered it."""

    review = models.ForeignKey(DueDiligenceReview, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=40, choices=KEY_CHOICES)
    position = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=ItemStatus.choices, blank=True)
    notes = models.TextField(blank=True)
    policy_review_date = models.DateField("date the policy is next reviewed", null=True, blank=True)
    training_percentage = models.PositiveSmallIntegerField(
        "staff who have completed Prevent training (%)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

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


class EmailKind(models.TextChoices):
    INVITATION = "invitation", "Questionnaire sent"
    RESENT = "resent", "New link sent"
    RETURNED = "returned", "Returned with comments"
    CHASER = "chaser", "Reminder before the due date"


def default_link_expiry():
    return timezone.now() + timedelta(days=settings.SUBCONTRACTOR_LINK_DAYS)


class QuestionnaireLink(TenantModel):
    """A secret link to one review's questionnaire. Only the token's SHA-256 is stored, so the
    link itself exists only in the email that carried it."""

    review = models.ForeignKey(DueDiligenceReview, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    purpose = models.CharField(max_length=12, choices=EmailKind.choices)
    expires_at = models.DateTimeField(default=default_link_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta(TenantModel.Meta):
        verbose_name = "questionnaire link"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Link to {self.review} ({self.get_purpose_display()})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_live(self) -> bool:
        return not self.is_revoked and not self.is_expired


class AccessAction(models.TextChoices):
    VIEWED = "viewed", "Opened the questionnaire"
    SAVED = "saved", "Saved answers"
    UPLOADED = "uploaded", "Uploaded a document"
    REMOVED = "removed", "Removed a document"
    DOWNLOADED = "downloaded", "Downloaded a document"
    SUBMITTED = "submitted", "Submitted the questionnaire"
    NOT_SAVED = "not_saved", "Tried to save; some answers were not valid"
    INCOMPLETE = "incomplete", "Saved, but could not submit: answers missing"
    REFUSED = "refused", "Was refused"


class QuestionnaireAccess(TenantModel):
    """Every use of a questionnaire link: when, from where, and what was done."""

    link = models.ForeignKey(QuestionnaireLink, on_delete=models.CASCADE, related_name="accesses")
    review = models.ForeignKey(
        DueDiligenceReview, on_delete=models.CASCADE, related_name="accesses"
    )
    action = models.CharField(max_length=12, choices=AccessAction.choices)
    detail = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(
        default=False, help_text="Not sent: the review no longer waited for the subcontractor."
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


class DocumentKind(models.TextChoices):
    POLICY = "policy", "Policy"
    INSURANCE = "insurance", "Insurance"
    CONTRACT = "contract", "Contract"
    OTHER = "other", "Other"


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
    size = models.PositiveBigIntegerField(help_text="In bytes.")
    sha256 = models.CharField("SHA-256", max_length=64)
    expires_on = models.DateField("expiry date", null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member reminded before it expires.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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
    uploaded_via = models.ForeignKey(
        QuestionnaireLink,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Set when the subcontractor uploaded it through a questionnaire link.",
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


class VisitType(models.TextChoices):
    PLANNED = "planned", "Planned visit"
    SPOT_CHECK = "spot_check", "Spot check"
    LEARNER_INTERVIEWS = "learner_interviews", "Learner interviews"


class Rag(models.TextChoices):
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


class MonitoringVisit(TenantModel):
    """A visit to a subcontractor that looked at how it meets the Prevent duty."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subcontractor = models.ForeignKey(
        Subcontractor, on_delete=models.CASCADE, related_name="visits"
    )
    visit_date = models.DateField("date of the visit")
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    visit_type = models.CharField("type of visit", max_length=20, choices=VisitType.choices)
    overall_rag = models.CharField("overall rating", max_length=5, choices=Rag.choices)
    summary = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()
    url_kwarg = "visit_code"

    class Meta(TenantModel.Meta):
        verbose_name = "monitoring visit"
        ordering = ["-visit_date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_visit_type_display()} to {self.subcontractor}, {self.visit_date}"

    def get_absolute_url(self) -> str:
        return reverse(
            "subcontractors:visit",
            kwargs={
                "org_slug": self.organisation.slug,
                "subcontractor_code": self.subcontractor.code,
                "visit_code": self.code,
            },
        )

    def action_source_key(self, number: int) -> str:
        return f"visit:{self.code}:{number}"

    @property
    def action_source_prefix(self) -> str:
        return f"visit:{self.code}:"


class VisitFinding(TenantModel):
    """One finding of a visit. Its number never changes, so the action raised from it is
    found again by its source key."""

    visit = models.ForeignKey(MonitoringVisit, on_delete=models.CASCADE, related_name="findings")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        ordering = ["visit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "number"], name="subcontractors_finding_once"),
        ]

    def __str__(self) -> str:
        return f"Finding {self.number}"
