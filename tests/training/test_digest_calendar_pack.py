"""The Prevent lead's monthly digest (exactly once, only when something falls due), refreshers
in the review calendar, and the pack's training section."""

from datetime import date, timedelta

import pytest
from django.core import mail

from reminders.delivery import deliver_notifications
from reminders.models import Kind, Notification
from reminders.sweep import claim_reminders
from reviewcalendar.selectors import EntryKind, calendar_entries
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.clock import TODAY, frozen_on
from tests.conftest import member_of
from tests.training.conftest import complete, make_course, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_world(org, qm):
    with frozen_on(TODAY):
        course = make_course(org, qm, "Awareness", ("tutors",), refresh_months=12)
        once = make_course(org, qm, "Once only", ("tutors",), refresh_months=None)
        tutors = [make_staff(org, qm, f"Tutor {i}") for i in range(3)]
        complete(org, qm, tutors[0], course, date(2025, 12, 20))  # due 20 Dec 2026
        complete(org, qm, tutors[1], course, date(2025, 12, 20))
        complete(org, qm, tutors[2], course, date(2026, 10, 1))  # not due for a year
        for tutor in tutors:
            complete(org, qm, tutor, once, date(2021, 1, 1))
    return course


def test_one_digest_per_quality_manager_per_month_however_often_the_sweep_runs(
    org, qm, leader, due_world
):
    second_qm = member_of(org, Role.QUALITY_MANAGER)
    for _ in range(3):
        claim_reminders(TODAY)
    digests = Notification.unscoped.filter(kind=Kind.TRAINING_REFRESHERS)
    assert sorted(digests.values_list("recipient_id", flat=True)) == sorted([qm.pk, second_qm.pk])
    assert set(digests.values_list("due_date", flat=True)) == {date(2026, 11, 1)}
    claim_reminders(TODAY + timedelta(days=3))  # later the same month: nothing new
    assert digests.count() == 2
    claim_reminders(date(2026, 12, 2))  # next month: again
    assert digests.count() == 4


def test_no_digest_when_nothing_falls_due(org, qm, due_world):
    with frozen_on(TODAY):
        with tenant_scope(org):
            due_world.refresh_from_db()
        # Leavers' and retired courses' refreshers do not count.
        due_world.active = False
        with tenant_scope(org):
            due_world.save()
    claim_reminders(TODAY)
    assert not Notification.unscoped.filter(kind=Kind.TRAINING_REFRESHERS).exists()


def test_a_refresher_only_counts_for_a_role_group_that_needs_it(org, qm, due_world):
    with tenant_scope(org):
        due_world.role_groups = ["board"]
        due_world.save()
    claim_reminders(TODAY)
    assert not Notification.unscoped.filter(kind=Kind.TRAINING_REFRESHERS).exists()


@frozen_on(TODAY)
def test_the_digest_email_gives_figures_by_course_not_names(org, qm, due_world):
    claim_reminders(TODAY)
    digest = Notification.unscoped.get(kind=Kind.TRAINING_REFRESHERS)
    assert deliver_notifications([digest.pk]) == 1
    assert deliver_notifications([digest.pk]) == 0  # exactly once
    email = mail.outbox[-1]
    assert email.subject.startswith("Prevent training: 0 overdue, 2 refreshers due by")
    assert "Awareness: 2" in email.body
    assert "Tutor 0" not in email.body
    assert "/training/overdue/" in email.body


@frozen_on(TODAY)
def test_a_person_who_turned_off_digests_is_not_emailed(org, qm, due_world):
    qm.receives_optional_emails = False
    qm.save()
    claim_reminders(TODAY)
    digest = Notification.unscoped.get(kind=Kind.TRAINING_REFRESHERS)
    assert deliver_notifications([digest.pk]) == 0
    digest.refresh_from_db()
    assert digest.email_skipped


@frozen_on(TODAY)
def test_the_calendar_shows_refreshers_per_course_and_day(org, qm, due_world):
    with tenant_scope(org):
        entries = calendar_entries(organisation=org, start=TODAY, end=TODAY + timedelta(days=400))
        mine = calendar_entries(
            organisation=org, start=TODAY, end=TODAY + timedelta(days=400), person=qm
        )
    refreshers = [e for e in entries if e.kind == EntryKind.TRAINING_REFRESHER]
    assert [(e.day, e.title) for e in refreshers] == [
        (date(2026, 12, 20), "Awareness: 2 refreshers due"),
        (date(2027, 10, 1), "Awareness: 1 refresher due"),
    ]
    assert not [e for e in mine if e.kind == EntryKind.TRAINING_REFRESHER]


def test_the_pack_has_training_figures_by_role_group(demo_world, db):
    from assessments.models import Assessment
    from reporting.packs import render_pack_html

    assessment = Assessment.unscoped.filter(organisation__slug="northfield-training").first()
    assert assessment is not None
    with tenant_scope(assessment.organisation):
        html = render_pack_html(assessment)
        names = list(assessment.organisation.staffmembers.values_list("name", flat=True))
    assert "Staff Prevent training" in html
    assert "Tutors and assessors" in html and "Subcontractor staff" in html
    assert "up to date with every course their role needs" in html
    assert not [name for name in names if name in html]  # counted, not named


def test_the_digest_shows_in_the_notification_list(org, qm, due_world, client_for):
    from django.urls import reverse

    claim_reminders(TODAY)
    page = client_for(qm).get(reverse("reminders:list")).content.decode()
    assert "Training refreshers due" in page
    assert "Prevent training refreshers falling due at Northbeck Training" in page
    assert reverse("training:overdue", kwargs={"org_slug": org.slug}) in page
