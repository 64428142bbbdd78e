"""Accepting an invitation: new accounts, existing accounts, and every way a link goes bad."""

from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tenancy.models import Invitation, InvitationState, Membership
from tenancy.roles import Role
from tests.factories import PASSWORD, InvitationFactory, MembershipFactory, UserFactory
from tests.tenancy.helpers import field_error_html, local_path

pytestmark = pytest.mark.django_db

User = get_user_model()

STRONG_PASSWORD = "lantern-orchid-cobalt-42"


def accept_path(invitation: Invitation) -> str:
    return local_path(invitation.accept_url())


def signup_data(**overrides) -> dict[str, str]:
    return {
        "name": "Sam Patel",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        **overrides,
    }


@pytest.fixture
def inviter(org):
    return MembershipFactory(
        organisation=org, role=Role.QUALITY_MANAGER, user__name="Quinn Manager"
    ).user


@pytest.fixture
def invitation(org, inviter):
    return InvitationFactory(
        organisation=org, email="sam.patel@example.org", role=Role.SENIOR_LEADER, invited_by=inviter
    )


# --- A new user -----------------------------------------------------------------------------


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


# --- Links that no longer work --------------------------------------------------------------


def assert_problem(response, status: int, text: str) -> None:
    assert response.status_code == status
    assert text in response.content.decode()
    assert "form" not in response.context


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_invitation_answers_410(client, invitation, method):
    Invitation.unscoped.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = getattr(client, method)(accept_path(invitation), signup_data())
    assert_problem(response, 410, "This invitation has expired")
    assert not User.objects.filter(email=invitation.email).exists()


def test_an_invitation_expires_after_the_configured_days(client, invitation):
    path = accept_path(invitation)
    days = settings.INVITATION_EXPIRY_DAYS
    with time_machine.travel(timezone.now() + timedelta(days=days, minutes=1)):
        assert_problem(client.get(path), 410, "expired")
    with time_machine.travel(timezone.now() + timedelta(days=days, minutes=-1)):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_used_invitation_answers_410(client, invitation, method):
    path = accept_path(invitation)
    assert client.post(path, signup_data()).status_code == 302
    client.logout()

    response = getattr(client, method)(path, signup_data())
    assert_problem(response, 410, "This invitation has already been used")
    assert Membership.unscoped.filter(user__email=invitation.email).count() == 1


def test_a_used_invitation_answers_410_to_the_user_who_used_it(client, invitation):
    path = accept_path(invitation)
    client.post(path, signup_data())
    assert_problem(client.get(path), 410, "already been used")


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_revoked_invitation_answers_410(client, invitation, method):
    Invitation.unscoped.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    response = getattr(client, method)(accept_path(invitation), signup_data())
    assert_problem(response, 410, "This invitation has been withdrawn")
    assert not User.objects.filter(email=invitation.email).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_token_answers_404(client, invitation, method):
    path = reverse(
        "invitation_accept", kwargs={"invitation_code": invitation.code, "token": "0" * 64}
    )
    response = getattr(client, method)(path, signup_data())
    assert_problem(response, 404, "This invitation link is not valid")
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_truncated_token_answers_404(client, invitation):
    assert_problem(client.get(accept_path(invitation)[:-6] + "/"), 404, "not valid")


def test_a_token_for_another_invitation_answers_404(client, invitation, org):
    other = InvitationFactory(organisation=org)
    path = reverse(
        "invitation_accept", kwargs={"invitation_code": invitation.code, "token": other.token()}
    )
    assert_problem(client.get(path), 404, "not valid")


def test_an_unknown_code_answers_404(client, invitation):
    path = reverse(
        "invitation_accept",
        kwargs={
            "invitation_code": "00000000-0000-4000-8000-000000000000",
            "token": invitation.token(),
        },
    )
    assert_problem(client.get(path), 404, "not valid")


def test_a_forged_token_on_a_revoked_invitation_does_not_reveal_its_state(client, invitation):
    Invitation.unscoped.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    path = reverse(
        "invitation_accept", kwargs={"invitation_code": invitation.code, "token": "f" * 64}
    )
    response = client.get(path)
    assert_problem(response, 404, "not valid")
    assert "withdrawn" not in response.content.decode()


