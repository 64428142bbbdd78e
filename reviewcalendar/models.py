"""A person's secret iCalendar feed of an organisation's review dates.

Only the SHA-256 of the feed's token is stored; revoking a feed (or making a new one) stops the
old address working at once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from tenancy.models import TenantModel


class CalendarFeed(TenantModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["last_used_at", "token_hash"])

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(revoked_at__isnull=True),
                name="reviewcalendar_one_live_feed_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar feed for {self.user}"
