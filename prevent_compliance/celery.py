import os
from typing import Any

from celery import Celery
from celery.schedules import crontab
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")

app = Celery("prevent_compliance")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# Task outcomes and durations for /metrics (core.metrics), in whichever process runs the task.
# Imported when a task runs, not here: this module loads before the settings, which may fail.
@task_prerun.connect(weak=False)
def _count_task_start(**kwargs: Any) -> None:
    from core.metrics import task_started

    task_started(**kwargs)


@task_postrun.connect(weak=False)
def _count_task_end(**kwargs: Any) -> None:
    from core.metrics import task_finished

    task_finished(**kwargs)


app.conf.beat_schedule = {
    # Daily, early, so owners have their reminders when they start work.
    "reminder-sweep": {
        "task": "reminders.tasks.reminder_sweep_task",
        "schedule": crontab(hour=6, minute=30),
    },
    # Daily: next year's due diligence reviews, and chasers before their due dates.
    "subcontractor-review-cycle": {
        "task": "subcontractors.tasks.subcontractor_review_cycle_task",
        "schedule": crontab(hour=6, minute=45),
    },
    "prune-old-notifications": {
        "task": "reminders.tasks.notifications_prune_task",
        "schedule": crontab(hour=3, minute=30),
    },
    # Every minute: evidence packs no worker picked up, or whose worker died, are sent again
    # (or failed once out of attempts), so none waits for ever.
    "pack-recovery": {
        "task": "reporting.tasks.pack_recovery_task",
        "schedule": 60.0,
    },
    # Every 5 minutes: each provider's attention score, which orders the account managers'
    # cockpit (the page computes any older than reporting.attention.ATTENTION_TTL itself).
    "provider-attention": {
        "task": "reporting.tasks.attention_refresh_task",
        "schedule": 300.0,
    },
    # Daily: evidence packs and share links past PACK_RETENTION_DAYS, and evidence files
    # superseded longer than EVIDENCE_SUPERSEDED_RETENTION_DAYS, are deleted.
    "pack-retention": {
        "task": "reporting.tasks.packs_retention_task",
        "schedule": crontab(hour=3, minute=45),
    },
    "superseded-evidence-files": {
        "task": "evidence.tasks.superseded_files_task",
        "schedule": crontab(hour=4, minute=0),
    },
    "clear-expired-sessions": {
        "task": "core.tasks.clear_expired_sessions_task",
        "schedule": crontab(hour=3, minute=15),
    },
}
