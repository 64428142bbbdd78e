import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from frameworks.models import Benchmark, Criterion, FrameworkVersion
from tenancy.models import TenantModel


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned with comments")
    APPROVED = "approved", _("Approved")


EDITABLE_STATUSES = {Status.DRAFT, Status.RETURNED}


class Assessment(TenantModel):
    """A self-evaluation of the organisation against one framework version."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="+"
    )
    lead = person_field()
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The assessment this one was started from."),
    )
    created_by = person_field()
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = person_field()
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = person_field()
    approval_comment = models.TextField(blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    snapshot_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # Reopening an approved self-evaluation starts revision n+1 as a new row: the approved one,
    # its snapshot and hash are never changed (assessments.revisions).
    revision = models.PositiveSmallIntegerField(default=1)
    reopened_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
        help_text=_("The approved revision this one was reopened from."),
    )

    history = HistoricalRecords(excluded_fields=["snapshot"])
    url_kwarg = "assessment_code"

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
        constraints = [
            # An approved revision is reopened at most once (revision n+1 is the next one).
            models.UniqueConstraint(fields=["reopened_from"], name="assessments_reopened_once")
        ]
        indexes = [
            # Lists and dashboards filter an organisation's assessments by state.
            models.Index(fields=["organisation", "status"], name="assessments_org_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "assessments:detail",
            kwargs={"org_slug": self.organisation.slug, "assessment_code": self.code},
        )

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class CriterionAssignment(TenantModel):
    """A criterion of an assessment assigned to a member, who sees it under "my items"."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="assignments")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="assessments_one_assignee_per_criterion"
            )
        ]
        indexes = [
            # "My items": an assignee's open work across assessments.
            models.Index(fields=["organisation", "assignee"], name="assessments_assignee"),
        ]


class Response(TenantModel):
    """The provider's judgement on one benchmark. `revision` guards against lost updates."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    benchmark = models.ForeignKey(Benchmark, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    confidence = models.CharField(max_length=20, blank=True)
    not_applicable = models.BooleanField(default=False)
    na_justification = models.TextField(_("why it does not apply"), blank=True)
    strengths = models.TextField(_("what we do well"), blank=True)
    improvements = models.TextField(_("areas for improvement"), blank=True)
    evidence = models.ManyToManyField(
        to="evidence.EvidenceItem", blank=True, related_name="responses"
    )
    registers_cited = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Keys of the live registers cited as evidence (no upload needed)."),
    )
    revision = models.PositiveIntegerField(default=0)
    updated_by = person_field()
    # What the previous cycle said, kept when an assessment is started from last year's.
    carried_forward = models.BooleanField(default=False)
    previous_level = models.PositiveSmallIntegerField(null=True, blank=True)
    previous_confidence = models.CharField(max_length=20, blank=True)
    previous_not_applicable = models.BooleanField(default=False)
    previous_strengths = models.TextField(blank=True)
    previous_improvements = models.TextField(blank=True)
    # The benchmark's wording last cycle: a new framework version may have reworded it.
    previous_statement = models.TextField(blank=True)

    history = HistoricalRecords(m2m_fields=[evidence])
    url_kwarg = "response_code"

    class Meta(TenantModel.Meta):
        ordering = ["benchmark__criterion__position", "benchmark__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "benchmark"], name="assessments_one_response_per_benchmark"
            ),
            models.CheckConstraint(
                condition=models.Q(not_applicable=False) | models.Q(level__isnull=True),
                name="assessments_not_applicable_has_no_level",
            ),
        ]
        indexes = [
            # The cockpit reads each provider's latest change: one index probe, not a sort.
            models.Index(fields=["organisation", "updated_at"], name="responses_org_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.benchmark.code} in {self.assessment}"

    @property
    def is_answered(self) -> bool:
        if self.not_applicable:
            return bool(self.na_justification.strip())
        return self.level is not None and bool(self.confidence)


class ReviewAction(models.TextChoices):
    STARTED = "started", _("Started")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned with comments")
    APPROVED = "approved", _("Approved and signed off")
    REOPENED = "reopened", _("Reopened as a new revision")


class ReviewEvent(TenantModel):
    """The workflow's history: who submitted, returned or approved, when, and what they said."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=ReviewAction.choices)
    by = person_field()
    comment = models.TextField(blank=True)
    # On an approval: how many judgement checks the approver was shown and acknowledged.
    checks_acknowledged = models.PositiveIntegerField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        ordering = ["created_at"]


class BenchmarkComment(TenantModel):
    """A senior leader's comment on one benchmark, sent back with a return; the quality manager
    marks it resolved (who and when are kept, and the history)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="benchmark_comments"
    )
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="comments")
    event = models.ForeignKey(
        ReviewEvent, on_delete=models.CASCADE, related_name="benchmark_comments"
    )
    comment = models.TextField()
    by = person_field()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = person_field()

    history = HistoricalRecords()
    url_kwarg = "comment_code"

    class Meta(TenantModel.Meta):
        ordering = ["created_at"]
        indexes = [
            # The respond page reads a criterion's comments by response.
            models.Index(fields=["organisation", "response"], name="assessments_comment_response"),
        ]

    def __str__(self) -> str:
        return f"Comment on {self.response_id}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class AreaGrade(models.TextChoices):
    """Ofsted's five-point report-card scale (FE and skills inspections from 10 November 2025)."""

    EXCEPTIONAL = "exceptional", _("Exceptional")
    STRONG = "strong", _("Strong standard")
    EXPECTED = "expected", _("Expected standard")
    NEEDS_ATTENTION = "needs_attention", _("Needs attention")
    URGENT = "urgent_improvement", _("Urgent improvement")


class SafeguardingJudgement(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")


class SelfJudgement(TenantModel):
    """The provider's own judgement of one Ofsted report-card area, for the inspection briefing.

    `area` is a key of the framework version's `report_card_areas`; areas on the "met" scale
    (safeguarding) take met / not met, the others the five-point scale. Never Ofsted's judgement.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="self_judgements"
    )
    area = models.CharField(max_length=40)
    grade = models.CharField(max_length=30, blank=True)
    reasons = models.TextField(blank=True)
    updated_by = person_field()

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "area"], name="assessments_one_self_judgement_per_area"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.grade or 'not judged'}"
