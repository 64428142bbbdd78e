from datetime import timedelta

import pytest
from django.utils import timezone

from partners.services import area_create, contact_create, engagement_record
from tenancy.scope import tenant_scope


@pytest.fixture
def today():
    return timezone.localdate()


def make_area(org, by, name="Greater Manchester"):
    with tenant_scope(org):
        return area_create(organisation=org, by=by, name=name)


def make_contact(org, by, area, **overrides):
    fields = {
        "area": area,
        "kind": "la_lead",
        "organisation_name": "Manchester City Council",
        "contact_name": "Aisha Rahman",
        "role": "Prevent Education Officer",
        "email": "prevent@manchester.example.gov.uk",
        "phone": "0161 234 5000",
        "owner": by,
        "next_review_date": timezone.localdate() + timedelta(days=60),
    }
    fields.update(overrides)
    with tenant_scope(org):
        return contact_create(organisation=org, by=by, **fields)


def make_engagement(org, by, contact, days_ago=10, action=None, **overrides):
    fields = {
        "contact": contact,
        "occurred_on": timezone.localdate() - timedelta(days=days_ago),
        "kind": "meeting",
        "summary": "Termly Prevent network meeting",
        "what_changed": "Standing Prevent item added to team meetings",
    }
    fields.update(overrides)
    with tenant_scope(org):
        return engagement_record(organisation=org, by=by, action=action, **fields)
