"""Old notifications are deleted after the retention period, so the table (and the bell's and
the list's indexes) stay the size of recent activity.

A reminder about an action that is still open is kept, however old: its dedupe key is what stops
the daily sweep from sending the same overdue reminder again. Every other kind names a date the
sweep has left behind (a past due date, an expiry, a week), so deleting it cannot resend it.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from actionplans.models import OPEN_STATUSES
from reminders.models import Notification

BATCH = 5000


def notifications_prune(*, now: datetime | None = None) -> int:
    """Deletes notifications older than NOTIFICATION_RETENTION_DAYS; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.NOTIFICATION_RETENTION_DAYS)
    old = Notification.unscoped.filter(created_at__lt=cutoff).exclude(  # every tenant's
        action__status__in=OPEN_STATUSES
    )
    deleted = 0
    while True:  # in batches: short transactions, no long lock on a busy table
        ids = list(old.order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not ids:
            return deleted
        deleted += Notification.unscoped.filter(pk__in=ids).delete()[0]