def test_resending_replaces_the_link(
    client, client_for, inviter, invitation, org, django_capture_on_commit_callbacks
):
    old_path = accept_path(invitation)
    resend_url = reverse(
        "tenancy:invitation_resend",
        kwargs={"org_slug": org.slug, "invitation_code": invitation.code},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(inviter).post(resend_url).status_code == 302

    invitation.refresh_from_db()
    new_path = accept_path(invitation)
    assert new_path != old_path
    assert_problem(client.get(old_path), 404, "not valid")
    assert client.get(new_path).status_code == 200
    assert len(mail.outbox) == 1
    assert invitation.accept_url() in mail.outbox[0].body
    assert old_path not in mail.outbox[0].body

    assert client.post(new_path, signup_data()).status_code == 302
    assert Membership.unscoped.filter(organisation=org, user__email=invitation.email).exists()


# --- An existing account --------------------------------------------------------------------


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


# --- Refusing duplicate invitations on the People page -------------------------------------


def invite(client, org, email: str, role: str = Role.CONTRIBUTOR):
    return client.post(
        reverse("tenancy:member_invite", kwargs={"org_slug": org.slug}),
        {"email": email, "role": role},
    )


def test_a_second_invitation_to_a_pending_email_is_refused(
    client_for, inviter, invitation, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(inviter), org, "Sam.Patel@example.org")

    assert response.status_code == 400
    form = response.context["invite_form"]
    assert "already has an invitation waiting" in form.errors["email"][0]
    assert "already has an invitation waiting" in field_error_html(response, "email")
    assert 'value="Sam.Patel@example.org"' in response.content.decode()
    assert Invitation.unscoped.filter(organisation=org).count() == 1
    assert mail.outbox == []


def test_inviting_an_existing_member_is_refused(
    client_for, inviter, org, django_capture_on_commit_callbacks
):
    colleague = MembershipFactory(organisation=org, role=Role.VIEWER).user
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(inviter), org, colleague.email.upper())

    assert response.status_code == 400
    assert "already a member" in response.context["invite_form"].errors["email"][0]
    assert "already a member" in field_error_html(response, "email")
    assert not Invitation.unscoped.filter(organisation=org).exists()
    assert mail.outbox == []


def test_a_member_of_another_organisation_can_be_invited(
    client_for, inviter, org, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(inviter), org, outsider.email)
    assert response.status_code == 302
    assert Invitation.unscoped.filter(organisation=org, email=outsider.email).exists()
    assert len(mail.outbox) == 1


def test_a_pending_invitation_elsewhere_does_not_block_an_invitation(
    client_for, inviter, org, other_org
):
    InvitationFactory(organisation=other_org, email="shared@example.org")
    response = invite(client_for(inviter), org, "shared@example.org")
    assert response.status_code == 302
    assert Invitation.unscoped.filter(email="shared@example.org").count() == 2


def test_an_expired_invitation_is_replaced_by_a_new_one(
    client, client_for, inviter, invitation, org
):
    Invitation.unscoped.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    response = invite(client_for(inviter), org, invitation.email, Role.VIEWER)

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.REVOKED
    new = Invitation.unscoped.get(organisation=org, email=invitation.email, revoked_at=None)
    assert new.role == Role.VIEWER
    assert client.get(accept_path(new)).status_code == 200
    assert_problem(client.get(accept_path(invitation)), 410, "withdrawn")


def test_a_removed_member_can_be_invited_back(
    client_for, inviter, org, django_capture_on_commit_callbacks
):
    former = MembershipFactory(organisation=org, role=Role.CONTRIBUTOR)
    old = InvitationFactory(organisation=org, email=former.user.email, accepted_at=timezone.now())
    qm = client_for(inviter)
    qm.post(
        reverse("tenancy:member_remove", kwargs={"org_slug": org.slug, "member_code": former.code})
    )
    assert not Membership.unscoped.filter(pk=former.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert invite(qm, org, former.user.email, Role.VIEWER).status_code == 302
    new = Invitation.unscoped.exclude(pk=old.pk).get(organisation=org, email=former.user.email)
    response = client_for(former.user).post(accept_path(new))

    assert response.status_code == 302
    assert Membership.unscoped.get(organisation=org, user=former.user).role == Role.VIEWER
    assert len(mail.outbox) == 1
