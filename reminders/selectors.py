from django.db.models import QuerySet

from reminders.models import Notification
from tenancy.selectors import organisations_reachable_by


def notifications_for(user) -> QuerySet[Notification]:
    """A person's own notifications, only from organisations they can still open."""
    return Notification.unscoped.filter(
        recipient=user, organisation__in=organisations_reachable_by(user=user)
    )
