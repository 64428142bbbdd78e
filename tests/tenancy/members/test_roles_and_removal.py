"""Changing a member's role and removing a member from the People page: confirmation, the audit
trail, and never leaving the organisation without a quality manager."""

import pytest
from django.urls import reverse

from tenancy.models import Membership
from tenancy.roles import Role
from tests.factories import MembershipFactory
from tests.tenancy.members.helpers import member_url, page_text, url

pytestmark = pytest.mark.django_db


# --- Changing roles -------------------------------------------------------------------------


def test_a_quality_manager_changes_a_role(qm_client, org, colleague):
    response = qm_client.post(
        member_url("member_change_role", colleague), {"role": "senior_leader"}, follow=True
    )

    assert response.redirect_chain == [(url("member_list", org), 302)]
    colleague.refresh_from_db()
    assert colleague.role == Role.SENIOR_LEADER
    assert "Casey Colleague is now a senior leader." in page_text(response)


def test_a_role_change_is_recorded_in_the_audit_trail(qm_client, qm, colleague):
    qm_client.post(member_url("member_change_role", colleague), {"role": "viewer"})

    record = colleague.history.first()
    assert record.role == Role.VIEWER
    assert record.history_type == "~"
    assert record.history_user == qm
    assert colleague.history.count() == 2  # created, then changed


def test_a_removal_is_recorded_in_the_audit_trail(qm_client, qm, colleague):
    qm_client.post(member_url("member_remove", colleague))

    record = Membership.history.filter(id=colleague.pk).first()
    assert record.history_type == "-"
    assert record.history_user == qm
    assert record.role == Role.CONTRIBUTOR


def test_an_invalid_role_changes_nothing(qm_client, colleague):
    response = qm_client.post(
        member_url("member_change_role", colleague), {"role": "owner"}, follow=True
    )
    assert "Choose one of the roles in the list." in page_text(response)
    colleague.refresh_from_db()
    assert colleague.role == Role.CONTRIBUTOR


def test_the_last_quality_manager_cannot_be_demoted(qm_client, qm_membership, colleague):
    response = qm_client.post(
        member_url("member_change_role", qm_membership), {"role": "viewer"}, follow=True
    )

    assert response.status_code == 200
    assert "is the only quality manager" in page_text(response)
    qm_membership.refresh_from_db()
    assert qm_membership.role == Role.QUALITY_MANAGER
    assert qm_membership.history.count() == 1


def test_one_of_two_quality_managers_can_be_demoted(qm_client, org, qm_membership, colleague):
    qm_client.post(member_url("member_change_role", colleague), {"role": "quality_manager"})
    response = qm_client.post(
        member_url("member_change_role", qm_membership), {"role": "contributor"}, follow=True
    )

    assert "is the only quality manager" not in page_text(response)
    qm_membership.refresh_from_db()
    colleague.refresh_from_db()
    assert qm_membership.role == Role.CONTRIBUTOR
    assert colleague.role == Role.QUALITY_MANAGER


def test_a_quality_manager_of_another_organisation_does_not_count(
    qm_client, qm_membership, other_org
):
    MembershipFactory(organisation=other_org, role=Role.QUALITY_MANAGER)
    qm_client.post(member_url("member_change_role", qm_membership), {"role": "viewer"})
    qm_membership.refresh_from_db()
    assert qm_membership.role == Role.QUALITY_MANAGER


# --- Removing -------------------------------------------------------------------------------


def test_removing_asks_for_confirmation_first(qm_client, colleague):
    response = qm_client.get(member_url("member_remove", colleague))

    assert response.status_code == 200
    html = page_text(response)
    assert "Remove Casey Colleague?" in html
    assert colleague.user.email in html
    assert "Remove access</button>" in html
    assert Membership.unscoped.filter(pk=colleague.pk).exists()


def test_a_quality_manager_removes_a_member(qm_client, org, colleague):
    response = qm_client.post(member_url("member_remove", colleague), follow=True)

    assert response.redirect_chain == [(url("member_list", org), 302)]
    assert not Membership.unscoped.filter(pk=colleague.pk).exists()
    assert f"Casey Colleague no longer has access to {org.name}." in page_text(response)
    # The user account itself stays; only access to this organisation goes.
    colleague.user.refresh_from_db()
    assert colleague.user.is_active


def test_a_removed_member_loses_access(qm_client, org, colleague, client_for):
    colleague_client = client_for(colleague.user)
    assert colleague_client.get(org.get_absolute_url()).status_code == 200
    qm_client.post(member_url("member_remove", colleague))
    assert colleague_client.get(org.get_absolute_url()).status_code == 404


def test_the_last_quality_manager_cannot_be_removed(qm_client, org, qm_membership, colleague):
    response = qm_client.post(member_url("member_remove", qm_membership), follow=True)

    assert response.redirect_chain == [(url("member_list", org), 302)]
    assert "is the only quality manager" in page_text(response)
    assert Membership.unscoped.filter(pk=qm_membership.pk, role=Role.QUALITY_MANAGER).exists()


def test_one_of_two_quality_managers_can_be_removed(qm_client, org, qm_membership):
    second = MembershipFactory(organisation=org, role=Role.QUALITY_MANAGER)
    qm_client.post(member_url("member_remove", second))
    assert not Membership.unscoped.filter(pk=second.pk).exists()
    # ...and now the remaining one is the last, so it stays.
    qm_client.post(member_url("member_remove", qm_membership))
    assert Membership.unscoped.filter(pk=qm_membership.pk).exists()


def test_a_quality_manager_who_removes_themselves_goes_home(qm_client, org, qm_membership):
    MembershipFactory(organisation=org, role=Role.QUALITY_MANAGER)
    response = qm_client.post(member_url("member_remove", qm_membership))
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert not Membership.unscoped.filter(pk=qm_membership.pk).exists()


def test_a_member_of_another_organisation_cannot_be_addressed(qm_client, org, outsider):
    theirs = Membership.unscoped.get(user=outsider)
    wrong = url("member_remove", org, member_code=theirs.code)
    assert qm_client.get(wrong).status_code == 404
    assert qm_client.post(wrong).status_code == 404
    assert Membership.unscoped.filter(pk=theirs.pk).exists()
