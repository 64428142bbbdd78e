"""A batch of reminder emails shares one SMTP connection and costs a fixed number of queries
per email (no organisation lookup per email); each email is in its recipient's language."""

from datetime import date, timedelta
from typing import cast

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from actionplans.models import Action, ActionStatus
from reminders.delivery import deliver_notifications
from reminders.models import Kind, Notification
from tenancy.roles import Role
from tests.factories import MembershipFactory
from tests.reminders.counting_backend import CountingBackend

pytestmark = pytest.mark.django_db
DUE = date(2026, 11, 30)


def notifications(org, owner, count: int, start: int = 0) -> list[int]:
    ids = []
    for n in range(start, start + count):
        action = Action.unscoped.create(
            organisation=org,
            title=f"Action {n}",
            owner=owner,
            due_date=DUE + timedelta(days=n),
            status=ActionStatus.IN_PROGRESS,
        )
        notification = Notification.unscoped.create(
            organisation=org,
            recipient=owner,
            kind=Kind.ACTION_DUE_SOON,
            action=action,
            due_date=action.due_date,
            dedupe_key=f"test:{n}",
        )
        ids.append(notification.pk)
    return ids


@pytest.fixture
def owner(org):
    return MembershipFactory(organisation=org, role=Role.CONTRIBUTOR).user


def test_a_batch_opens_one_connection(org, owner, settings):
    settings.EMAIL_BACKEND = "tests.reminders.counting_backend.CountingBackend"
    CountingBackend.opened = 0
    assert deliver_notifications(notifications(org, owner, 4)) == 4
    assert len(mail.outbox) == 4
    assert CountingBackend.opened == 1


def test_each_email_costs_the_same_fixed_queries(org, owner):
    small, large = notifications(org, owner, 2), notifications(org, owner, 6, start=2)
    with CaptureQueriesContext(connection) as two:
        deliver_notifications(small)
    with CaptureQueriesContext(connection) as six:
        deliver_notifications(large)
    # Per email: the claim and the "sent" stamp. The batch's read is shared.
    assert len(six) - len(two) == 4 * 2
    assert all("/o/" + org.slug + "/actions/" in m.body for m in mail.outbox)


def test_each_email_is_in_its_recipients_language(org, owner):
    welsh = cast(User, MembershipFactory(organisation=org, role=Role.CONTRIBUTOR).user)
    welsh.language = "cy"
    welsh.save(update_fields=["language"])
    ids = notifications(org, owner, 1) + notifications(org, welsh, 1, start=1)
    assert deliver_notifications(ids) == 2
    english, cymraeg = sorted(mail.outbox, key=lambda m: m.to[0] != owner.email)
    assert english.body.startswith("Hello ")
    assert "This action you own at" in english.body
    assert cymraeg.body.startswith("Helo ")
    assert "Mae'r cam gweithredu hwn sy'n eiddo i chi yn" in cymraeg.body
    assert cymraeg.subject.startswith("Yn ddyledus ")
    assert english.subject.startswith("Due ")
    html = cymraeg.alternatives[0][0]  # type: ignore[attr-defined]  # an EmailMultiAlternatives
    assert '<html lang="cy">' in html
    assert "Agor y cam gweithredu" in html
