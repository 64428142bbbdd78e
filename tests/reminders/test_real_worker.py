"""In CI: the sweep hands reminders to a real Celery worker through the real Redis, and each
email is delivered once even when the sweep runs twice."""

import os
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from actionplans.models import Action, ActionStatus
from prevent_compliance.celery import app as celery_app
from reminders.models import Kind, Notification
from reminders.sweep import run_sweep
from tenancy.roles import Role
from tests.factories import MembershipFactory
from tests.markers import needs_redis


@pytest.mark.services
@needs_redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_each_reminder_once(broker, org):
    from celery.contrib.testing.worker import start_worker

    owner = MembershipFactory(organisation=org, role=Role.CONTRIBUTOR).user
    Action.unscoped.create(
        organisation=org,
        title="Refresh the external speaker policy",
        owner=owner,
        due_date=timezone.localdate() - timedelta(days=2),
        status=ActionStatus.IN_PROGRESS,
    )
    broker(os.environ["REDIS_URL"])
    with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=10):
        run_sweep()
        run_sweep()  # a second sweep (or a second beat) must not send it again
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            sent = Notification.unscoped.filter(
                kind=Kind.ACTION_OVERDUE, email_sent_at__isnull=False
            )
            if sent.exists():
                break
            time.sleep(0.2)
        time.sleep(1)  # give a duplicate, if there were one, the chance to arrive
    overdue_mail = [m for m in mail.outbox if m.to == [owner.email]]
    assert len(overdue_mail) == 1
    assert overdue_mail[0].subject.startswith("Overdue: Refresh the external speaker policy")
