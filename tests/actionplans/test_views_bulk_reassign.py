"""Reassigning several actions at once from the action plan page: the owner's permissions move
with them, only this organisation's actions and people count, and only managers may."""

import pytest

from actionplans.services import OWNER_PERMISSION
from tenancy.selectors import not_assignable_message
from tests.actionplans.factories import ActionFactory
from tests.actionplans.helpers import html, url

pytestmark = pytest.mark.django_db


def test_bulk_reassign_moves_the_ticked_actions_and_their_permissions(
    org, plan, qm, colleague, client_for
):
    ticked = [plan["late"], plan["later"]]
    client = client_for(qm)
    response = client.post(
        url("bulk_reassign", org),
        {
            "actions": [a.code for a in ticked],
            "owner": colleague.pk,
            "return_query": "status=open&sort=title&evil=1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("index", org) + "?status=open&sort=title"
    for action in ticked:
        action.refresh_from_db()
        assert action.owner == colleague
        assert colleague.has_perm(OWNER_PERMISSION, action)
    plan["soon"].refresh_from_db()
    assert plan["soon"].owner == colleague  # unchanged, it was hers already
    plan["done"].refresh_from_db()
    assert plan["done"].owner.name == "Casey Contributor"
    page = html(client.get(response["Location"]))
    assert "2 actions reassigned to Robin Colleague." in page


def test_bulk_reassign_touches_only_this_organisations_actions(
    org, other_org, plan, qm, colleague, outsider, client_for
):
    theirs = ActionFactory(organisation=other_org, title="Their action", owner=outsider)
    response = client_for(qm).post(
        url("bulk_reassign", org),
        {"actions": [plan["late"].code, theirs.code, "not-a-code"], "owner": colleague.pk},
        follow=True,
    )
    theirs.refresh_from_db()
    assert theirs.owner == outsider
    plan["late"].refresh_from_db()
    assert plan["late"].owner == colleague
    page = html(response)
    assert "1 action reassigned to Robin Colleague." in page
    assert "1 of the ticked actions was not found in this plan and left unchanged." in page


def test_bulk_reassign_to_someone_from_another_organisation_is_refused(
    org, plan, qm, contributor, outsider, client_for
):
    response = client_for(qm).post(
        url("bulk_reassign", org),
        {"actions": [plan["late"].code], "owner": outsider.pk},
        follow=True,
    )
    plan["late"].refresh_from_db()
    assert plan["late"].owner == contributor
    assert not_assignable_message(org) in html(response)


def test_bulk_reassign_with_nothing_ticked_says_so(org, plan, qm, colleague, client_for):
    response = client_for(qm).post(url("bulk_reassign", org), {"owner": colleague.pk}, follow=True)
    assert "Tick the actions you want to reassign" in html(response)


@pytest.mark.parametrize("who", ["contributor", "viewer", "leader"])
def test_only_managers_may_bulk_reassign(org, plan, colleague, client_for, request, who):
    user = request.getfixturevalue(who)
    response = client_for(user).post(
        url("bulk_reassign", org), {"actions": [plan["late"].code], "owner": colleague.pk}
    )
    assert response.status_code == 403
    plan["late"].refresh_from_db()
    assert plan["late"].owner != colleague
