"""Pieces every Prevent register shares (part 2's training matrix and filtering log use them).

A register record is tenant-owned, addressed by a UUID `code`, has a responsible member and a
next review date, and keeps its history with django-simple-history. Scores are likelihood x
impact on 1-5 scales, banded into a rating the way the DfE "How to complete a risk assessment"
guidance suggests (a RAG rating).
"""

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.fields import person_field
from tenancy.models import TenantModel

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

DUE_SOON_DAYS = 30
STALE_AFTER = timedelta(days=365)  # "at least once a year" (C6.4)


class RegisterRecord(TenantModel):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = person_field(help_text=_("The member responsible for it; review reminders go to them."))
    next_review_date = models.DateField(null=True, blank=True)
    created_by = person_field()

    class Meta(TenantModel.Meta):
        abstract = True

    def review_state(self, today: date) -> str:
        return review_state(self.next_review_date, today)


def a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def review_state(next_review: date | None, today: date) -> str:
    """One of "overdue", "due_soon" (within 30 days), "scheduled" or "unscheduled"."""
    if next_review is None:
        return "unscheduled"
    if next_review < today:
        return "overdue"
    if next_review <= today + timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return "scheduled"


def score_field(label: "_StrOrPromise", **kwargs) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)], **kwargs
    )


class Rating(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


SCORE_CHOICES = [
    (1, _("1 · Very low")),
    (2, _("2 · Low")),
    (3, _("3 · Medium")),
    (4, _("4 · High")),
    (5, _("5 · Very high")),
]
HIGH_FROM = 15  # 15-25 high (red)
MEDIUM_FROM = 5  # 5-12 medium (amber); 1-4 low (green)


def rating_for(score: int | None) -> str:
    if not score:
        return ""
    if score >= HIGH_FROM:
        return Rating.HIGH
    if score >= MEDIUM_FROM:
        return Rating.MEDIUM
    return Rating.LOW
