"""Shared by the hand-off tests: who was told what, and what was emailed to whom."""

from django.core import mail

from reminders.models import Notification
from reminders.tasks import send_notifications_task


def told(user, kind=None) -> list[Notification]:
    rows = Notification.unscoped.filter(recipient=user).order_by("pk")
    return list(rows.filter(kind=kind) if kind else rows)


def emails_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def retry_every_delivery() -> int:
    """The email task run again for every notification, as a redelivered task would be."""
    ids = list(Notification.unscoped.values_list("pk", flat=True))
    return send_notifications_task(ids)
