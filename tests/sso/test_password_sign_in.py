"""'Single sign-on only': password sign-in refused to the organisation's domain members."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenancy.roles import Role
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.sso.conftest import DOMAIN

pytestmark = pytest.mark.django_db


def _password_sign_in(email: str) -> tuple[Client, str, int]:
    client = Client()
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    return client, response.content.decode(), response.status_code


@pytest.fixture
def sso_only(connection):
    connection.sso_only, connection.last_sign_in_at = True, timezone.now()
    connection.save()
    return connection


def test_domain_member_is_sent_to_single_sign_on(sso_only, domain_member):
    client, text, _ = _password_sign_in(domain_member.email)
    assert "_auth_user_id" not in client.session
    assert "Northbeck Training signs in with single sign-on" in text


def test_others_keep_their_password(sso_only, org, domain_member):
    other_domain = UserFactory(email="casey@example.org")
    MembershipFactory(organisation=org, role=Role.CONTRIBUTOR, user=other_domain)
    not_a_member = UserFactory(email=f"visitor@{DOMAIN}")
    for email in (other_domain.email, not_a_member.email):
        client, _, status = _password_sign_in(str(email))
        assert status == 302 and "_auth_user_id" in client.session


def test_passwords_work_while_sso_is_offered_but_not_required(connection, domain_member):
    client, _, status = _password_sign_in(domain_member.email)
    assert status == 302 and "_auth_user_id" in client.session


def test_login_page_offers_single_sign_on():
    text = Client().get(reverse("account_login") + "?next=/o/x/").content.decode()
    assert 'action="/sso/start/"' in text and "Continue with single sign-on" in text
    assert 'name="next" value="/o/x/"' in text
