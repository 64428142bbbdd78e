"""Monitoring visits and their findings (each finding may raise an action in the plan)."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from subcontractors.models.register import Subcontractor
from tenancy.models import TenantModel


class VisitType(models.TextChoices):
    PLANNED = "planned", _("Planned visit")
    SPOT_CHECK = "spot_check", _("Spot check")
    LEARNER_INTERVIEWS = "learner_interviews", _("Learner interviews")


class Rag(models.TextChoices):
    GREEN = "green", _("Green")
    AMBER = "amber", _("Amber")
    RED = "red", _("Red")


#: What the visit's form and services may set, in the form's order.
VISIT_FIELDS = ("visit_date", "visitor", "visit_type", "overall_rag", "summary")


class MonitoringVisit(TenantModel):
    """A visit to a subcontractor that looked at how it meets the Prevent duty."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subcontractor = models.ForeignKey(
        Subcontractor, on_delete=models.CASCADE, related_name="visits"
    )
    visit_date = models.DateField(_("date of the visit"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    visit_type = models.CharField(_("type of visit"), max_length=20, choices=VisitType.choices)
    overall_rag = models.CharField(_("overall rating"), max_length=5, choices=Rag.choices)
    summary = models.TextField(blank=True)
    created_by = person_field()

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
