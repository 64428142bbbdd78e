"""The partner pages: bad input beside its field with nothing typed lost, a briefing that
raises an action in one step, no file upload for briefings, and constant query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import Action
from partners.models import Engagement, PartnerContact
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.clock import TODAY, days_from_today, frozen_on
from tests.conftest import member_of
from tests.partners.conftest import make_area, make_contact, make_engagement

pytestmark = pytest.mark.django_db


def url(org, name, **kwargs):
    return reverse(f"partners:{name}", kwargs={"org_slug": org.slug, **kwargs})


def test_adding_a_contact_with_a_bad_email_and_phone_keeps_what_was_typed(org, qm, client_for):
    area = make_area(org, qm)
    response = client_for(qm).post(
        url(org, "contact_create"),
        {
            "area": area.pk,
            "kind": "police",
            "organisation_name": "Counter Terrorism Policing North West",
            "email": "prevent at ctp",
            "phone": "call reception",
            "is_current": "on",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["email"] == ["Enter an email address in the form name@example.gov.uk."]
    assert form.errors["phone"][0].startswith("Enter a UK phone number of 10 or 11 digits")
    html = response.content.decode()
    assert 'value="prevent at ctp"' in html and 'value="call reception"' in html
    assert 'id="id_email_error"' in html
    with tenant_scope(org):
        assert not PartnerContact.objects.exists()


def test_adding_a_contact(org, qm, client_for):
    area = make_area(org, qm)
    response = client_for(qm).post(
        url(org, "contact_create"),
        {
            "area": area.pk,
            "kind": "la_lead",
            "organisation_name": "Lancashire County Council",
            "email": " prevent@lancashire.example.gov.uk ",
            "phone": "01772  530000",
            "is_current": "on",
        },
    )
    with tenant_scope(org):
        contact = PartnerContact.objects.get()
    assert response.status_code == 302 and response["Location"] == contact.get_absolute_url()
    assert (contact.email, contact.phone) == ("prevent@lancashire.example.gov.uk", "01772 530000")


def test_another_organisations_area_is_not_a_choice(org, other_org, qm, client_for):
    foreign = make_area(other_org, None, "Elsewhere")
    response = client_for(qm).post(
        url(org, "contact_create"),
        {"area": foreign.pk, "kind": "la_lead", "organisation_name": "X"},
    )
    assert response.status_code == 400
    assert "area" in response.context["form"].errors


def test_a_duplicate_area_name_is_refused_beside_the_field(org, qm, client_for):
    make_area(org, qm, "Lancashire")
    response = client_for(qm).post(url(org, "area_create"), {"name": "LANCASHIRE"})
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [
        "There is already a delivery area with this name."
    ]


def _briefing(contact, qm, **extra):
    return {
        "contact": contact.pk,
        "occurred_on": (TODAY - timedelta(days=3)).isoformat(),
        "kind": "briefing",
        "received_by": qm.pk,
        "summary": "Counter-Terrorism Local Profile briefing for education partners",
        "what_changed": "Distribution-site recruitment added to the risk register",
        **extra,
    }


@frozen_on(TODAY)
def test_a_briefing_received_raises_an_action_in_one_step(org, qm, colleague, client_for):
    contact = make_contact(org, qm, make_area(org, qm), kind="police")
    data = _briefing(
        contact,
        qm,
        raise_action="on",
        action_title="Add the local picture to the coaches' refresher",
        action_owner=colleague.pk,
        action_due=(TODAY + timedelta(days=21)).isoformat(),
    )
    client = client_for(qm)
    response = client.post(url(org, "engagement_create"), data)
    with tenant_scope(org):
        engagement = Engagement.objects.select_related("action").get()
    assert response.status_code == 302 and response["Location"] == engagement.get_absolute_url()
    assert engagement.action is not None
    assert engagement.received_by == qm and engagement.action.owner == colleague
    page = client.get(engagement.get_absolute_url()).content.decode()
    assert "In the action plan" in page and "stays with the partner" in page
    with tenant_scope(org):
        assert Action.objects.filter(source_key=f"engagement:{engagement.code}").count() == 1


@frozen_on(TODAY)
def test_a_briefing_without_who_or_what_changed_is_refused_beside_the_fields(org, qm, client_for):
    contact = make_contact(org, qm, make_area(org, qm))
    data = _briefing(contact, qm, received_by="", what_changed="", raise_action="on")
    response = client_for(qm).post(url(org, "engagement_create"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"action_title", "action_owner", "action_due"}
    data |= {"raise_action": "", "summary": "Regional update"}
    response = client_for(qm).post(url(org, "engagement_create"), data)
    errors = response.context["form"].errors
    assert set(errors) == {"received_by", "what_changed"}
    assert "Regional update" in response.content.decode()
    with tenant_scope(org):
        assert not Engagement.objects.exists()


def test_the_form_offers_no_upload_and_says_why(org, qm, client_for):
    make_contact(org, qm, make_area(org, qm))
    html = client_for(qm).get(url(org, "engagement_create")).content.decode()
    assert 'type="file"' not in html and "multipart" not in html
    assert "Restricted partner material" in html and "is not uploaded" in html


def test_odd_input_never_fails(org, qm, client_for):
    contact = make_contact(org, qm, make_area(org, qm))
    client = client_for(qm)
    for name in ("contacts", "engagements", "index"):
        response = client.get(url(org, name), {"q": "a\x00b", "area": "nope", "page": "99999"})
        assert response.status_code == 200
    response = client.post(url(org, "engagement_create"), _briefing(contact, qm, summary="x\x00"))
    assert response.status_code == 400
    response = client.post(
        url(org, "engagement_create"), _briefing(contact, qm, occurred_on="99999-01-01")
    )
    assert response.status_code == 400
    assert client.get(url(org, "engagement_create"), {"contact": "not-a-code"}).status_code == 200


def test_raising_an_action_later_twice_gives_one_action(org, qm, client_for):
    contact = make_contact(org, qm, make_area(org, qm))
    engagement = make_engagement(org, qm, contact, kind="advice")
    target = url(org, "engagement_raise_action", engagement_code=engagement.code)
    data = {
        "action-action_title": "Add Prevent to the due diligence checklist",
        "action-action_owner": qm.pk,
        "action-action_due": days_from_today(40).isoformat(),
    }
    client = client_for(qm)
    assert client.post(target, data).status_code == 302
    assert client.post(target, data).status_code == 302
    with tenant_scope(org):
        assert Action.objects.filter(source_key=f"engagement:{engagement.code}").count() == 1
    bad = client.post(target, {**data, "action-action_owner": ""})
    assert bad.status_code == 400


def test_viewers_read_but_are_not_offered_changes(org, qm, viewer, client_for):
    make_contact(org, qm, make_area(org, qm))
    html = client_for(viewer).get(url(org, "index")).content.decode()
    assert "Greater Manchester" in html and "Record an engagement" not in html


def _grow(org, qm, n, start):
    people = [member_of(org, Role.CONTRIBUTOR) for _ in range(2)]
    for i in range(n):
        area = make_area(org, qm, f"Area {start + i}")
        contact = make_contact(org, qm, area, kind=["la_lead", "police", "dfe"][i % 3])
        make_engagement(org, qm, contact, days_ago=i % 40)
        make_engagement(
            org,
            qm,
            contact,
            days_ago=1 + i % 30,
            kind="briefing",
            received_by=people[i % 2],
            what_changed="Reviewed",
        )


PAGES = [
    ("index", {}),
    ("contacts", {}),
    ("contacts", {"q": "council", "kind": "la_lead"}),
    ("engagements", {}),
    ("engagements", {"kind": "briefing", "q": "network"}),
    ("contact_create", {}),
    ("engagement_create", {}),
]


def _counts(client, org):
    counts = {}
    for name, params in PAGES:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(org, name), params).status_code == 200
        counts[(name, str(params))] = len(captured)
    return counts


def test_pages_do_not_grow_with_the_register(org, qm, client_for):
    client = client_for(qm)
    _grow(org, qm, 3, 0)
    with tenant_scope(org):
        contact = PartnerContact.objects.first()
    assert contact is not None
    detail = url(org, "contact", contact_code=contact.code)
    small = _counts(client, org)
    with CaptureQueriesContext(connection) as captured:
        client.get(detail)
    small_detail = len(captured)
    _grow(org, qm, 30, 3)
    for _ in range(5):
        make_engagement(org, qm, contact, days_ago=5)
    assert _counts(client, org) == small
    with CaptureQueriesContext(connection) as captured:
        client.get(detail)
    assert len(captured) == small_detail
