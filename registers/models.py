"""The Prevent risk register and the external speaker and event log.

Ratings are derived from the scores, never typed. A risk's further action becomes an owned
`Action` (linked both ways: `Risk.action` and the action's `source_key` "risk:<code>"). Events
move request -> checks -> decision -> post-event note; each term a senior leader verifies a
random sample of approved events.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from registers.base import Rating, RegisterRecord, rating_for, score_field
from registers.terms import Term, term_of
from tenancy.models import TenantModel


class RiskCategory(models.TextChoices):
    """The areas the DfE template and criterion C6.3 expect a risk assessment to cover."""

    NATIONAL = "national", _("National and regional threat")
    LOCAL = "local", _("Local threat")
    LEADERSHIP = "leadership", _("Leadership and partnership")
    TRAINING = "training", _("Staff training")
    ONLINE = "online", _("Online and IT")
    PREMISES = "premises", _("Premises and security")
    SPEAKERS = "speakers", _("Speakers, events and lettings")
    WELFARE = "welfare", _("Welfare, pastoral and faith facilities")
    SUBCONTRACTORS = "subcontractors", _("Subcontracted delivery")
    WORKPLACES = "workplaces", _("Learners in workplaces")


# Criterion C6.3's list: a register missing one of these has a gap in coverage.
COVERAGE_AREAS = [c for c in RiskCategory if c not in (RiskCategory.NATIONAL, RiskCategory.LOCAL)]


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Risk(RegisterRecord):
    """One row of the Prevent risk assessment. `owner` is the template's lead officer."""

    category = models.CharField(max_length=20, choices=RiskCategory.choices)
    risk = models.CharField(_("risk"), max_length=300)
    hazard = models.TextField(blank=True)
    existing_controls = models.TextField(_("existing risk management"), blank=True)
    further_action = models.TextField(_("further action needed"), blank=True)
    action_due = models.DateField(_("date for completion"), null=True, blank=True)
    likelihood = score_field(_("likelihood"))
    impact = score_field(_("impact"))
    residual_likelihood = score_field(_("likelihood after controls"))
    residual_impact = score_field(_("impact after controls"))
    status = models.CharField(max_length=8, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    last_reviewed_on = models.DateField(null=True, blank=True)
    action = models.ForeignKey(
        "actionplans.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risks",
        help_text=_("The owned action its further action became."),
    )

    history = HistoricalRecords()
    url_kwarg = "risk_code"

    class Meta(RegisterRecord.Meta):
        ordering = ["category", "risk"]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(
                    F("residual_likelihood") * F("residual_impact"), F("likelihood") * F("impact")
                ),
                name="registers_risk_residual_not_above_inherent",
                violation_error_message=_(
                    "The rating after controls cannot be higher than the rating before them."
                ),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="registers_risk_status")]

    def __str__(self) -> str:
        return self.risk

    def get_absolute_url(self) -> str:
        return reverse(
            "registers:risk", kwargs={"org_slug": self.organisation.slug, "risk_code": self.code}
        )

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact

    @property
    def rating(self) -> str:
        return rating_for(self.score)

    @property
    def residual_rating(self) -> str:
        return rating_for(self.residual_score)

    def get_rating_display(self) -> str:
        return str(Rating(self.rating).label)

    def get_residual_rating_display(self) -> str:
        return str(Rating(self.residual_rating).label)


