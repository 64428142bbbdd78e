from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenancy.models import TenantModel


class Kind(models.TextChoices):
    ACTION_DUE_SOON = "action_due_soon", _("Action due soon")
    ACTION_DUE_TOMORROW = "action_due_tomorrow", _("Action due tomorrow")
    ACTION_OVERDUE = "action_overdue", _("Action overdue")
    ACTION_ESCALATION = "action_escalation", _("Overdue action escalated")
    EVIDENCE_EXPIRING = "evidence_expiring", _("Evidence expiring")
    SUBCONTRACTOR_DOCUMENT_EXPIRING = (
        "subcontractor_doc_expiring",
        _("Subcontractor document expiring"),
    )
    RISK_REVIEW_DUE = "risk_review_due", _("Risk review due")
    WEEKLY_DIGEST = "weekly_digest", _("Weekly digest")
    TRAINING_REFRESHERS = "training_refreshers", _("Training refreshers due")
    PACK_LINK_OPENED = "pack_link_opened", _("Evidence pack link opened for the first time")
    # Hand-offs (reminders.handoffs): sent as work changes hands, not by the sweep.
    CRITERION_ASSIGNED = "criterion_assigned", _("Criterion assigned to you")
    CRITERION_UNASSIGNED = "criterion_unassigned", _("Criterion no longer assigned to you")
    ASSESSMENT_SUBMITTED = "assessment_submitted", _("Self-evaluation submitted for review")
    ASSESSMENT_RETURNED = "assessment_returned", _("Self-evaluation returned with comments")
    ASSESSMENT_APPROVED = "assessment_approved", _("Self-evaluation approved")
    ACTIONS_ASSIGNED = "actions_assigned", _("Actions given to you")
    ACTIONS_REASSIGNED = "actions_reassigned", _("Actions reassigned to you")
    ACTION_DONE = "action_done", _("Action marked done")
    QUESTIONNAIRE_SUBMITTED = "questionnaire_submitted", _("Subcontractor questionnaire submitted")
    PACK_READY = "pack_ready", _("Evidence pack ready")


# People may opt out of every email except these.
ESSENTIAL_KINDS = {Kind.ACTION_OVERDUE, Kind.ACTION_ESCALATION, Kind.PACK_LINK_OPENED}

#: Hand-offs each person may turn off one by one on their preferences page (they still appear
#: in the bell); the sweep's optional reminders follow `User.receives_optional_emails`.
HANDOFF_KINDS = (
    Kind.CRITERION_ASSIGNED,
    Kind.CRITERION_UNASSIGNED,
    Kind.ASSESSMENT_SUBMITTED,
    Kind.ASSESSMENT_RETURNED,
    Kind.ASSESSMENT_APPROVED,
    Kind.ACTIONS_ASSIGNED,
    Kind.ACTIONS_REASSIGNED,
    Kind.ACTION_DONE,
    Kind.QUESTIONNAIRE_SUBMITTED,
    Kind.PACK_READY,
)


class ReminderSettings(TenantModel):
    """When an organisation's reminders go out. Missing row = the defaults below."""

    due_soon_days = models.PositiveSmallIntegerField(
        _("remind owners this many days before the due date"), default=7
    )
    escalation_days = models.PositiveSmallIntegerField(
        _("escalate to senior leaders after this many days overdue"), default=14
    )
    evidence_warning_days = models.PositiveSmallIntegerField(
        _("remind evidence owners this many days before it expires"), default=30
    )
    digest_weekday = models.PositiveSmallIntegerField(
        _("weekly digest day"),
        default=0,
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
        ],
    )

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="reminders_settings_one_per_org"),
            models.CheckConstraint(
                condition=models.Q(due_soon_days__gte=2, due_soon_days__lte=60),
                name="reminders_due_soon_days_range",
            ),
        ]


class Notification(TenantModel):
    """One reminder to one person. Its `dedupe_key` makes it exist at most once, which is how
    the sweep is exactly-once however often it runs; `email_sent_at` records the email."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    action = models.ForeignKey(
        "actionplans.Action", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    evidence = models.ForeignKey(
        "evidence.EvidenceItem", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subcontractor_document = models.ForeignKey(
        "subcontractors.SubcontractorDocument",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    risk = models.ForeignKey(
        "registers.Risk", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    pack_share_link = models.ForeignKey(
        "reporting.PackShareLink",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # A hand-off's subject (reminders.handoffs) and who handed it over; `detail` keeps what the
    # message quotes (a reviewer's comment, the snapshot's SHA-256, a batch of actions).
    assessment = models.ForeignKey(
        "assessments.Assessment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    criterion = models.ForeignKey(
        "frameworks.Criterion", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    review = models.ForeignKey(
        "subcontractors.DueDiligenceReview",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    pack = models.ForeignKey(
        "reporting.EvidencePack", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Null on the sweep's rows (its INSERT ... SELECT leaves it out).
    detail = models.JSONField(default=dict, blank=True, null=True)
    due_date = models.DateField(null=True, blank=True, help_text=_("The date it reminds about."))
    dedupe_key = models.CharField(max_length=200, unique=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_skipped = models.BooleanField(default=False, help_text=_("The recipient opted out."))
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
        indexes = [
            # The bell's unread count and the notification list, on every page.
            models.Index(fields=["recipient", "read_at"], name="notifications_unread"),
            # The send phase looks for claimed-but-unsent rows.
            models.Index(
                fields=["email_sent_at"],
                condition=models.Q(email_sent_at__isnull=True),
                name="notifications_unsent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recipient}"

    @property
    def handoff(self):
        """What a hand-off says (None for the sweep's reminders), for the bell and the email."""
        from reminders.handoff_messages import describe

        return describe(self)
