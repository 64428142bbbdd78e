import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from tenancy.models import TenantModel


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    BLOCKED = "blocked", _("Blocked")
    DONE = "done", _("Done")


OPEN_STATUSES = [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED]


class Action(TenantModel):
    """An owned, dated piece of improvement work. Overdue is derived, never stored."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    criterion = models.ForeignKey(
        "frameworks.Criterion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    benchmark = models.ForeignKey(
        "frameworks.Benchmark", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    response = models.ForeignKey(
        "assessments.Response",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        help_text=_("The self-evaluation judgement this action addresses."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_date = models.DateField()
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    completed_on = models.DateField(null=True, blank=True)
    completion_evidence = models.ManyToManyField(
        to="evidence.EvidenceItem", blank=True, related_name="completed_actions"
    )
    impact_note = models.TextField(
        blank=True, help_text=_("What changed as a result: the impact an inspector would look for.")
    )
    created_by = person_field()
    # Where the action came from, so raising it twice creates no duplicate
    # (e.g. "gap:<response code>", "visit:<visit code>:<n>"). Empty for actions typed by hand.
    source_key = models.CharField(max_length=120, blank=True)

    history = HistoricalRecords(m2m_fields=[completion_evidence])
    url_kwarg = "action_code"

    class Meta(TenantModel.Meta):
        ordering = ["due_date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "source_key"],
                condition=~Q(source_key=""),
                name="actionplans_action_source_once",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False),
                name="actionplans_done_has_completion_date",
            ),
        ]
        indexes = [
            # The plan list, "my actions" and the reminder sweep all filter open actions by
            # organisation and due date.
            models.Index(fields=["organisation", "status", "due_date"], name="actions_org_due"),
            models.Index(fields=["owner", "status"], name="actions_owner_status"),
            # The cockpit reads each provider's latest change: one index probe, not a sort.
            models.Index(fields=["organisation", "updated_at"], name="actions_org_updated"),
            # The plan's criterion filter offers the criteria its actions address: one probe
            # per criterion, not a scan of every provider's actions that cite it.
            models.Index(fields=["organisation", "criterion"], name="actions_org_criterion"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "actionplans:detail",
            kwargs={"org_slug": self.organisation.slug, "action_code": self.code},
        )

    @property
    def is_open(self) -> bool:
        return self.status != ActionStatus.DONE

    def days_overdue(self, today: date | None = None) -> int:
        today = today or timezone.localdate()
        return (today - self.due_date).days if self.is_open and self.due_date < today else 0

    @property
    def is_overdue(self) -> bool:
        return self.days_overdue() > 0


class ActionUserObjectPermission(UserObjectPermissionBase):
    """Per-object grants (direct FK): an action's owner may update it."""

    content_object = models.ForeignKey(Action, on_delete=models.CASCADE)


class ProgressUpdate(TenantModel):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField()
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, blank=True, help_text=_("Status set with it.")
    )

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        ordering = ["created_at"]
