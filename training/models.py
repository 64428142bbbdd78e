"""The staff Prevent training matrix: staff, the courses their role needs, and completions.

Staff are people who work for the provider, most of whom never log in (tutors, assessors,
support and subcontractor staff), so a `StaffMember` is not a `User`. A course says which role
groups need it and how often it must be refreshed; due and overdue are derived from the last
completion (or, never completed, from the start date plus the course's grace period), never
stored.
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from tenancy.models import TenantModel


class RoleGroup(models.TextChoices):
    BOARD = "board", _("Board and governors")
    SENIOR_LEADERS = "senior_leaders", _("Senior leaders")
    DSL = "dsl", _("DSL and Prevent lead")
    TUTORS = "tutors", _("Tutors and assessors")
    SUPPORT = "support", _("Support staff")
    SUBCONTRACTOR = "subcontractor", _("Subcontractor staff")


class StaffMember(TenantModel):
    """One member of staff on the matrix. Leavers (a leaving date on or before today) drop out of
    every figure but keep their records."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=150)
    role_group = models.CharField(max_length=20, choices=RoleGroup.choices)
    site = models.CharField(max_length=100, blank=True, help_text=_("Campus, centre or office."))
    staff_number = models.CharField(
        max_length=50,
        blank=True,
        help_text=_("Your HR or payroll number; imports match people on it."),
    )
    email = models.EmailField(blank=True, help_text=_("Optional; imports match on it too."))
    start_date = models.DateField()
    leaving_date = models.DateField(null=True, blank=True)
    created_by = person_field()

    history = HistoricalRecords()
    url_kwarg = "staff_code"

    class Meta(TenantModel.Meta):
        ordering = ["name", "pk"]
        verbose_name = _("member of staff")
        verbose_name_plural = _("staff")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "staff_number"],
                condition=~Q(staff_number=""),
                name="training_staff_number_unique",
                violation_error_message=_("Another member of staff already has this staff number."),
            ),
            models.CheckConstraint(
                condition=Q(leaving_date__isnull=True)
                | Q(leaving_date__gte=models.F("start_date")),
                name="training_staff_leaves_after_start",
                violation_error_message=_("The leaving date cannot be before the start date."),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "role_group"], name="training_staff_group"),
            models.Index(fields=["organisation", "email"], name="training_staff_email"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "training:staff", kwargs={"org_slug": self.organisation.slug, "staff_code": self.code}
        )


class Course(TenantModel):
    """A course in the provider's catalogue. `refresh_months` empty means once only."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    provider = models.CharField(
        _("delivered by"), max_length=150, blank=True, help_text=_("For example, Home Office.")
    )
    url = models.URLField(_("link"), blank=True)
    role_groups = models.JSONField(
        _("needed by"),
        default=list,
        blank=True,
        help_text=_("The role groups that must complete it."),
    )
    refresh_months = models.PositiveSmallIntegerField(
        _("refresh every (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave empty if it is needed once only."),
    )
    induction_days = models.PositiveSmallIntegerField(
        _("new starters complete within (days)"),
        default=30,
        validators=[MaxValueValidator(365)],
        help_text=_("Days from a new starter's start date before it is overdue."),
    )
    active = models.BooleanField(
        default=True, help_text=_("Retired courses keep their completions but are not required.")
    )
    created_by = person_field()

    history = HistoricalRecords()
    url_kwarg = "course_code"

    class Meta(TenantModel.Meta):
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"],
                name="training_course_title_unique",
                violation_error_message=_("The catalogue already has a course with this title."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "training:course",
            kwargs={"org_slug": self.organisation.slug, "course_code": self.code},
        )

    def needed_by(self, role_group: str) -> bool:
        return self.active and role_group in (self.role_groups or [])

    def get_role_groups_display(self) -> str:
        labels = dict(RoleGroup.choices)
        return ", ".join(str(labels[g]) for g in RoleGroup.values if g in (self.role_groups or []))


class Completion(TenantModel):
    """One person's completion of one course on one day."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="completions")
    course = models.ForeignKey(Course, on_delete=models.RESTRICT, related_name="completions")
    completed_on = models.DateField(_("date completed"))
    certificate = models.ForeignKey(
        "evidence.EvidenceItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_completions",
        help_text=_("The certificate or register in the evidence library, if there is one."),
    )
    score = models.PositiveSmallIntegerField(
        _("knowledge check score (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    recorded_by = person_field()

    history = HistoricalRecords()
    url_kwarg = "completion_code"

    class Meta(TenantModel.Meta):
        ordering = ["-completed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "course", "completed_on"],
                name="training_completion_once_a_day",
                violation_error_message=_("This completion is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=100),
                name="training_completion_score_0_100",
                violation_error_message=_("A score is a percentage, from 0 to 100."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "course", "staff", "completed_on"],
                name="training_completion_latest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.course} · {self.completed_on}"
