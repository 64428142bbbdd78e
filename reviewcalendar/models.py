"""A person's secret iCalendar feed of an organisation's review dates.

A `core.secret_links.SecretLink`: only the SHA-256 of the feed's token is stored; revoking a
feed (or making a new one) stops the old address working at once. Feeds do not expire
(`expires_at` stays empty): calendar apps poll them for as long as the person wants them.
"""

from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from simple_history.models import HistoricalRecords

from core.secret_links import SecretLink, SecretLinkManager
from tenancy.models import TenantModel


class CalendarFeed(SecretLink, TenantModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    unscoped: ClassVar[SecretLinkManager[Self]] = SecretLinkManager()
    history = HistoricalRecords(excluded_fields=[*SecretLink.UNTRACKED_FIELDS, "token_hash"])

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
        return gettext("Calendar feed for %(person)s") % {"person": self.user}
