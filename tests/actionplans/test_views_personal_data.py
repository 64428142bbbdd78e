"""Saving an action or its progress shows any text that looks like personal data beside its
field, keeps everything typed, and saves once each finding is changed or confirmed."""

import html as htmlib
import re
from datetime import timedelta
from typing import cast

import pytest
from django.utils import timezone

from actionplans.models import Action, ActionStatus, ProgressUpdate
from tenancy.models import PersonalDataConfirmation
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.actionplans.factories import ActionFactory
from tests.actionplans.helpers import action_url, url
from tests.conftest import member_of

pytestmark = pytest.mark.django_db

DESCRIPTION = "Follow up the concern Priya Shah referred; her mum is on 07700 900123."


def page(response) -> str:
    return htmlib.unescape(response.content.decode())


def keys(body: str) -> list[str]:
    return re.findall(r'name="personal_data_confirm" value="([0-9a-f]{64})"', body)


def plan_form(**fields) -> dict:
    return {
        "title": "Follow up the termly referral audit",
        "description": DESCRIPTION,
        "due_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "priority": "high",
        **fields,
    }


def an_action(org, owner) -> Action:
    return cast(Action, ActionFactory(organisation=org, title="Refresh training", owner=owner))


@pytest.fixture(autouse=True)
def priya(org):
    return member_of(org, Role.CONTRIBUTOR, user__name="Priya Shah")


def test_adding_an_action_shows_findings_beside_the_field_and_keeps_the_text(org, qm, client_for):
    response = client_for(qm).post(url("create", org), plan_form(owner=qm.pk))

    assert response.status_code == 400
    body = page(response)
    assert "Check for personal data before saving" in body
    assert "2 pieces of text look like personal data" in body
    description = body[body.index('id="id_description"') :]
    assert description.index("<mark>Priya Shah</mark>") < description.index('id="id_owner"')
    assert "<mark>07700 900123</mark>" in description
    assert DESCRIPTION in body  # nothing typed is lost
    assert not Action.objects.for_organisation(org).exists()


def test_confirming_every_finding_saves_and_records_who(org, qm, client_for):
    client = client_for(qm)
    found = keys(page(client.post(url("create", org), plan_form(owner=qm.pk))))
    assert len(found) == 2

    half = client.post(url("create", org), plan_form(owner=qm.pk, personal_data_confirm=found[0]))
    assert half.status_code == 400 and len(keys(page(half))) == 1

    done = client.post(url("create", org), plan_form(owner=qm.pk, personal_data_confirm=found[1]))

    assert done.status_code == 302
    with tenant_scope(org):
        assert Action.objects.get().description == DESCRIPTION
        records = list(PersonalDataConfirmation.objects.order_by("category"))
    assert [(r.category, r.confirmed_by) for r in records] == [("name", qm), ("phone", qm)]
    assert records[0].where == "New action · Description"


def test_editing_an_action_is_checked_too_and_fixing_the_text_saves(org, qm, client_for):
    action = an_action(org, qm)
    client = client_for(qm)

    blocked = client.post(action_url("edit", action), plan_form(owner=qm.pk))
    fixed = client.post(
        action_url("edit", action),
        plan_form(owner=qm.pk, description="Follow up the two referrals made this term."),
    )

    assert blocked.status_code == 400 and len(keys(page(blocked))) == 2
    assert fixed.status_code == 302
    stored = Action.objects.for_organisation(org).get(code=action.code)
    assert stored.description == "Follow up the two referrals made this term."


def test_progress_updates_are_checked_beside_their_fields(org, qm, client_for):
    action = an_action(org, qm)
    client = client_for(qm)
    data = {
        "comment": "Spoke to learner ULN 4829103756 about the referral.",
        "status": ActionStatus.IN_PROGRESS,
        "completed_on": "",
        "impact_note": "",
    }

    blocked = client.post(action_url("progress", action), data)

    assert blocked.status_code == 400
    body = page(blocked)
    comment = body[body.index('id="id_comment"') :]
    assert comment.index("<mark>4829103756</mark>") < comment.index('id="id_status"')
    assert not ProgressUpdate.objects.for_organisation(org).exists()
    (key,) = keys(body)

    saved = client.post(action_url("progress", action), {**data, "personal_data_confirm": key})

    assert saved.status_code == 302
    with tenant_scope(org):
        assert ProgressUpdate.objects.get().comment == data["comment"]
