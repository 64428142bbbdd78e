"""Signing in with single sign-on in Chromium, through the tests' OpenID Connect provider.

With SCREENSHOT_DIR set, it also saves the sign-in page and the settings page at 1280 and 390 px.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.shots import HEIGHT, WIDTHS, shoot
from tests.sso.conftest import CLIENT_SECRET, idp_user, oidc_provider  # noqa: F401

pytestmark = pytest.mark.browser

QM = "qm@northfield.demo.example"
SETTINGS = "/o/northfield-training/single-sign-on/"


def _connect_northfield(issuer: str) -> None:
    from sso.crypto import encrypt_secret
    from sso.models import IdentityProvider, SsoConnection
    from tenancy.models import Organisation

    SsoConnection.unscoped.create(
        organisation=Organisation.objects.get(slug="northfield-training"),
        provider=IdentityProvider.OPENID_CONNECT,
        domain="northfield.demo.example",
        client_id="prevent-compliance-browser",
        client_secret_encrypted=encrypt_secret(CLIENT_SECRET),
        issuer_url=issuer,
        enabled=True,
    )


def _fits_and_shots(page, name: str) -> None:
    """The page fits at desktop and phone width (no sideways scrolling), and is shot at each."""
    before = page.viewport_size
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shoot(page, name, widths=(width,))
    page.set_viewport_size(before)


def test_quality_manager_signs_in_with_single_sign_on(page, oidc_provider, idp_user):  # noqa: F811
    _connect_northfield(oidc_provider)
    sub = idp_user(QM)
    # The provider's own page fetches a stylesheet from the internet, which is not ours to test.
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.fulfill(body="", status=200))
    page.goto("/accounts/login/")
    _fits_and_shots(page, "sso-login")
    page.get_by_label("Work email").fill(QM)
    page.get_by_role("button", name="Continue with single sign-on").click()

    page.wait_for_url(f"{oidc_provider}/oauth2/authorize**")
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()

    page.wait_for_url(lambda url: "/accounts/" not in url and oidc_provider not in url)
    page.goto(SETTINGS)
    expect(
        page.get_by_role("heading", name="Single sign-on is on for northfield.demo.example")
    ).to_be_visible()
    expect(page.get_by_text("Last used to sign in on")).to_be_visible()
    _fits_and_shots(page, "sso-settings")
