"""Accepting an invitation with an existing account: signing in first, joining by posting, and
the wrong signed-in user refused."""

import pytest
from django.urls import reverse

from tenancy.models import InvitationState, Membership
from tenancy.roles import Role
from tests.factories import PASSWORD, InvitationFactory, UserFactory
from tests.tenancy.invitations.helpers import User, accept_path, signup_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def existing_user(db):
    return UserFactory(email="sam.patel@example.org", name="Sam Patel")


def test_an_existing_user_who_is_not_signed_in_is_asked_to_sign_in(
    client, existing_user, invitation, org
):
    path = accept_path(invitation)
    response = client.get(path)

    assert response.status_code == 200
    assert response.templates[0].name == "tenancy/invitation_sign_in.html"
    html = response.content.decode()
    assert "You already have an account for sam.patel@example.org" in html
    assert f"{reverse('account_login')}?next={path}" in html
    assert "password1" not in html


def test_an_existing_user_cannot_join_without_signing_in(client, existing_user, invitation, org):
    response = client.post(accept_path(invitation), signup_data())

    assert response.status_code == 200
    assert b"Sign in to accept" in response.content
    assert not Membership.unscoped.filter(organisation=org, user=existing_user).exists()
    existing_user.refresh_from_db()
    assert existing_user.check_password(PASSWORD)  # not overwritten by the form
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PENDING


def test_signing_in_returns_to_the_invitation(client, existing_user, invitation, org):
    path = accept_path(invitation)
    response = client.post(
        reverse("account_login"),
        {"login": existing_user.email, "password": PASSWORD, "next": path},
        follow=True,
    )
    assert response.redirect_chain == [(path, 302)]
    assert f"Join {org.name}</button>" in response.content.decode()


def test_the_signed_in_invitee_sees_a_join_button(client_for, existing_user, invitation, org):
    response = client_for(existing_user).get(accept_path(invitation))
    assert response.status_code == 200
    assert f"Join {org.name}</button>" in response.content.decode()
    assert not Membership.unscoped.filter(user=existing_user).exists()


def test_the_signed_in_invitee_joins_by_posting(client_for, existing_user, invitation, org):
    response = client_for(existing_user).post(accept_path(invitation), follow=True)

    assert response.redirect_chain == [(org.get_absolute_url(), 302)]
    assert f"You have joined {org.name}." in response.content.decode()
    membership = Membership.unscoped.get(organisation=org, user=existing_user)
    assert membership.role == Role.SENIOR_LEADER
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.ACCEPTED
    assert invitation.accepted_by == existing_user
    assert User.objects.filter(email="sam.patel@example.org").count() == 1


def test_the_email_match_ignores_case(client_for, existing_user, org):
    invitation = InvitationFactory(organisation=org, email="SAM.Patel@Example.org")
    client_for(existing_user).post(accept_path(invitation))
    assert Membership.unscoped.filter(organisation=org, user=existing_user).exists()


def test_a_different_signed_in_user_gets_403_naming_both_emails(
    client_for, user_factory, invitation, org
):
    stranger = user_factory(email="someone.else@example.org")
    client = client_for(stranger)
    for response in (client.get(accept_path(invitation)), client.post(accept_path(invitation))):
        assert response.status_code == 403
        html = response.content.decode()
        assert "sam.patel@example.org" in html
        assert "someone.else@example.org" in html
    assert not Membership.unscoped.filter(organisation=org, user=stranger).exists()
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PENDING
