"""The register: a subcontractor, its contract, risk and specified-authority status.

Whether a subcontractor is a specified authority is recorded, never derived: declared by the
subcontractor or verified by the lead, with its basis and the date it was checked. One contract's
value cannot decide it (the DfE guidance that gave the £100,000 figure counted funding from all
lead providers together, via a register closed in 2021).
"""

import uuid
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from core.constraints import FieldCheckConstraint
from tenancy.models import TenantModel, validate_ukprn

#: DfE's subcontracting standard applies to a lead that subcontracts this much or more of its
#: DfE-funded delivery in a funding year (all subcontractors and funding streams together).
SUBCONTRACTING_STANDARD_THRESHOLD = Decimal("100000.00")


class AuthorityStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Not yet established")
    YES = "yes", _("A specified authority in its own right")
    NO = "no", _("Not a specified authority")


class AuthoritySource(models.TextChoices):
    DECLARED = "declared", _("Declared by the subcontractor")
    VERIFIED = "verified", _("Verified by us")


class AuthorityBasis(models.TextChoices):
    SCHEDULE_6 = (
        "schedule_6",
        _(
            "An institution listed in Schedule 6 of the Counter-Terrorism and Security Act 2015, "
            "such as an FE-sector college, sixth-form college or 16 to 19 academy"
        ),
    )
    OVER_250_STUDENTS = (
        "over_250_students",
        _("More than 250 students on courses for regulated qualifications (section 32 of the Act)"),
    )
    FUNDED_OVER_100K = (
        "funded_over_100k",
        _(
            "A subcontractor funded more than £100,000 in total by all its lead providers this "
            "funding year (DfE guidance on work-based learners, 2018, updated 2021)"
        ),
    )
    NONE_APPLIES = "none", _("None of these applies")
    OTHER = "other", _("Other (explained in the note)")


class Region(models.TextChoices):
    NORTH_EAST = "north_east", _("North East")
    NORTH_WEST = "north_west", _("North West")
    YORKSHIRE_HUMBER = "yorkshire_humber", _("Yorkshire and the Humber")
    EAST_MIDLANDS = "east_midlands", _("East Midlands")
    WEST_MIDLANDS = "west_midlands", _("West Midlands")
    EAST_OF_ENGLAND = "east_of_england", _("East of England")
    LONDON = "london", _("London")
    SOUTH_EAST = "south_east", _("South East")
    SOUTH_WEST = "south_west", _("South West")


class FundingStream(models.TextChoices):
    ADULT_SKILLS = "adult_skills", _("Adult Skills Fund")
    APPRENTICESHIPS = "apprenticeships", _("Apprenticeships")
    STUDY_16_TO_19 = "16_to_19", _("16 to 19 study programmes")
    ADVANCED_LEARNER_LOANS = "advanced_learner_loans", _("Advanced Learner Loans")
    SKILLS_BOOTCAMPS = "skills_bootcamps", _("Skills Bootcamps")
    OTHER = "other", _("Other")


class SubcontractorStatus(models.TextChoices):
    PROSPECTIVE = "prospective", _("Prospective")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class RiskRating(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


#: What the register's form and services may set, in the form's order.
SUBCONTRACTOR_FIELDS = (
    "name",
    "ukprn",
    "status",
    "contact_name",
    "contact_email",
    "prevent_lead_name",
    "prevent_lead_email",
    "delivery_regions",
    "funding_stream",
    "contract_value",
    "contract_start",
    "contract_end",
    "risk_rating",
    "risk_reasons",
    "next_review_date",
    "owner",
)


class Subcontractor(TenantModel):
    """A provider that delivers learning for the organisation under contract."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    ukprn = models.CharField(_("UKPRN"), max_length=8, validators=[validate_ukprn])
    contact_name = models.CharField(_("main contact's name"), max_length=150)
    contact_email = models.EmailField(_("main contact's email"))
    prevent_lead_name = models.CharField(_("Prevent lead's name"), max_length=150)
    prevent_lead_email = models.EmailField(_("Prevent lead's email"))
    delivery_regions = models.JSONField(
        default=list, blank=True, help_text=_("Codes of the English regions it delivers in.")
    )
    funding_stream = models.CharField(max_length=30, choices=FundingStream.choices)
    contract_value = models.DecimalField(
        _("contract value (£)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    contract_start = models.DateField(_("contract start date"), null=True, blank=True)
    contract_end = models.DateField(_("contract end date"), null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=SubcontractorStatus.choices, default=SubcontractorStatus.PROSPECTIVE
    )
    specified_authority = models.CharField(
        max_length=10, choices=AuthorityStatus.choices, default=AuthorityStatus.UNKNOWN
    )
    authority_source = models.CharField(
        _("established how"), max_length=10, choices=AuthoritySource.choices, blank=True
    )
    authority_basis = models.CharField(
        _("basis"), max_length=20, choices=AuthorityBasis.choices, blank=True
    )
    funding_all_leads = models.DecimalField(
        _("funding from all lead providers this funding year (£)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    funders = models.CharField(
        max_length=300, blank=True, help_text=_("DfE, or which mayoral or combined authority.")
    )
    authority_checked_on = models.DateField(_("date checked"), null=True, blank=True)
    authority_note = models.TextField(blank=True)
    risk_rating = models.CharField(max_length=8, choices=RiskRating.choices)
    risk_reasons = models.TextField(blank=True)
    next_review_date = models.DateField(null=True, blank=True)
    owner = person_field(
        help_text=_("The member who manages the relationship; documents' reminders go to them.")
    )
    created_by = person_field()

    history = HistoricalRecords()
    url_kwarg = "subcontractor_code"

    class Meta(TenantModel.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "ukprn"],
                name="subcontractors_ukprn_once_per_organisation",
                violation_error_message=_("This UKPRN is already in your register."),
            ),
            FieldCheckConstraint(
                condition=Q(risk_rating=RiskRating.LOW) | ~Q(risk_reasons=""),
                field="risk_reasons",
                name="subcontractors_medium_high_risk_has_reasons",
                violation_error_message=_("Say why the risk is medium or high."),
            ),
            FieldCheckConstraint(
                condition=Q(contract_start__isnull=True)
                | Q(contract_end__isnull=True)
                | Q(contract_end__gte=models.F("contract_start")),
                field="contract_end",
                name="subcontractors_contract_ends_after_it_starts",
                violation_error_message=_("The contract must end on or after its start date."),
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
                violation_error_message=_(
                    "A recorded status needs how it was established, its "
                    "basis and the date checked."
                ),
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
        # The risk reasons and contract dates are checked by the constraints above.
        errors = {}
        regions = self.delivery_regions
        if not isinstance(regions, list) or not regions:
            errors["delivery_regions"] = "Choose at least one region it delivers in."
        elif not set(regions) <= set(Region.values):
            errors["delivery_regions"] = "Choose regions from the list."
        if errors:
            raise ValidationError(errors)

    @property
    def is_specified_authority(self) -> bool:
        """As recorded (declared or verified), never inferred from the contract value."""
        return self.specified_authority == AuthorityStatus.YES

    @property
    def delivery_region_labels(self) -> list[str]:
        chosen = set(self.delivery_regions or [])
        return [str(label) for value, label in Region.choices if value in chosen]

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
