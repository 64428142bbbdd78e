"""Invitation links that no longer work: expired, used or revoked (410), forged, truncated or
unknown (404), and a resend that replaces the link."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tenancy.models import Invitation, Membership
from tests.factories import InvitationFactory
from tests.tenancy.invitations.helpers import User, accept_path, assert_problem, signup_data

pytestmark = pytest.mark.django_db


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
