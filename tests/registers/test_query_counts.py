"""The register pages and the calendar cost the same number of queries at two sizes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registers.services import event_decide, event_record_checks, risk_raise_action, sample_draw
from registers.services.events import Checks
from registers.terms import previous_term, term_of
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.conftest import member_of
from tests.registers.conftest import make_event, make_risk

pytestmark = pytest.mark.django_db
PAGES = [
    ("registers:risks", {}),
    ("registers:risks", {"rating": "high", "q": "Wi-Fi"}),
    ("registers:events", {}),
    ("registers:events", {"q": "speaker"}),
    ("registers:samples", {}),
    ("reviewcalendar:calendar", {}),
    ("reviewcalendar:calendar", {"view": "list"}),
]


def _grow(org, qm, leader, n, today):
    people = [member_of(org, Role.CONTRIBUTOR) for _ in range(3)]
    term = previous_term(term_of(today))
    for i in range(n):
        owner = people[i % 3]
        risk = make_risk(
            org,
            qm,
            owner=owner,
            risk=f"Wi-Fi risk {i}",
            next_review_date=today + timedelta(days=i % 28),
        )
        event = make_event(
            org, owner, days=-(today - term.start).days + i % 20, speaker_name=f"Speaker {i}"
        )
        with tenant_scope(org):
            if i % 2:
                risk_raise_action(risk=risk, by=qm, due_date=today + timedelta(days=i % 25))
            event_record_checks(event=event, by=qm, checks=Checks(True, True, True, "ok", "low"))
            event_decide(
                event=event,
                by=leader,
                decision="refused" if i % 5 == 0 else "approved",
                reasons="Reasons",
            )
    return term


def _count(client, org, name, params) -> int:
    url = reverse(name, kwargs={"org_slug": org.slug})
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_pages_do_not_grow_with_the_registers(org, qm, leader, client_for, today):
    client = client_for(qm)
    term = _grow(org, qm, leader, 4, today)
    with tenant_scope(org):
        sample_draw(organisation=org, by=leader, term=term)
    small = {(n, str(p)): _count(client, org, n, p) for n, p in PAGES}
    _grow(org, qm, leader, 36, today)
    large = {(n, str(p)): _count(client, org, n, p) for n, p in PAGES}
    assert large == small
