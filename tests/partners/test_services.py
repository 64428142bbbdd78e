"""Partner register services: areas, contacts (email and phone checked), engagements and the
actions they raise; briefings are recorded, never attached."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from actionplans.models import Action
from evidence.models import EvidenceItem
from partners.models import Engagement, PartnerContact
from partners.services import (
    NO_UPLOAD_FOR_BRIEFINGS,
    ActionRequest,
    area_create,
    area_rename,
    contact_update,
    engagement_raise_action,
)
from tenancy.scope import tenant_scope
from tests.clock import TODAY, frozen_on
from tests.partners.conftest import make_area, make_contact, make_engagement
from tests.registers.conftest import make_risk

pytestmark = pytest.mark.django_db


def test_area_names_are_unique_per_organisation_whatever_the_case(org, other_org, qm):
    make_area(org, qm, "Lancashire")
    with tenant_scope(org), pytest.raises(ValidationError) as caught:
        area_create(organisation=org, by=qm, name="  lancashire ")
    assert caught.value.message_dict == {
        "name": ["There is already a delivery area with this name."]
    }
    with tenant_scope(other_org):
        assert area_create(organisation=other_org, by=None, name="Lancashire").name == "Lancashire"


def test_renaming_an_area_keeps_its_history(org, qm):
    area = make_area(org, qm, "Lancs")
    with tenant_scope(org):
        area_rename(area=area, by=qm, name="Lancashire")
        assert [h.name for h in area.history.order_by("history_date")] == ["Lancs", "Lancashire"]
        assert area.history.first().history_user == qm


@pytest.mark.parametrize(
    "email, phone, bad",
    [
        ("not-an-email", "0161 234 5678", "email"),
        ("a@b.gov.uk", "12345", "phone"),
        ("a@b.gov.uk", "+1 555 123 4567", "phone"),
    ],
)
def test_contact_email_and_phone_are_checked(org, qm, email, phone, bad):
    area = make_area(org, qm)
    with pytest.raises(ValidationError) as caught:
        make_contact(org, qm, area, email=email, phone=phone)
    assert list(caught.value.message_dict) == [bad]
    assert "such as 0161" in caught.value.messages[0] or "name@example" in caught.value.messages[0]


@pytest.mark.parametrize("phone", ["0161 234 5678", "+44 (0)161 234 5678", "07700 900123"])
def test_uk_phone_numbers_are_accepted(org, qm, phone):
    contact = make_contact(org, qm, make_area(org, qm), phone=phone)
    assert contact.phone == phone


def test_a_contact_cannot_use_another_organisations_area(org, other_org, qm):
    foreign = make_area(other_org, None, "Elsewhere")
    with pytest.raises(ValidationError) as caught:
        make_contact(org, qm, foreign)
    assert "area" in caught.value.message_dict


def test_updating_a_contact_records_who(org, qm):
    contact = make_contact(org, qm, make_area(org, qm))
    with tenant_scope(org):
        contact_update(contact=contact, by=qm, is_current=False)
        contact = PartnerContact.objects.get(pk=contact.pk)
        assert not contact.is_current
        assert contact.history.first().history_user == qm


def test_a_briefing_needs_who_received_it_and_what_changed(org, qm):
    contact = make_contact(org, qm, make_area(org, qm))
    with pytest.raises(ValidationError) as caught:
        make_engagement(org, qm, contact, kind="briefing", what_changed=" ")
    assert set(caught.value.message_dict) == {"received_by", "what_changed"}


def test_a_briefing_takes_no_attachment(org, qm):
    contact = make_contact(org, qm, make_area(org, qm))
    with tenant_scope(org):
        item = EvidenceItem.objects.create(
            organisation=org,
            title="Network meeting notes",
            kind="link",
            url="https://example.org/notes",
            effective_date=TODAY,
        )
    with pytest.raises(ValidationError) as caught:
        make_engagement(
            org,
            qm,
            contact,
            kind="briefing",
            received_by=qm,
            what_changed="Risk reviewed",
            evidence=item,
        )
    assert caught.value.message_dict == {"evidence": [str(NO_UPLOAD_FOR_BRIEFINGS)]}
    meeting = make_engagement(org, qm, contact, evidence=item)
    assert meeting.evidence == item


def test_an_engagement_cannot_be_in_the_future(org, qm):
    contact = make_contact(org, qm, make_area(org, qm))
    with frozen_on(TODAY), pytest.raises(ValidationError) as caught:
        make_engagement(org, qm, contact, days_ago=-1)
    assert list(caught.value.message_dict) == ["occurred_on"]


def test_a_briefing_raises_its_action_in_the_same_step(org, qm, colleague):
    contact = make_contact(org, qm, make_area(org, qm), kind="police")
    risk = make_risk(org, qm)
    with frozen_on(TODAY):
        due = TODAY + timedelta(days=21)
        engagement = make_engagement(
            org,
            qm,
            contact,
            kind="briefing",
            received_by=colleague,
            what_changed="Local recruitment picture added to training",
            risk=risk,
            action=ActionRequest("Add the local picture to the refresher", colleague, due),
        )
    with tenant_scope(org):
        action = Action.objects.get(source_key=f"engagement:{engagement.code}")
        assert engagement.action == action
        assert (action.owner, action.due_date, action.created_by) == (colleague, due, qm)
        assert action.description == (
            "Raised from the briefing received from Manchester City Council (Greater Manchester) "
            "on 15 November 2026."
        )
        # Asking again gives the same action, not a second one.
        again = engagement_raise_action(
            engagement=Engagement.objects.get(pk=engagement.pk),
            by=qm,
            request=ActionRequest("Another", qm, due),
        )
        assert again == action
        assert Action.objects.filter(source_key__startswith="engagement:").count() == 1


def test_a_failed_action_leaves_no_engagement(org, qm):
    contact = make_contact(org, qm, make_area(org, qm))
    with pytest.raises(ValidationError) as caught:
        make_engagement(org, qm, contact, action=ActionRequest("  ", qm, TODAY))
    assert "action_title" in caught.value.message_dict
    with tenant_scope(org):
        assert not Engagement.objects.exists()


def test_an_owner_outside_the_organisation_is_refused(org, qm, outsider):
    contact = make_contact(org, qm, make_area(org, qm))
    with pytest.raises(ValidationError):
        make_engagement(
            org, qm, contact, action=ActionRequest("Do it", outsider, TODAY + timedelta(days=5))
        )
