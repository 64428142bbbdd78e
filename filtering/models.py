"""The IT filtering and monitoring log, as DfE's filtering and monitoring standards (March 2023)
expect it: filtering tested and the results recorded, monitoring alerts counted each term, and an
annual review with a named senior leader and governor, signed off by a senior leader.

Counts and systems only: a monitoring alert's learner stays in the safeguarding system.
"""

import uuid

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from registers.base import RegisterRecord
from registers.terms import Term, term_of
from tenancy.models import TenantModel


class Tool(models.TextChoices):
    SWGFL = "swgfl", _("SWGfL Test Filtering")
    PROVIDER = "provider", _("The filtering provider’s own test or report")
    MANUAL = "manual", _("Manual checks against a list of test sites")
    OTHER = "other", _("Other")


class Category(models.TextChoices):
    """What a test checked; the first three are the lists the UK Safer Internet Centre names."""

    CSAM = "csam", _("Illegal content: child sexual abuse (IWF list)")
    TERRORISM = "terrorism", _("Terrorism content (CTIRU list)")
    EXTREMISM = "extremism", _("Extremist and hateful content")
    ADULT = "adult", _("Adult content")
    SELF_HARM = "self_harm", _("Self-harm and suicide")
    GAMBLING = "gambling", _("Gambling")
    DRUGS = "drugs", _("Drugs and substance misuse")
    VIOLENCE = "violence", _("Violence and weapons")
    BYPASS = "bypass", _("Proxies, VPNs and filter bypass")
    MALWARE = "malware", _("Malware and phishing")


class Result(models.TextChoices):
    ALL_BLOCKED = "all_blocked", _("All blocked")
    SOME_FAILURES = "some_failures", _("Some failures")


class FilteringTest(TenantModel):
    """One test of the web filter on one site or network."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tested_on = models.DateField(_("date of the test"))
    site = models.CharField(_("site or network"), max_length=150)
    tool = models.CharField(max_length=12, choices=Tool.choices)
    tool_other = models.CharField(_("other tool"), max_length=150, blank=True)
    categories = models.JSONField(_("categories tested"), default=list)
    result = models.CharField(max_length=16, choices=Result.choices)
    failures = models.TextField(
        _("what got through"),
        blank=True,
        help_text=_("The categories or kinds of site not blocked, and on which devices."),
    )
    action_taken = models.TextField(_("action taken"), blank=True)
    tested_by = person_field()
    created_by = person_field()
    action = models.ForeignKey(
        "actionplans.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="filtering_tests",
        help_text=_("The owned action raised for its failures."),
    )

    history = HistoricalRecords()
    url_kwarg = "test_code"

    class Meta(TenantModel.Meta):
        ordering = ["-tested_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(result=Result.ALL_BLOCKED) | ~Q(failures=""),
                name="filtering_test_failures_described",
                violation_error_message=_("Say what got through the filter."),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "-tested_on"], name="filtering_test_date")]

    def __str__(self) -> str:
        return f"{self.site}, {self.tested_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse(
            "filtering:test", kwargs={"org_slug": self.organisation.slug, "test_code": self.code}
        )

    @property
    def tool_label(self) -> str:
        return self.tool_other if self.tool == Tool.OTHER else self.get_tool_display()

    @property
    def category_labels(self) -> list[str]:
        return [str(Category(c).label) for c in self.categories if c in Category.values]

    @property
    def failed(self) -> bool:
        return self.result == Result.SOME_FAILURES


class MonitoringTerm(TenantModel):
    """A term's monitoring alerts, in counts (never who): reviewed, escalated, dealt with."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    term_start = models.DateField()
    alerts_reviewed = models.PositiveIntegerField(_("alerts reviewed"))
    escalated_to_dsl = models.PositiveIntegerField(_("escalated to the DSL"))
    false_positives = models.PositiveIntegerField(_("false positives"))
    followed_up_by_staff = models.PositiveIntegerField(
        _("followed up by staff"), help_text=_("Dealt with by staff without escalation.")
    )
    rule_changes = models.PositiveIntegerField(
        _("changes to filtering or monitoring rules"), help_text=_("Made because of these alerts.")
    )
    changes_made = models.TextField(
        _("changes made to the monitoring"),
        blank=True,
        help_text=_("About systems and settings only: never a learner’s or staff member’s name."),
    )
    recorded_by = person_field()

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        ordering = ["-term_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "term_start"], name="filtering_one_record_per_term"
            ),
            models.CheckConstraint(
                condition=Q(
                    alerts_reviewed__gte=F("escalated_to_dsl")
                    + F("false_positives")
                    + F("followed_up_by_staff")
                ),
                name="filtering_outcomes_within_reviewed",
                violation_error_message=(
                    _(
                        "Escalated, false positives and followed up cannot add up to more than the "
                        "alerts reviewed."
                    )
                ),
            ),
        ]

    @property
    def term(self) -> Term:
        return term_of(self.term_start)

    @property
    def no_action_needed(self) -> int:
        return (
            self.alerts_reviewed
            - self.escalated_to_dsl
            - self.false_positives
            - self.followed_up_by_staff
        )


class Outcome(models.TextChoices):
    MEETS = "meets", _("Meets the standards")
    MEETS_WITH_CHANGES = "changes", _("Meets the standards once the changes listed are made")
    DOES_NOT_MEET = "not_met", _("Does not meet the standards")


class FilteringReview(RegisterRecord):
    """The annual review of filtering and monitoring. `owner` is the senior leader responsible
    when they are a member; `senior_leader_name` names them otherwise."""

    reviewed_on = models.DateField(_("date of the review"))
    senior_leader_name = models.CharField(
        _("senior leader responsible (name)"), max_length=150, blank=True
    )
    governor_name = models.CharField(_("governor or director responsible"), max_length=150)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    changes = models.TextField(_("what changed"), blank=True)
    signed_off_by = person_field()
    signed_off_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    url_kwarg = "filtering_review_code"

    class Meta(RegisterRecord.Meta):
        ordering = ["-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | ~Q(senior_leader_name=""),
                name="filtering_review_names_a_senior_leader",
                violation_error_message=_("Name the senior leader responsible."),
            ),
        ]

    def __str__(self) -> str:
        return f"Filtering and monitoring review, {self.reviewed_on:%d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse(
            "filtering:review",
            kwargs={"org_slug": self.organisation.slug, "filtering_review_code": self.code},
        )

    @property
    def senior_leader(self) -> str:
        return self.owner.display_name if self.owner else self.senior_leader_name
