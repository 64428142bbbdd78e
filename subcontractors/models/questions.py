"""The lead provider's own questions, asked in every due diligence questionnaire after the fixed
checklist. Each review keeps a copy of the questions it was sent with, and its answers, so
changing or retiring a question never changes last year's answers."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from subcontractors.models.reviews import DueDiligenceReview
from tenancy.models import TenantModel


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    YES_NO = "yes_no", _("Yes or no")
    CHOICE = "choice", _("One of a list")
    DATE = "date", _("A date")
    FILE = "file", _("A document")


MAX_OWN_QUESTIONS = 20


class LeadQuestion(TenantModel):
    """A question of the lead provider's own, asked in reviews started from now on."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    text = models.CharField(_("question"), max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    kind = models.CharField(_("answer"), max_length=10, choices=QuestionKind.choices)
    choices = models.JSONField(default=list, blank=True, help_text=_("For 'One of a list'."))
    position = models.PositiveSmallIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)
    created_by = person_field()

    history = HistoricalRecords()
    url_kwarg = "question_code"

    class Meta(TenantModel.Meta):
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return self.text


class ReviewQuestion(TenantModel):
    """One of the lead's own questions as a review asked it, and the subcontractor's answer."""

    review = models.ForeignKey(
        DueDiligenceReview, on_delete=models.CASCADE, related_name="own_questions"
    )
    asked_from = models.ForeignKey(
        LeadQuestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    choices = models.JSONField(default=list, blank=True)
    answer_text = models.TextField(blank=True)
    answer_yes_no = models.BooleanField(null=True, blank=True)
    answer_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        ordering = ["review", "position"]

    def __str__(self) -> str:
        return self.text

    @property
    def field_name(self) -> str:
        return f"q{self.position}"

    @property
    def is_answered(self) -> bool:
        if self.kind == QuestionKind.YES_NO:
            return self.answer_yes_no is not None
        if self.kind == QuestionKind.DATE:
            return self.answer_date is not None
        if self.kind == QuestionKind.FILE:
            return any(d.archived_at is None for d in self.documents.all())
        return bool(self.answer_text.strip())

    @property
    def answer_display(self) -> str:
        if self.kind == QuestionKind.YES_NO:
            return {True: "Yes", False: "No"}.get(self.answer_yes_no, "")  # type: ignore[arg-type]
        if self.kind == QuestionKind.DATE:
            return f"{self.answer_date:%-d %B %Y}" if self.answer_date else ""
        return self.answer_text
