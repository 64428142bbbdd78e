from datetime import timedelta

import pytest
from django.utils import timezone

from registers.services import event_request, risk_create
from tenancy.scope import tenant_scope


@pytest.fixture
def today():
    return timezone.localdate()


def make_risk(org, by, **overrides):
    fields = {
        "category": "online",
        "risk": "Learners reach extremist content on college Wi-Fi",
        "hazard": "Guest network less filtered",
        "existing_controls": "Filtering on every network",
        "further_action": "Test the filtering each term",
        "owner": by,
        "action_due": timezone.localdate() + timedelta(days=30),
        "likelihood": 4,
        "impact": 4,
        "residual_likelihood": 3,
        "residual_impact": 3,
        "next_review_date": timezone.localdate() + timedelta(days=200),
    }
    fields.update(overrides)
    with tenant_scope(org):
        return risk_create(organisation=org, by=by, **fields)


def make_event(org, by, days=14, **overrides):
    fields = {
        "title": "Debate on free speech",
        "speaker_name": "Prof. Ann Example",
        "speaker_organisation": "University of Somewhere",
        "topic": "Free speech on campus",
        "event_date": timezone.localdate() + timedelta(days=days),
        "format": "on_site",
        "venue": "Main hall",
        "audience": "Level 3 learners",
        "expected_numbers": 60,
    }
    fields.update(overrides)
    with tenant_scope(org):
        return event_request(organisation=org, by=by, **fields)
