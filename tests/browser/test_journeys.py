"""The main journeys, in a real browser: signing in, onboarding a provider, accepting an invitation,
and using the login page with the keyboard alone."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tenancy.models import Invitation, ProviderType

pytestmark = pytest.mark.browser

QM = "qm@northfield.demo.example"
ACCOUNT_MANAGER = "am@demo.example"


def test_quality_manager_signs_in_and_opens_people(page, sign_in):
    sign_in(QM)

    expect(page).to_have_url(re.compile(r"/o/northfield-training/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Northfield Training")

    nav = page.get_by_role("navigation", name="Northfield Training")
    nav.get_by_role("link", name="People").click()

    expect(page).to_have_url(re.compile(r"/o/northfield-training/members/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    expect(nav.get_by_role("link", name="People")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("cell", name="viewer@northfield.demo.example")).to_be_visible()


def test_account_manager_onboards_a_provider(page, sign_in):
    sign_in(ACCOUNT_MANAGER)
    page.get_by_role("navigation", name="Account management").get_by_role(
        "link", name="Portfolio"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your portfolio of providers")

    page.get_by_role("main").get_by_role("link", name="Onboard a provider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Onboard a provider")

    page.get_by_label("Provider name").fill("Hilltop Skills Academy")
    page.get_by_label("UKPRN").fill("2001234")  # 7 digits, and not starting with 1
    page.get_by_label("Provider type").select_option(label="Sixth-form college")
    page.get_by_label("Main contact's name").fill("Jo Bloggs")
    page.get_by_label("Main contact's email").fill("jo.bloggs@hilltop.demo.example")
    page.get_by_label("First quality manager's email").fill("qm@hilltop.demo.example")
    page.get_by_role("button", name="Onboard and send invitation").click()

    # The error is next to the field, the field says it is invalid, and nothing typed is lost.
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    ukprn = page.get_by_label("UKPRN")
    expect(ukprn).to_have_attribute("aria-invalid", "true")
    ukprn_field = page.locator(".field", has=ukprn)
    expect(ukprn_field.locator(".errorlist")).to_contain_text("8 digits")
    expect(ukprn).to_have_value("2001234")
    expect(page.get_by_label("Provider name")).to_have_value("Hilltop Skills Academy")
    expect(page.get_by_label("Provider type").locator("option:checked")).to_have_text(
        "Sixth-form college"
    )
    expect(page.get_by_label("Main contact's name")).to_have_value("Jo Bloggs")
    expect(page.get_by_label("Main contact's email")).to_have_value(
        "jo.bloggs@hilltop.demo.example"
    )
    expect(page.get_by_label("First quality manager's email")).to_have_value(
        "qm@hilltop.demo.example"
    )

    ukprn.fill("10098765")
    page.get_by_role("button", name="Onboard and send invitation").click()

    expect(page).to_have_url(re.compile(r"/o/hilltop-skills-academy/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hilltop Skills Academy")
    expect(page.get_by_role("status")).to_contain_text(
        "Hilltop Skills Academy is onboarded. We have emailed an invitation to "
        "qm@hilltop.demo.example."
    )

    page.goto("/portfolio/")
    row = page.get_by_role("row", name=re.compile("Hilltop Skills Academy"))
    expect(row).to_contain_text("10098765")
    expect(row).to_contain_text("Waiting for quality manager")


def test_invited_quality_manager_accepts_and_lands_in_the_organisation(page):
    from django.contrib.auth import get_user_model

    from tenancy.services import organisation_onboard

    account_manager = get_user_model().objects.get(email=ACCOUNT_MANAGER)
    organisation, _ = organisation_onboard(
        account_manager=account_manager,
        name="Dale View Training",
        ukprn="10076543",
        provider_type=ProviderType.INDEPENDENT_TRAINING_PROVIDER,
        contact_name="Sam Patel",
        contact_email="sam.patel@daleview.demo.example",
        quality_manager_email="sam.patel@daleview.demo.example",
    )
    invitation = Invitation.unscoped.get(email="sam.patel@daleview.demo.example")
    # SITE_URL is not the live server's address: keep only the path of the emailed link.
    page.goto(urlsplit(invitation.accept_url()).path)

    expect(page.get_by_role("heading", level=1)).to_have_text("Join Dale View Training")
    expect(page.get_by_role("main")).to_contain_text("quality manager")
    expect(page.get_by_label("Email address")).to_have_value("sam.patel@daleview.demo.example")

    page.get_by_label("Your full name").fill("Sam Patel")
    page.get_by_label("Choose a password").fill("a-long-and-unusual-passphrase")
    page.get_by_label("Type the password again").fill("a-long-and-unusual-passphrase")
    page.get_by_role("button", name="Create account and join").click()

    expect(page).to_have_url(re.compile(rf"/o/{organisation.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dale View Training")
    expect(page.get_by_role("status")).to_contain_text("Welcome to Dale View Training.")
    expect(page.get_by_role("heading", name="Your role: quality manager")).to_be_visible()
    nav = page.get_by_role("navigation", name="Dale View Training")
    expect(nav.get_by_role("link", name="People")).to_be_visible()


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), name: el.getAttribute("name"),
                    type: el.getAttribute("type"), text: el.textContent.trim(),
                    href: el.getAttribute("href")};
        }"""
    )


def test_login_works_with_the_keyboard_alone(page):
    page.goto("/accounts/login/")

    # The first Tab lands on the skip link, which is then visible and moves focus to <main>.
    page.keyboard.press("Tab")
    assert _focused(page) == {
        "tag": "a",
        "name": None,
        "type": None,
        "text": "Skip to main content",
        "href": "#main",
    }
    expect(page.get_by_role("link", name="Skip to main content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # From the main content, Tab reaches the email, the password and the sign-in button in order.
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "login"
    page.keyboard.type(QM)
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "password"
    page.keyboard.type(settings.DEMO_PASSWORD)
    for _ in range(3):  # past "Remember me" to the button
        page.keyboard.press("Tab")
        if _focused(page)["tag"] == "button":
            break
    assert _focused(page)["text"] == "Sign in"

    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/o/northfield-training/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Northfield Training")


def test_enter_in_the_password_field_submits_the_login_form(page):
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(QM)
    page.get_by_label("Password", exact=True).fill(settings.DEMO_PASSWORD)
    page.get_by_label("Password", exact=True).press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Northfield Training")
