import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection

from actionplans.models import Action, ActionStatus
from evidence.models import EvidenceItem, EvidenceKind
from reminders.delivery import claim_email, deliver_notifications
from reminders.models import Kind, Notification, ReminderSettings
from reminders.sweep import claim_reminders, run_sweep
from tenancy.models import Membership
from tenancy.roles import Role
from tests.clock import TODAY, frozen_on
from tests.factories import MembershipFactory


@pytest.fixture(autouse=True)
def frozen_clock():
    """Claims, leases and reminders all read one stopped clock on TODAY."""
    with frozen_on(TODAY):
        yield


@pytest.fixture
def people(org):
    return {
        role: MembershipFactory(organisation=org, role=role).user
        for role in (Role.QUALITY_MANAGER, Role.SENIOR_LEADER, Role.CONTRIBUTOR)
    }


def action(org, owner, days_from_today: int, status=ActionStatus.IN_PROGRESS, **extra) -> Action:
    return Action.unscoped.create(
        organisation=org,
        title=f"Action due {days_from_today:+d}",
        owner=owner,
        due_date=TODAY + timedelta(days=days_from_today),
        status=status,
        completed_on=TODAY if status == ActionStatus.DONE else None,
        **extra,
    )


def kinds_for(user) -> list[tuple[str, str]]:
    return sorted(
        (n.kind, n.action.title if n.action else "")
        for n in Notification.unscoped.filter(recipient=user).select_related("action")
    )


def sweep_and_send():
    with time_machine.travel(TODAY, tick=False):
        return run_sweep(TODAY, enqueue=deliver_notifications)


pytestmark = pytest.mark.django_db


def test_each_threshold_reminds_the_owner_once(org, people):
    staff = people[Role.CONTRIBUTOR]
    for days in (10, 7, 3, 1, 0, -1):
        action(org, staff, days)
    action(org, staff, -3, status=ActionStatus.DONE)
    claim_reminders(TODAY)
    assert kinds_for(staff) == [
        ("action_due_soon", "Action due +3"),
        ("action_due_soon", "Action due +7"),
        ("action_due_tomorrow", "Action due +1"),
        ("action_overdue", "Action due -1"),
    ]


def test_more_than_fourteen_days_overdue_escalates_to_senior_leaders(org, people):
    action(org, people[Role.CONTRIBUTOR], -15)
    action(org, people[Role.CONTRIBUTOR], -14)
    claim_reminders(TODAY)
    escalations = Notification.unscoped.filter(kind=Kind.ACTION_ESCALATION)
    assert [(n.recipient, n.action.title) for n in escalations] == [
        (people[Role.SENIOR_LEADER], "Action due -15")
    ]


def test_the_organisation_sets_its_own_reminder_days(org, people):
    ReminderSettings.unscoped.create(organisation=org, due_soon_days=3, escalation_days=5)
    action(org, people[Role.CONTRIBUTOR], 5)
    action(org, people[Role.CONTRIBUTOR], 3)
    action(org, people[Role.CONTRIBUTOR], -6)
    created = claim_reminders(TODAY)
    assert created[Kind.ACTION_DUE_SOON] == 1
    assert created[Kind.ACTION_ESCALATION] == 1


def test_running_the_sweep_twice_sends_each_email_once(org, people):
    staff = people[Role.CONTRIBUTOR]
    action(org, staff, -2)
    action(org, staff, 1)
    first = sweep_and_send()
    second = sweep_and_send()
    assert sum(first.created.values()) > 0 and sum(second.created.values()) == 0
    to_staff = [m for m in mail.outbox if m.to == [staff.email]]
    assert len(to_staff) == 2
    assert {m.subject.split(":")[0] for m in to_staff} == {"Overdue", "Due tomorrow"}


def test_a_missed_day_is_caught_up_by_the_next_sweep(org, people):
    staff = people[Role.CONTRIBUTOR]
    action(org, staff, 5)  # the 7-day reminder's exact day was two days ago
    action(org, staff, -2)  # became overdue while nobody swept
    claim_reminders(TODAY)
    assert [k for k, _ in kinds_for(staff)] == ["action_due_soon", "action_overdue"]


def test_two_workers_delivering_the_same_ids_send_once(org, people):
    action(org, people[Role.CONTRIBUTOR], -1)
    claim_reminders(TODAY)
    ids = list(Notification.unscoped.filter(kind=Kind.ACTION_OVERDUE).values_list("id", flat=True))
    assert deliver_notifications(ids) == 1
    assert deliver_notifications(ids) == 0
    assert len(mail.outbox) == 1


def test_a_task_retried_after_a_crash_sends_once(org, people):
    action(org, people[Role.CONTRIBUTOR], -1)
    claim_reminders(TODAY)
    notification = Notification.unscoped.get(kind=Kind.ACTION_OVERDUE)
    with time_machine.travel(TODAY, tick=False):  # the claim's clock, not the machine's
        assert claim_email(notification)  # a worker claimed it, then died before sending
        assert deliver_notifications([notification.pk]) == 0  # within the lease: not resent
    with time_machine.travel(TODAY + timedelta(days=1), tick=False):
        assert deliver_notifications([notification.pk]) == 1  # lease expired: sent once
        assert deliver_notifications([notification.pk]) == 0


