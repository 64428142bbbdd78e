"""Enqueue Celery tasks so that a broker outage never breaks the web request."""

import logging
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: "Task[..., Any]", *args: Any) -> None:
    """Send `task` with `args` once the current transaction commits.

    If the broker cannot be reached the failure is logged and swallowed: the caller's data is
    already committed and whatever the task does can be retried (re-sent) later.
    """

    def send() -> None:
        try:
            task.apply_async(args=args, retry=False)
        except Exception:
            logger.exception("Could not enqueue %s%r; the broker is unreachable", task.name, args)

    transaction.on_commit(send)
