import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans.models import Action
from reminders.models import ReminderSettings

pytestmark = pytest.mark.django_db


def test_a_quality_manager_sets_the_reminder_days(org, member, client_for):
    url = reverse("reminders:settings", kwargs={"org_slug": org.slug})
    client = client_for(member)
    assert client.get(url).status_code == 200
    data = {
        "due_soon_days": 10,
        "escalation_days": 21,
        "evidence_warning_days": 45,
        "digest_weekday": 4,
    }
    assert client.post(url, data).status_code == 302
    saved = ReminderSettings.unscoped.get(organisation=org)
    assert (saved.due_soon_days, saved.escalation_days, saved.digest_weekday) == (10, 21, 4)


def test_bad_reminder_days_get_a_message_beside_the_field(org, member, client_for):
    url = reverse("reminders:settings", kwargs={"org_slug": org.slug})
    data = {
        "due_soon_days": 1,
        "escalation_days": 21,
        "evidence_warning_days": 45,
        "digest_weekday": 0,
    }
    response = client_for(member).post(url, data)
    assert response.status_code == 400
    assert "between 2 and 60" in response.context["form"].errors["due_soon_days"][0]
    assert not ReminderSettings.unscoped.exists()


def test_saving_an_action_works_quickly_when_redis_is_down(
    broker, org, member, client_for, django_capture_on_commit_callbacks
):
    broker("redis://127.0.0.1:1/0")  # nothing listens here
    url = reverse("actionplans:create", kwargs={"org_slug": org.slug})
    data = {
        "title": "Brief the new assessors on the referral route",
        "owner": member.pk,
        "due_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "priority": "high",
    }
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(url, data)
    assert time.monotonic() - started < 5
    assert response.status_code == 302
    assert Action.unscoped.filter(organisation=org, title=data["title"]).exists()
