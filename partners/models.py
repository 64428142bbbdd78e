"""Prevent partners and the advice log: who the provider works with in each delivery area, and
each contact with them (meetings, briefings received, advice sought, training delivered).

A briefing is recorded as received, by whom and what it changed; the briefing itself (often
restricted, such as a Counter-Terrorism Local Profile) stays with the partner, so nothing here
accepts a file for it. An engagement can lead to an owned action (`Engagement.action`, its
`source_key` "engagement:<code>") or point at the risk in the risk register it changed.
"""

import uuid

from django.core.validators import EmailValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from registers.base import RegisterRecord
from tenancy.models import TenantModel

EMAIL_MESSAGE = _("Enter an email address in the form name@example.gov.uk.")
PHONE_MESSAGE = _(
    "Enter a UK phone number of 10 or 11 digits, such as 0161 234 5678, or +44 161 234 5678. "
    "Spaces, brackets and hyphens are fine."
)
# Digits with optional spaces, brackets and hyphens: 0 then 9-10 digits, or +44 then 9-10.
PHONE_PATTERN = r"^\(?(?:\+44[\s-]?(?:\(0\))?|0)(?:[\s()-]*\d){9,10}[\s)]*$"


class DeliveryArea(TenantModel):
    """A region the provider delivers in (a provider defines its own, e.g. "Lancashire")."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=120)
    created_by = person_field()

    history = HistoricalRecords()
    url_kwarg = "area_code"

    class Meta(TenantModel.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("name"),
                name="partners_area_name_unique",
                violation_error_message=_("There is already a delivery area with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "partners:area_edit",
            kwargs={"org_slug": self.organisation.slug, "area_code": self.code},
        )


class PartnerKind(models.TextChoices):
    LA_LEAD = "la_lead", _("Local authority Prevent lead")
    POLICE = "police", _("Police Prevent team")
    DFE = "dfe", _("DfE regional FE and HE Prevent coordinator")
    OTHER = "other", _("Other partner")


# An area is flagged when it has no current contact of these kinds (criterion C3.1).
REQUIRED_KINDS = (PartnerKind.LA_LEAD, PartnerKind.POLICE)


class PartnerContact(RegisterRecord):
    """A partner in one delivery area. `owner` keeps the relationship; `next_review_date` is the
    planned next contact."""

    area = models.ForeignKey(DeliveryArea, on_delete=models.PROTECT, related_name="contacts")
    kind = models.CharField(max_length=10, choices=PartnerKind.choices)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    role = models.CharField(max_length=150, blank=True)
    email = models.CharField(
        max_length=254, blank=True, validators=[EmailValidator(message=EMAIL_MESSAGE)]
    )
    phone = models.CharField(
        max_length=30, blank=True, validators=[RegexValidator(PHONE_PATTERN, PHONE_MESSAGE)]
    )
    is_current = models.BooleanField(_("current contact"), default=True)

    history = HistoricalRecords()
    url_kwarg = "contact_code"

    class Meta(RegisterRecord.Meta):
        ordering = ["area__name", "kind", "organisation_name"]
        indexes = [models.Index(fields=["organisation", "kind"], name="partners_contact_kind")]

    def __str__(self) -> str:
        who = self.contact_name or self.get_kind_display()
        return f"{who}, {self.organisation_name} ({self.area})"

    def get_absolute_url(self) -> str:
        return reverse(
            "partners:contact",
            kwargs={"org_slug": self.organisation.slug, "contact_code": self.code},
        )


class EngagementKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    BRIEFING = "briefing", _("Briefing received")
    ADVICE = "advice", _("Advice sought")
    TRAINING = "training", _("Training delivered")


class Engagement(TenantModel):
    """One contact with a partner and what it changed."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contact = models.ForeignKey(
        PartnerContact, on_delete=models.PROTECT, related_name="engagements"
    )
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(max_length=10, choices=EngagementKind.choices)
    summary = models.TextField()
    what_changed = models.TextField(_("what changed"), blank=True)
    received_by = person_field(help_text=_("For a briefing: who received it."))
    action = models.ForeignKey(
        "actionplans.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_engagements",
    )
    risk = models.ForeignKey(
        "registers.Risk",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",  # registers does not know about partners
        help_text=_("The risk in the risk register it changed."),
    )
    evidence = models.ForeignKey(
        "evidence.EvidenceItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_engagements",
    )
    created_by = person_field()

    history = HistoricalRecords()
    url_kwarg = "engagement_code"

    class Meta(TenantModel.Meta):
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "occurred_on"], name="partners_engagement_date")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {date_format(self.occurred_on, 'd M Y')}"

    def get_absolute_url(self) -> str:
        return reverse(
            "partners:engagement",
            kwargs={"org_slug": self.organisation.slug, "engagement_code": self.code},
        )
