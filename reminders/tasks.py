from celery import shared_task

from reminders.delivery import deliver_notifications
from reminders.retention import notifications_prune
from reminders.sweep import run_sweep


@shared_task
def reminder_sweep_task() -> dict:
    result = run_sweep()
    return {"created": result.created, "enqueued": result.enqueued}


@shared_task(acks_late=True)
def send_notifications_task(notification_ids: list[int]) -> int:
    return deliver_notifications(notification_ids)


@shared_task
def notifications_prune_task() -> int:
    return notifications_prune()
