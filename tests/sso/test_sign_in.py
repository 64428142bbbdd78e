"""Signing in through the organisation's identity provider, end to end over OpenID Connect."""

import logging

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from django.test import Client

from accounts.models import User
from tenancy.models import Membership
from tests.sso.conftest import CLIENT_SECRET, DOMAIN, sign_in_with_sso

pytestmark = pytest.mark.django_db


def test_member_signs_in_and_the_account_is_linked_once(
    connection, domain_member, idp_user, caplog
):
    caplog.set_level(logging.DEBUG)
    sub = idp_user(domain_member.email)
    client = Client()
    response = sign_in_with_sso(client, domain_member.email, sub)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == domain_member.pk
    account = SocialAccount.objects.get(user=domain_member)
    assert (account.provider, account.uid) == (connection.provider_id, sub)
    assert any("connected" in m.subject.lower() for m in mail.outbox)  # told it was linked
    connection.refresh_from_db()
    assert connection.last_sign_in_at is not None

    again = Client()
    assert sign_in_with_sso(again, domain_member.email, sub).status_code == 302
    assert int(again.session["_auth_user_id"]) == domain_member.pk
    assert SocialAccount.objects.filter(user=domain_member).count() == 1
    assert CLIENT_SECRET not in caplog.text  # the token exchange never logs the secret


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_wrong_domain_from_the_provider_is_refused(connection, domain_member, idp_user):
    """The provider vouches for an address at another tenant's domain: not ours to accept."""
    sub = idp_user("robin@southdale.ac.uk")
    client = Client()
    response = sign_in_with_sso(client, domain_member.email, sub)
    assert response.status_code == 403
    text = response.content.decode()
    assert "robin@southdale.ac.uk" in text and f"{DOMAIN} addresses only" in text
    assert not _signed_in(client)
    assert not SocialAccount.objects.exists()


def test_unverified_email_is_refused_even_for_a_member(connection, domain_member, idp_user):
    sub = idp_user(domain_member.email, email_verified=False)
    client = Client()
    response = sign_in_with_sso(client, domain_member.email, sub)
    assert response.status_code == 403
    assert "did not confirm your email address" in response.content.decode()
    assert not _signed_in(client) and not SocialAccount.objects.exists()


def test_non_members_are_refused_and_nothing_is_created(connection, outsider, idp_user):
    """Neither a stranger (no account) nor another organisation's user gets in or joins."""
    before = User.objects.count(), Membership.unscoped.count()
    for email in (f"newcomer@{DOMAIN}", outsider.email.replace("example.org", DOMAIN)):
        if email != f"newcomer@{DOMAIN}":
            outsider.email = email
            outsider.save()
        client = Client()
        response = sign_in_with_sso(client, email, idp_user(email))
        assert response.status_code == 403
        assert "is not a member of Northbeck Training" in response.content.decode()
        assert "invite you" in response.content.decode()
        assert not _signed_in(client)
    assert (User.objects.count(), Membership.unscoped.count()) == before
    assert not SocialAccount.objects.exists()


def test_unknown_domain_is_told_to_use_a_password(connection):
    response = Client().post("/sso/start/", {"email": "jo@elsewhere.ac.uk"})
    assert response.status_code == 400
    assert "not set up for elsewhere.ac.uk addresses" in response.content.decode()
    assert 'value="jo@elsewhere.ac.uk"' in response.content.decode()  # input kept
