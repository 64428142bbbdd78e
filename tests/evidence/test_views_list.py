"""The evidence library list: its filters, its flags (expiring, expired) and constant query
counts."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.evidence.helpers import html, item_in, titles, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(org, qm, contributor):
    today = timezone.localdate()
    return {
        "policy": item_in(
            org,
            uploaded=True,
            title="Prevent policy",
            description="Safeguarding and Prevent",
            owner=qm,
            effective_date=today - timedelta(days=30),
            valid_until=today + timedelta(days=300),
        ),
        "risk": item_in(
            org,
            title="Risk assessment",
            owner=qm,
            effective_date=today - timedelta(days=400),
            valid_until=today - timedelta(days=1),
        ),
        "certificate": item_in(
            org,
            title="DSL certificate",
            owner=contributor,
            effective_date=today - timedelta(days=700),
            valid_until=today + timedelta(days=10),
        ),
        "log": item_in(org, title="Speaker log", owner=contributor, effective_date=today),
        "archived": item_in(
            org, title="Old policy", owner=qm, effective_date=today, archived_at=timezone.now()
        ),
    }


def test_the_list_shows_the_library_newest_first(org, viewer, library, client_for):
    response = client_for(viewer).get(url("list", org))
    assert response.status_code == 200
    assert titles(response) == [
        "Speaker log",
        "Prevent policy",
        "Risk assessment",
        "DSL certificate",
    ]
    page = html(response)
    assert '<span class="tag tag-danger">Expired</span>' in page
    assert '<span class="tag tag-warning">Expires soon</span>' in page
    assert "Add evidence" not in page  # viewers cannot add


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "current"}, ["Speaker log", "Prevent policy", "DSL certificate"]),
        ({"status": "expiring"}, ["DSL certificate"]),
        ({"status": "expired"}, ["Risk assessment"]),
        ({"status": "archived"}, ["Old policy"]),
        ({"search": "safeguarding"}, ["Prevent policy"]),
        ({"search": "policy.pdf"}, ["Prevent policy"]),
        ({"search": "CERTIFICATE"}, ["DSL certificate"]),
        (
            {"status": "nonsense"},
            ["Speaker log", "Prevent policy", "Risk assessment", "DSL certificate"],
        ),
    ],
)
def test_the_list_filters(org, qm, library, client_for, params, expected):
    response = client_for(qm).get(url("list", org), params)
    assert response.status_code == 200
    assert titles(response) == expected


def test_the_list_filters_by_owner(org, qm, contributor, library, client_for):
    response = client_for(qm).get(url("list", org), {"owner": contributor.pk})
    assert titles(response) == ["Speaker log", "DSL certificate"]


def test_an_owner_filter_from_another_organisation_is_ignored(
    org, qm, outsider, library, client_for
):
    response = client_for(qm).get(url("list", org), {"owner": outsider.pk})
    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_the_list_shows_only_this_organisations_evidence(org, other_org, qm, outsider, client_for):
    item_in(org, title="Ours", owner=qm)
    item_in(other_org, title="Theirs", owner=outsider)
    assert titles(client_for(qm).get(url("list", org))) == ["Ours"]


def test_the_list_query_count_does_not_grow_with_the_items(org, qm, contributor, client_for):
    client = client_for(qm)

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("list", org)).status_code == 200
        return len(captured)

    for n in range(3):
        item_in(org, uploaded=True, owner=qm if n % 2 else contributor, uploaded_by=contributor)
    with_three = queries_for_list()
    for n in range(27):
        item_in(org, owner=qm if n % 2 else contributor, uploaded_by=qm)
    with_thirty = queries_for_list()

    assert with_three == with_thirty
    assert len(titles(client.get(url("list", org)))) == 30


@pytest.fixture
def frozen_today(time_machine):
    time_machine.move_to(datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)
    return date(2026, 6, 15)


@pytest.mark.parametrize(
    ("valid_until", "expired", "soon"),
    [
        (None, False, False),
        (date(2026, 6, 14), True, False),
        (date(2026, 6, 15), False, True),  # valid to the end of today
        (date(2026, 7, 15), False, True),  # exactly 30 days: still flagged
        (date(2026, 7, 16), False, False),
    ],
)
def test_expired_and_expiring_flags(org, frozen_today, valid_until, expired, soon):
    item = item_in(org, effective_date=date(2025, 1, 1), valid_until=valid_until)
    assert item.is_expired is expired
    assert item.expires_soon is soon


def test_the_warning_period_comes_from_the_settings(org, frozen_today, settings):
    settings.EVIDENCE_EXPIRY_WARNING_DAYS = 60
    item = item_in(org, effective_date=date(2025, 1, 1), valid_until=date(2026, 8, 1))
    assert item.expires_soon


def test_the_list_flags_follow_the_clock(org, qm, frozen_today, client_for, time_machine):
    item_in(
        org,
        title="Certificate",
        owner=qm,
        effective_date=date(2024, 7, 1),
        valid_until=date(2026, 7, 1),
    )
    client = client_for(qm)
    assert "Expires soon" in html(client.get(url("list", org)))
    time_machine.move_to(datetime(2026, 7, 2, 9, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)
    client = client_for(qm)  # the earlier session has expired by then
    page = html(client.get(url("list", org)))
    assert '<span class="tag tag-danger">Expired</span>' in page
    assert titles(client.get(url("list", org), {"status": "expired"})) == ["Certificate"]
