"""The quality manager's single sign-on settings: domain claims, the secret, "SSO only"."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sso.crypto import decrypt_secret
from sso.models import SsoConnection
from tenancy.roles import Role
from tests.factories import MembershipFactory, UserFactory, account_manager_for
from tests.sso.conftest import CLIENT_SECRET, DOMAIN

pytestmark = pytest.mark.django_db
NEW_SECRET = "a-brand-new-secret-value"


@pytest.fixture
def domain_qm(org, client_for):
    user = UserFactory(email=f"quinn@{DOMAIN}")
    MembershipFactory(organisation=org, user=user, role=Role.QUALITY_MANAGER)
    return client_for(user)


def _url(org):
    return reverse("sso:settings", kwargs={"org_slug": org.slug})


def _data(**overrides):
    data = {
        "provider": "microsoft",
        "domain": DOMAIN,
        "client_id": "app-id",
        "client_secret": NEW_SECRET,
        "tenant_id": "0f3c1e2a-1111-2222-3333-444455556666",
        "issuer_url": "",
        "enabled": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_quality_manager_links_their_domain_and_the_secret_is_never_shown(org, domain_qm):
    response = domain_qm.post(_url(org), _data())
    assert response.status_code == 302
    connection = SsoConnection.objects.for_organisation(org).get()
    assert (connection.domain, connection.tenant_id, connection.enabled) == (
        DOMAIN,
        "0f3c1e2a-1111-2222-3333-444455556666",
        True,
    )
    assert NEW_SECRET not in connection.client_secret_encrypted
    assert decrypt_secret(connection.client_secret_encrypted) == NEW_SECRET
    page = domain_qm.get(_url(org)).content.decode()
    assert NEW_SECRET not in page and connection.client_secret_encrypted not in page
    assert "A secret is saved" in page
    assert "/accounts/microsoft/login/callback/" in page  # the redirect URI to register
    # Saving again with the secret left blank keeps it; nothing of it reaches the history.
    assert domain_qm.post(_url(org), _data(client_secret="", client_id="app-2")).status_code == 302
    connection.refresh_from_db()
    assert decrypt_secret(connection.client_secret_encrypted) == NEW_SECRET
    assert not hasattr(connection.history.first(), "client_secret_encrypted")


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"domain": "southdale.ac.uk"}, "domain", "only your own email&#x27;s domain"),
        ({"domain": "gmail.com"}, "domain", "public email service"),
        ({"tenant_id": ""}, "tenant_id", "directory (tenant) ID"),
        ({"client_secret": ""}, "client_secret", "Enter the client secret"),
        (
            {"provider": "openid_connect", "issuer_url": "http://idp.example"},
            "issuer_url",
            "https://",
        ),
        ({"sso_only": "on"}, "sso_only", "Sign in with single sign-on yourself first"),
    ],
)
def test_bad_settings_come_back_beside_the_field(org, domain_qm, overrides, field, message):
    response = domain_qm.post(_url(org), _data(**overrides))
    assert response.status_code == 400
    text = response.content.decode()
    assert f'id="id_{field}_error"' in text and message in text
    assert 'value="app-id"' in text  # what was typed is kept
    assert not SsoConnection.objects.for_organisation(org).exists()


def test_a_domain_belongs_to_one_organisation(org, other_org, connection):
    manager = account_manager_for(other_org)
    client = Client()
    client.force_login(manager)
    from tests.factories import give_mfa_if_required

    give_mfa_if_required(manager)
    response = client.post(_url(other_org), _data())
    assert response.status_code == 400
    assert "Another organisation has already linked this domain" in response.content.decode()


def test_account_manager_is_the_way_back_when_sso_only_locks_people_out(
    org, connection, client_for
):
    connection.sso_only, connection.last_sign_in_at = True, timezone.now()
    connection.save()
    manager = account_manager_for(org)
    client = client_for(manager)
    page = client.get(_url(org)).content.decode()
    assert CLIENT_SECRET not in page
    response = client.post(_url(org), {"action": "allow_passwords"})
    assert response.status_code == 302
    connection.refresh_from_db()
    assert connection.sso_only is False and connection.enabled is True


def test_members_page_links_to_the_settings_for_those_who_may_change_them(
    org, qm, viewer, client_for
):
    link = _url(org)
    assert (
        link in client_for(qm).get(reverse("tenancy:member_list", args=[org.slug])).content.decode()
    )
    assert (
        link
        not in client_for(viewer)
        .get(reverse("tenancy:member_list", args=[org.slug]))
        .content.decode()
    )


def test_quality_manager_keeps_a_domain_their_account_manager_linked(
    org, connection, qm, client_for
):
    """qm's own email is at example.org; the account manager linked northbeck.ac.uk for them."""
    data = _data(provider="openid_connect", issuer_url=connection.issuer_url, tenant_id="")
    assert client_for(qm).post(_url(org), data).status_code == 302
    connection.refresh_from_db()
    assert connection.client_id == "app-id" and connection.domain == DOMAIN


def test_removing_single_sign_on_lets_passwords_back_in_and_offers_to_set_it_up_again(
    org, connection, domain_qm
):
    connection.sso_only, connection.last_sign_in_at = True, timezone.now()
    connection.save()
    page = domain_qm.get(_url(org)).content.decode()
    assert f"Remove single sign-on for {DOMAIN}" in page

    response = domain_qm.post(_url(org), {"action": "remove"}, follow=True)

    assert response.status_code == 200
    assert "Single sign-on is removed" in response.content.decode()
    assert not SsoConnection.unscoped.filter(organisation=org).exists()
    removed = SsoConnection.history.filter(id=connection.id, history_type="-").get()
    assert removed.history_user.email == f"quinn@{DOMAIN}"
    assert "Set up single sign-on" in domain_qm.get(_url(org)).content.decode()


def test_only_those_who_manage_single_sign_on_can_remove_it(org, connection, client_for):
    contributor = MembershipFactory(organisation=org, role=Role.CONTRIBUTOR).user
    response = client_for(contributor).post(_url(org), {"action": "remove"})
    assert response.status_code == 403
    assert SsoConnection.unscoped.filter(organisation=org).exists()
