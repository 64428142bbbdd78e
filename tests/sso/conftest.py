"""A real OpenID Connect provider for the single sign-on tests (oidc-provider-mock, on Authlib).

It listens on 127.0.0.1 on a free port, in a thread of the test process, for the whole session.
Its users are set per test (`idp_user`); the browser's part (the provider's consent form) is
played with `requests`, and everything else (discovery, token exchange, signature checks,
userinfo) is allauth talking to it over HTTP.
"""

import html
import re
import threading
import uuid
from urllib.parse import urlsplit

import oidc_provider_mock  # type: ignore[import-untyped]
import pytest
import requests
import werkzeug.serving
from django.test import Client
from django.urls import reverse

from sso.crypto import encrypt_secret
from sso.models import IdentityProvider, SsoConnection
from tenancy.roles import Role
from tests.factories import MembershipFactory, UserFactory

DOMAIN = "northbeck.ac.uk"
CLIENT_SECRET = "client-secret-for-tests-only"


@pytest.fixture(scope="session")
def oidc_provider():
    server = werkzeug.serving.make_server(
        "127.0.0.1", 0, oidc_provider_mock.app(require_nonce=False), threaded=True
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(2)


@pytest.fixture
def idp_user(oidc_provider):
    """Give the provider a user: idp_user(email, email_verified=True, **claims) -> its `sub`."""

    def make(email: str, email_verified: bool = True, **claims) -> str:
        sub = f"sub-{uuid.uuid4().hex[:12]}"
        body = {"email": email, "email_verified": email_verified, "name": "Sam Sso", **claims}
        response = requests.put(f"{oidc_provider}/users/{sub}", json=body, timeout=5)
        response.raise_for_status()
        return sub

    return make


@pytest.fixture
def connection(org, oidc_provider):
    return SsoConnection.unscoped.create(
        organisation=org,
        provider=IdentityProvider.OPENID_CONNECT,
        domain=DOMAIN,
        client_id="prevent-compliance-tests",
        client_secret_encrypted=encrypt_secret(CLIENT_SECRET),
        issuer_url=oidc_provider,
        enabled=True,
    )


@pytest.fixture
def domain_member(org):
    """A contributor of `org` whose email is at the connection's domain (password user)."""
    return MembershipFactory(
        organisation=org, role=Role.CONTRIBUTOR, user=UserFactory(email=f"robin@{DOMAIN}")
    ).user


def sign_in_with_sso(client: Client, typed_email: str, sub: str, **start):
    """The whole round trip: our start page, the provider's consent form, our callback."""
    response = client.post(reverse("sso:sso_start"), {"email": typed_email, **start})
    assert response.status_code == 200, response.content.decode()[:2000]
    found = re.search(r'href="([^"]+)" data-sso-continue', response.content.decode())
    assert found, "no link on to the identity provider"
    authorize_url = html.unescape(found.group(1))
    consent = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert consent.status_code == 302, consent.text[:2000]
    back = urlsplit(consent.headers["Location"])
    assert back.netloc == "testserver"
    return client.get(f"{back.path}?{back.query}")
