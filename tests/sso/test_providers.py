"""Microsoft and Google: the app each connection builds and the address each trusts."""

from types import SimpleNamespace

import pytest

from sso.apps_for import auth_params_for, social_app_for
from sso.identity import verified_email
from sso.models import IdentityProvider, SsoConnection
from tests.sso.conftest import DOMAIN

pytestmark = pytest.mark.django_db


def _login(**extra_data):
    return SimpleNamespace(account=SimpleNamespace(extra_data=extra_data))


def test_microsoft_is_pinned_to_the_tenant_and_trusts_the_user_principal_name(connection):
    connection.provider, connection.tenant_id = IdentityProvider.MICROSOFT, "tenant-guid"
    app = social_app_for(connection)
    assert (app.provider, app.settings["tenant"], app.secret) == (
        "microsoft",
        "tenant-guid",
        "client-secret-for-tests-only",
    )
    upn = _login(userPrincipalName=f"Robin@{DOMAIN}", mail="boss@other.ac.uk")
    assert verified_email(connection, upn) == f"robin@{DOMAIN}"  # not the settable `mail`
    connection.tenant_id = ""  # "common" would let any tenant's account in
    assert verified_email(connection, upn) is None


def test_google_needs_a_verified_address_in_its_hosted_domain(connection):
    connection.provider = IdentityProvider.GOOGLE
    assert social_app_for(connection).provider == "google"
    assert auth_params_for(connection, f"jo@{DOMAIN}")["hd"] == DOMAIN
    good = {"email": f"jo@{DOMAIN}", "email_verified": True, "hd": DOMAIN}
    assert verified_email(connection, _login(**good)) == f"jo@{DOMAIN}"
    assert verified_email(connection, _login(**{**good, "hd": "other.ac.uk"})) is None
    assert verified_email(connection, _login(**{**good, "email_verified": False})) is None


def test_openid_connect_is_its_own_sub_provider(connection: SsoConnection):
    app = social_app_for(connection)
    assert app.provider == "openid_connect" and app.provider_id == f"org-{connection.code}"
    assert app.settings["server_url"] == connection.issuer_url
    assert repr(connection) == f"<SsoConnection {DOMAIN} openid_connect>"  # no secret
