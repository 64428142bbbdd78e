"""One review calendar: every dated review, month and list views, and a secret iCalendar feed."""

from datetime import timedelta

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.links import hash_token
from reviewcalendar.models import CalendarFeed
from reviewcalendar.selectors import EntryKind, calendar_entries
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def riverside(demo_world, db):
    return Organisation.objects.get(slug="riverside-college")


def _qm():
    return get_user_model().objects.get(email="qm@riverside.demo.example")


def test_the_demo_calendar_has_every_kind_of_date(riverside):
    today = timezone.localdate()
    with tenant_scope(riverside):
        entries = calendar_entries(
            organisation=riverside, start=today - timedelta(days=60), end=today + timedelta(400)
        )
    assert {e.kind for e in entries} == set(EntryKind)


def test_the_month_and_list_views_and_filters(riverside, client_for):
    client = client_for(_qm())
    url = reverse("reviewcalendar:calendar", kwargs={"org_slug": riverside.slug})
    month = client.get(url)
    assert month.status_code == 200 and "Review calendar" in month.content.decode()
    listed = client.get(url, {"view": "list", "kind": "risk_review"})
    kinds = {e.kind for e in listed.context["page"].object_list}
    assert kinds <= {EntryKind.RISK_REVIEW} and kinds
    mine = client.get(url, {"view": "list", "mine": "on"})
    assert all(e.person == _qm().display_name for e in mine.context["page"].object_list)
    assert client.get(url, {"month": "not-a-month"}).status_code == 200


def _make_feed(client, riverside) -> str:
    url = reverse("reviewcalendar:feed", kwargs={"org_slug": riverside.slug})
    response = client.post(url, {"action": "create"})
    return response.context["new_url"]


def test_the_feed_parses_with_icalendar_and_lists_the_demo_dates(riverside, client_for):
    qm = _qm()
    feed_url = _make_feed(client_for(qm), riverside)
    token = feed_url.rsplit("/", 1)[1].removesuffix(".ics")
    stored = CalendarFeed.unscoped.get(user=qm, revoked_at=None)
    assert stored.token_hash == hash_token(token) and token not in stored.token_hash
    response = Client().get(feed_url.replace("http://testserver", ""))  # no session
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    today = timezone.localdate()
    with tenant_scope(riverside):
        expected = calendar_entries(
            organisation=riverside,
            start=today - timedelta(60),
            end=today + timedelta(400),
            person=qm,
        )
    assert len(events) == len(expected) > 0
    summaries = {str(e["SUMMARY"]) for e in events}
    assert any(s.startswith("Risk review: ") for s in summaries)
    assert any(s.startswith("Action due: ") for s in summaries)
    assert all(e.decoded("DTSTART") >= today - timedelta(60) for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_a_new_address_or_revoking_kills_the_old_one(riverside, client_for):
    client = client_for(_qm())
    first = _make_feed(client, riverside).replace("http://testserver", "")
    second = _make_feed(client, riverside).replace("http://testserver", "")
    anonymous = Client()
    assert anonymous.get(first).status_code == 404
    assert anonymous.get(second).status_code == 200
    client.post(
        reverse("reviewcalendar:feed", kwargs={"org_slug": riverside.slug}), {"action": "revoke"}
    )
    gone = anonymous.get(second)
    assert gone.status_code == 404 and "address does not work" in gone.content.decode()
    assert anonymous.post(second).status_code == 404
    assert CalendarFeed.unscoped.filter(revoked_by=_qm()).count() == 2


def test_a_feed_of_a_person_who_left_stops(riverside, client_for):
    qm = _qm()
    url = _make_feed(client_for(qm), riverside).replace("http://testserver", "")
    get_user_model().objects.filter(pk=qm.pk).update(is_active=False)
    assert Client().get(url).status_code == 404