class RiskReview(TenantModel):
    """A review of one risk, with the scores it left, and whether an incident prompted it."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    after_incident = models.BooleanField(_("reviewed after an incident"), default=False)
    incident_summary = models.TextField(
        blank=True, help_text=_("What happened, in general terms: never a learner's details.")
    )
    notes = models.TextField(_("what changed and why"))
    likelihood = score_field(_("likelihood"))
    impact = score_field(_("impact"))
    residual_likelihood = score_field(_("likelihood after controls"))
    residual_impact = score_field(_("impact after controls"))
    next_review_date = models.DateField()

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        ordering = ["-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(after_incident=False) | ~Q(incident_summary=""),
                name="registers_incident_review_says_what_happened",
                violation_error_message=_("Say, in general terms, what the incident was."),
            ),
        ]


class EventFormat(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")
    OFF_SITE = "off_site", _("Off site")


class EventStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CHECKED = "checked", _("Checked, awaiting decision")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_conditions", _("Approved with conditions")
    REFUSED = "refused", _("Refused")


APPROVED_STATUSES = [EventStatus.APPROVED, EventStatus.APPROVED_WITH_CONDITIONS]
UNDECIDED_STATUSES = [EventStatus.REQUESTED, EventStatus.CHECKED]


class Condition(models.TextChoices):
    INDEPENDENT_CHAIR = "independent_chair", _("An independent chair")
    SCRIPT_IN_ADVANCE = "script_in_advance", _("Script or slides seen in advance")
    RECORDED = "recorded", _("The event is recorded")
    BALANCED_PANEL = "balanced_panel", _("A balanced panel or opposing view")
    STAFF_PRESENT = "staff_present", _("A member of staff present throughout")
    CODE_OF_CONDUCT = "code_of_conduct", _("Speaker briefed on the code of conduct")


class ExternalEvent(TenantModel):
    """A request for an external speaker or event, the checks made and the decision."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("event"), max_length=200)
    speaker_name = models.CharField(_("speaker"), max_length=150)
    speaker_key = models.CharField(max_length=150, db_index=True, editable=False)
    speaker_organisation = models.CharField(_("speaker's organisation"), max_length=200, blank=True)
    topic = models.TextField()
    event_date = models.DateField()
    format = models.CharField(max_length=10, choices=EventFormat.choices)
    venue = models.CharField(_("venue or platform"), max_length=200, blank=True)
    audience = models.CharField(
        max_length=200, help_text=_("Who it is for, e.g. Level 3 learners.")
    )
    expected_numbers = models.PositiveIntegerField(_("expected numbers"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=EventStatus.choices, default=EventStatus.REQUESTED
    )
    # The Prevent lead's checks
    checked_open_source = models.BooleanField(_("open-source search done"), default=False)
    checked_references = models.BooleanField(_("references taken"), default=False)
    checked_previous_events = models.BooleanField(_("previous events checked"), default=False)
    check_notes = models.TextField(_("what the checks found"), blank=True)
    risk_level = models.CharField(max_length=8, choices=Rating.choices, blank=True)
    conditions = models.JSONField(default=list, blank=True)
    other_conditions = models.TextField(blank=True)
    checked_by = person_field()
    checked_at = models.DateTimeField(null=True, blank=True)
    # The decision
    decision_reasons = models.TextField(_("reasons"), blank=True)
    decided_by = person_field()
    decided_at = models.DateTimeField(null=True, blank=True)
    # Afterwards
    outcome_note = models.TextField(_("how it went"), blank=True)
    concern_raised = models.BooleanField(_("a concern was raised"), default=False)
    outcome_by = person_field()
    outcome_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    url_kwarg = "event_code"

    class Meta(TenantModel.Meta):
        ordering = ["-event_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=EventStatus.REFUSED) | ~Q(decision_reasons=""),
                name="registers_refusal_has_reasons",
                violation_error_message=_("Give the reasons for refusing."),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "event_date"], name="registers_event_date"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.speaker_name})"

    def get_absolute_url(self) -> str:
        return reverse(
            "registers:event", kwargs={"org_slug": self.organisation.slug, "event_code": self.code}
        )

    @property
    def is_decided(self) -> bool:
        return self.status not in UNDECIDED_STATUSES

    @property
    def is_approved(self) -> bool:
        return self.status in APPROVED_STATUSES

    @property
    def condition_labels(self) -> list[str]:
        labels = [str(Condition(c).label) for c in self.conditions if c in Condition.values]
        return labels + ([self.other_conditions] if self.other_conditions else [])


def speaker_key(name: str) -> str:
    """A speaker's name folded for matching: case, spacing and punctuation ignored."""
    return " ".join("".join(ch for ch in name.casefold() if ch.isalnum() or ch.isspace()).split())


class Finding(models.TextChoices):
    AS_APPROVED = "as_approved", _("Went ahead as approved, conditions met")
    CONDITIONS_NOT_MET = "conditions_not_met", _("Went ahead, but conditions were not all met")
    RECORD_INCOMPLETE = "record_incomplete", _("The record is incomplete or does not match")


class EventSample(TenantModel):
    """A term's random sample of approved events, for a senior leader to verify."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    term_label = models.CharField(max_length=40)
    term_start = models.DateField()
    term_end = models.DateField()
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    population = models.PositiveIntegerField(help_text=_("Approved events it was drawn from."))
    summary = models.TextField(_("what the leader concluded"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    url_kwarg = "sample_code"

    class Meta(TenantModel.Meta):
        ordering = ["-term_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "term_start"],
                name="registers_one_sample_per_term",
                violation_error_message=_("This term's sample has already been drawn."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Sample for %(term)s") % {"term": self.term.label}

    @property
    def term(self) -> Term:
        """The term, labelled in the active language (`term_label` keeps the English)."""
        return term_of(self.term_start)

    def get_absolute_url(self) -> str:
        return reverse(
            "registers:sample",
            kwargs={"org_slug": self.organisation.slug, "sample_code": self.code},
        )


class EventSampleItem(TenantModel):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sample = models.ForeignKey(EventSample, on_delete=models.CASCADE, related_name="items")
    event = models.ForeignKey(ExternalEvent, on_delete=models.PROTECT, related_name="+")
    finding = models.CharField(max_length=20, choices=Finding.choices, blank=True)
    note = models.TextField(blank=True)
    verified_by = person_field()
    verified_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    url_kwarg = "sample_item_code"

    class Meta(TenantModel.Meta):
        ordering = ["event__event_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "event"], name="registers_sample_event_once"),
            models.CheckConstraint(
                condition=Q(finding="as_approved") | Q(finding="") | ~Q(note=""),
                name="registers_problem_finding_has_note",
                violation_error_message=_("Say what did not match."),
            ),
        ]