def test_opted_out_people_get_only_essential_emails(org, people):
    staff = people[Role.CONTRIBUTOR]
    staff.receives_optional_emails = False
    staff.save()
    action(org, staff, 1)
    action(org, staff, -1)
    sweep_and_send()
    assert [m.subject.split(":")[0] for m in mail.outbox if m.to == [staff.email]] == ["Overdue"]
    skipped = Notification.unscoped.get(kind=Kind.ACTION_DUE_TOMORROW)
    assert skipped.email_skipped and skipped.email_sent_at is None  # still in the bell


def test_owners_who_left_the_organisation_are_not_reminded(org, people, user_factory):
    former = user_factory()
    action(org, former, -1)
    claim_reminders(TODAY)
    assert not Notification.unscoped.filter(recipient=former).exists()
    assert not Notification.unscoped.filter(action__isnull=False).exists()


def test_evidence_nearing_its_valid_until_date_reminds_its_owner(org, people):
    qm = people[Role.QUALITY_MANAGER]
    for days, title in ((10, "Soon"), (45, "Later"), (-1, "Expired")):
        EvidenceItem.unscoped.create(
            organisation=org,
            title=title,
            kind=EvidenceKind.LINK,
            url="https://intranet.example/doc",
            owner=qm,
            effective_date=TODAY - timedelta(days=300),
            valid_until=TODAY + timedelta(days=days),
        )
    sweep_and_send()
    reminders = Notification.unscoped.filter(kind=Kind.EVIDENCE_EXPIRING)
    assert [n.evidence.title for n in reminders] == ["Soon"]
    assert any("Soon" in m.subject for m in mail.outbox)


def test_the_weekly_digest_goes_to_quality_managers_once_a_week(org, people):
    action(org, people[Role.CONTRIBUTOR], -3)
    sweep_and_send()
    with time_machine.travel(TODAY + timedelta(days=1), tick=False):
        run_sweep(TODAY + timedelta(days=1), enqueue=deliver_notifications)
    digests = Notification.unscoped.filter(kind=Kind.WEEKLY_DIGEST)
    assert [n.recipient for n in digests] == [people[Role.QUALITY_MANAGER]]
    digest_mail = [m for m in mail.outbox if m.subject.startswith("Weekly")]
    assert len(digest_mail) == 1
    assert "1 overdue" in digest_mail[0].subject


def test_reminder_emails_have_text_and_html_a_link_and_the_organisation(org, people):
    staff = people[Role.CONTRIBUTOR]
    overdue = action(org, staff, -2)
    sweep_and_send()
    message = next(m for m in mail.outbox if m.to == [staff.email])
    html = message.alternatives[0][0]
    link = f"http://testserver/o/{org.slug}/actions/{overdue.code}/"
    assert org.name in message.subject and org.name in message.body and org.name in html
    assert link in message.body and link in html
    assert "2 days overdue" in html


def test_the_bell_shows_unread_reminders(org, people, client_for):
    staff = people[Role.CONTRIBUTOR]
    action(org, staff, -2)
    claim_reminders(TODAY)
    client = client_for(staff)
    page = client.get("/notifications/").content.decode()
    assert "Action due -2" in page and "bell-count" in page
    client.post("/notifications/read/")
    assert "bell-count" not in client.get("/notifications/").content.decode()


@pytest.mark.services
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (CI)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_sweeps_on_two_connections_create_and_send_each_reminder_once(org, people):
    staff = people[Role.CONTRIBUTOR]
    for days in (-5, -1, 1, 3):
        action(org, staff, days)
    errors = []

    def sweep():
        try:
            run_sweep(TODAY, enqueue=deliver_notifications)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    notifications = Notification.unscoped.filter(recipient=staff)
    assert notifications.count() == 4
    assert len([m for m in mail.outbox if m.to == [staff.email]]) == 4


def test_the_sweep_query_count_does_not_grow_with_the_number_of_actions(org, people):
    from django.test.utils import CaptureQueriesContext

    def queries_for_sweep() -> int:
        Notification.unscoped.all().delete()
        with CaptureQueriesContext(connection) as captured:
            run_sweep(TODAY, enqueue=lambda ids: None)
        return len(captured)

    for days in (-20, -3, 1, 4):
        action(org, people[Role.CONTRIBUTOR], days)
    small = queries_for_sweep()
    for n in range(40):
        action(org, people[Role.CONTRIBUTOR], (n % 30) - 15)
    assert queries_for_sweep() == small


def test_a_removed_members_bell_shows_nothing_of_the_old_organisation(
    org, other_org, people, client_for
):
    staff = people[Role.CONTRIBUTOR]
    MembershipFactory(organisation=other_org, user=staff, role=Role.VIEWER)  # still works there
    action(org, staff, -2)
    claim_reminders(TODAY)
    client = client_for(staff)
    assert "Action due -2" in client.get("/notifications/").content.decode()

    Membership.unscoped.filter(organisation=org, user=staff).delete()

    page = client.get("/notifications/").content.decode()
    assert "Action due -2" not in page and org.name not in page
    assert "bell-count" not in client.get(f"/o/{other_org.slug}/").content.decode()
    client.post("/notifications/read/")
    assert Notification.unscoped.get(recipient=staff).read_at is None  # not even touched


def test_a_removed_member_is_not_emailed_the_old_organisations_reminders(org, people):
    staff = people[Role.CONTRIBUTOR]
    action(org, staff, -2)
    claim_reminders(TODAY)
    Membership.unscoped.filter(organisation=org, user=staff).delete()
    notification = Notification.unscoped.get(recipient=staff)
    assert deliver_notifications([notification.pk]) == 0
    assert not mail.outbox
