"""Old notifications are pruned, except reminders about actions still open (their dedupe keys
stop the sweep from sending the same reminder again)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from actionplans.models import Action, ActionStatus
from reminders.delivery import deliver_notifications
from reminders.models import Kind, Notification
from reminders.retention import notifications_prune
from reminders.sweep import run_sweep
from tenancy.roles import Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Europe/London"))


def notification(org, user, key: str, created: datetime, **extra) -> Notification:
    with time_machine.travel(created, tick=False):
        return Notification.unscoped.create(
            organisation=org, recipient=user, dedupe_key=key, kind=Kind.WEEKLY_DIGEST, **extra
        )


def test_old_notifications_go_but_recent_ones_and_open_actions_stay(org, settings):
    settings.NOTIFICATION_RETENTION_DAYS = 365
    user = MembershipFactory(organisation=org, role=Role.CONTRIBUTOR).user
    old = NOW - timedelta(days=400)
    open_action = Action.unscoped.create(
        organisation=org, title="Still open", owner=user, due_date=date(2025, 9, 1)
    )
    done_action = Action.unscoped.create(
        organisation=org,
        title="Done",
        owner=user,
        due_date=date(2025, 9, 1),
        status=ActionStatus.DONE,
        completed_on=date(2025, 9, 2),
    )
    notification(org, user, "digest-old", old)
    notification(org, user, "digest-new", NOW - timedelta(days=30))
    kept = notification(org, user, "open-old", old, action=open_action)
    notification(org, user, "done-old", old, action=done_action)

    assert notifications_prune(now=NOW) == 2

    remaining = set(Notification.unscoped.values_list("dedupe_key", flat=True))
    assert remaining == {"digest-new", "open-old"}
    assert Notification.unscoped.filter(pk=kept.pk).exists()


def test_pruning_never_makes_the_sweep_resend_an_overdue_reminder(org, settings):
    settings.NOTIFICATION_RETENTION_DAYS = 30
    owner = MembershipFactory(organisation=org, role=Role.CONTRIBUTOR).user
    Action.unscoped.create(organisation=org, title="Late", owner=owner, due_date=date(2026, 9, 1))
    first = date(2026, 9, 10)
    with time_machine.travel(first, tick=False):
        run_sweep(first, enqueue=deliver_notifications)
    overdue = Notification.unscoped.filter(kind=Kind.ACTION_OVERDUE)
    assert overdue.count() == 1

    later = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    notifications_prune(now=later)
    with time_machine.travel(later, tick=False):
        run_sweep(later.date(), enqueue=deliver_notifications)

    assert overdue.count() == 1
