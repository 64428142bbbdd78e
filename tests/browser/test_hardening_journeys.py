"""Issue 10 in a real browser: an account manager must set up two-factor authentication before
anything else, and an evidence link shows where it leads before leaving."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.shots import shoot
from tests.factories import totp_code

pytestmark = pytest.mark.browser


def test_an_account_manager_sets_up_two_factor_before_anything_else(page):
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("am@demo.example")
    page.get_by_label("Password", exact=True).fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    # The first page after signing in says why (the setup page itself may ask for the password).
    expect(page.get_by_text("Your role needs two-factor authentication")).to_be_visible()
    if "/accounts/reauthenticate/" in page.url:
        # allauth asks for the password again before a security setting changes.
        page.get_by_label("Password", exact=True).fill(settings.DEMO_PASSWORD)
        page.get_by_role("button", name=re.compile("Confirm")).click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    shoot(page, "mfa-setup-required")

    page.goto("/portfolio/")  # anything else sends them back
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))

    secret = page.locator(".secret-key code").inner_text().strip()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))  # saved
    page.goto("/portfolio/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your portfolio of providers")


def test_an_evidence_link_says_where_it_leads(page, sign_in):
    from evidence.models import EvidenceItem, EvidenceKind

    item = EvidenceItem.unscoped.filter(
        organisation__slug="northfield-training", kind=EvidenceKind.LINK
    ).first()
    assert item is not None, "the demo seed has a link item"
    sign_in("qm@northfield.demo.example")
    page.goto(item.get_absolute_url())
    page.get_by_role("link", name=re.compile("Open the link")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "You are leaving Prevent Compliance for"
    )
    expect(page.get_by_role("link", name=re.compile("^Continue to "))).to_have_attribute(
        "href", item.url
    )
    shoot(page, "evidence-leaving")
