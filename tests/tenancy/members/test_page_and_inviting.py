"""The People page: what it lists and shows to whom, and inviting someone from it (bad input
kept and shown next to its field)."""

import pytest
from django.core import mail

from tenancy.models import Invitation, InvitationState
from tenancy.roles import Role
from tests.factories import MembershipFactory, account_manager_for
from tests.tenancy.helpers import field_error_html
from tests.tenancy.members.helpers import member_url, page_text, url

pytestmark = pytest.mark.django_db


# --- Seeing the page ------------------------------------------------------------------------


def test_the_people_page_lists_members_and_invitations(qm_client, org, colleague, invitation):
    response = qm_client.get(url("member_list", org))
    assert response.status_code == 200
    html = page_text(response)
    assert "Quinn Manager" in html
    assert "Casey Colleague" in html
    assert colleague.user.email in html
    assert "pending@example.org" in html
    assert "Invite a colleague" in html


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR, Role.SENIOR_LEADER])
def test_a_member_without_manage_rights_sees_people_but_no_controls(
    role, org, colleague, invitation, client_for
):
    reader = MembershipFactory(organisation=org, role=role).user
    response = client_for(reader).get(url("member_list", org))
    assert response.status_code == 200
    html = page_text(response)
    assert colleague.user.email in html
    assert "Invite a colleague" not in html
    assert "pending@example.org" not in html
    assert member_url("member_remove", colleague) not in html


# --- Inviting -------------------------------------------------------------------------------


def test_a_quality_manager_invites_a_colleague(
    qm_client, qm, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = qm_client.post(
            url("member_invite", org), {"email": "New.Person@example.org", "role": "senior_leader"}
        )

    assert response.status_code == 302
    assert response.url == url("member_list", org)
    invitation = Invitation.unscoped.get(organisation=org)
    assert invitation.email == "new.person@example.org"
    assert invitation.role == Role.SENIOR_LEADER
    assert invitation.invited_by == qm
    assert invitation.state == InvitationState.PENDING
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.org"]
    assert invitation.accept_url() in mail.outbox[0].body

    page = qm_client.get(response.url)
    assert "Invitation sent to new.person@example.org as senior leader." in page_text(page)
    assert "new.person@example.org" in page_text(page)


def test_an_account_manager_can_invite_for_their_provider(
    org, client_for, django_capture_on_commit_callbacks
):
    account_manager = account_manager_for(org)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(account_manager).post(
            url("member_invite", org), {"email": "qm2@example.org", "role": "quality_manager"}
        )
    assert response.status_code == 302
    assert Invitation.unscoped.get(organisation=org).invited_by == account_manager


@pytest.mark.parametrize("email", ["not-an-email", "someone@", "", "two@@example.org"])
def test_a_bad_email_is_shown_next_to_the_field_and_kept(qm_client, org, email):
    response = qm_client.post(url("member_invite", org), {"email": email, "role": "viewer"})

    assert response.status_code == 400
    form = response.context["invite_form"]
    assert list(form.errors) == ["email"]
    assert field_error_html(response, "email") != ""
    html = page_text(response)
    if email:
        assert f'value="{email}"' in html
    assert '<option value="viewer" selected>' in html
    assert not Invitation.unscoped.exists()


def test_an_unknown_role_is_refused(qm_client, org):
    response = qm_client.post(
        url("member_invite", org), {"email": "ok@example.org", "role": "owner"}
    )
    assert response.status_code == 400
    assert list(response.context["invite_form"].errors) == ["role"]
    assert 'value="ok@example.org"' in page_text(response)
    assert not Invitation.unscoped.exists()


def test_inviting_needs_a_post(qm_client, org):
    assert qm_client.get(url("member_invite", org)).status_code == 405
