"""Accepting an invitation as someone new: the sign-up form, joining, and a bad sign-up refused
next to its field."""

import pytest
from allauth.account.models import EmailAddress

from tenancy.models import InvitationState, Membership
from tenancy.roles import Role
from tests.tenancy.helpers import field_error_html
from tests.tenancy.invitations.helpers import STRONG_PASSWORD, User, accept_path, signup_data

pytestmark = pytest.mark.django_db


def test_a_new_user_sees_the_sign_up_form(client, invitation, org):
    response = client.get(accept_path(invitation))
    assert response.status_code == 200
    assert set(response.context["form"].fields) == {"name", "password1", "password2"}
    html = response.content.decode()
    assert f"Join {org.name}" in html
    assert "Quinn Manager has invited you" in html
    assert "senior leader" in html
    assert 'value="sam.patel@example.org" readonly' in html
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_a_new_user_signs_up_and_joins(client, invitation, org):
    response = client.post(accept_path(invitation), signup_data())

    assert response.status_code == 302
    assert response.url == org.get_absolute_url()
    user = User.objects.get(email="sam.patel@example.org")
    assert user.name == "Sam Patel"
    assert user.check_password(STRONG_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert address.email == "sam.patel@example.org"
    assert address.verified
    assert address.primary
    membership = Membership.unscoped.get(organisation=org, user=user)
    assert membership.role == Role.SENIOR_LEADER
    assert membership.invited_by == invitation.invited_by
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.ACCEPTED
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None


def test_the_new_user_is_logged_in_after_joining(client, invitation, org):
    response = client.post(accept_path(invitation), signup_data(), follow=True)

    assert response.status_code == 200
    assert response.context["user"].email == "sam.patel@example.org"
    assert response.redirect_chain == [(org.get_absolute_url(), 302)]
    html = response.content.decode()
    assert f"Welcome to {org.name}." in html
    assert "Your role: senior leader" in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"password2": "lantern-orchid-cobalt-43"}, "password2", "do not match"),
        ({"password1": "short-pw1", "password2": "short-pw1"}, "password1", "too short"),
        ({"password1": "password1234", "password2": "password1234"}, "password1", "too common"),
        ({"password1": "", "password2": ""}, "password1", "required"),
        ({"name": ""}, "name", "required"),
    ],
)
def test_it_rejects_a_bad_sign_up_next_to_the_field(client, invitation, overrides, field, message):
    response = client.post(accept_path(invitation), signup_data(**overrides))

    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert message in field_error_html(response, field)
    html = response.content.decode()
    if overrides.get("name", "x"):
        assert 'value="Sam Patel"' in html
    assert STRONG_PASSWORD not in html  # passwords are never echoed back
    assert not User.objects.filter(email="sam.patel@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PENDING


def test_a_password_like_the_email_is_refused(client, invitation):
    response = client.post(
        accept_path(invitation),
        signup_data(password1="sam.patel@example.org", password2="sam.patel@example.org"),
    )
    assert response.status_code == 400
    assert "too similar" in " ".join(response.context["form"].errors["password1"])
