"""Evidence added where it is needed, in a real browser: on a benchmark's card a quality manager
adds a link in place (htmx), sees it ticked among the card's linked evidence, and finds it still
linked after a reload; the picker's search then finds the library's items with its filters.
Screenshots at 1280 and 390 px go to SCREENSHOT_DIR when it is set."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.shots import shoot
from tests.browser.test_self_evaluation import QM, current_assessment, response_in

pytestmark = pytest.mark.browser


def test_a_link_added_on_a_card_is_linked_there_at_once(page, sign_in):
    assessment = current_assessment()
    response = response_in(assessment, "C1.1")
    kwargs = {"org_slug": assessment.organisation.slug, "assessment_code": assessment.code}
    respond = reverse("assessments:respond", kwargs=kwargs) + "?criterion=C1"
    sign_in(QM)
    page.goto(respond)
    card = page.locator(f"#response-{response.code}")
    card.get_by_text("Upload a file or add a link").click()
    card.get_by_label("Link to a document").check()
    card.get_by_label("Web address of the document").fill("https://intranet.example.org/lead")
    card.get_by_label("Title").fill("Prevent lead's job description")
    card.get_by_role("button", name="Add and link").click()

    linked = card.locator(f"#linked-{response.code}")
    expect(linked.get_by_label("Prevent lead's job description", exact=False)).to_be_checked()
    expect(card.get_by_role("status").first).to_contain_text("is in the evidence library")
    card.get_by_label("Find evidence to link").fill("policy")
    expect(card.locator(f"#results-{response.code}")).to_contain_text("match")
    shoot(page, "respond-evidence-added", part=card)

    page.reload()
    card = page.locator(f"#response-{response.code}")
    expect(
        card.locator(f"#linked-{response.code}").get_by_label(
            "Prevent lead's job description", exact=False
        )
    ).to_be_checked()


def test_without_javascript_the_panels_link_opens_its_form_and_a_link_is_added(
    browser, live_server, seeded
):
    """The panel's form is fetched by htmx when it is opened; without JavaScript the panel
    holds a link to the page with that form filled in, and adding works as before."""
    from django.conf import settings

    from tests.browser.conftest import TIMEOUT_MS

    assessment = current_assessment()
    response = response_in(assessment, "C1.2")
    kwargs = {"org_slug": assessment.organisation.slug, "assessment_code": assessment.code}
    respond = reverse("assessments:respond", kwargs=kwargs) + "?criterion=C1"
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.get_by_label("Email address").fill(QM)
        page.get_by_label("Password", exact=True).fill(settings.DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(respond)
        card = page.locator(f"#response-{response.code}")
        card.get_by_text("Upload a file or add a link").click()
        card.get_by_role("link", name="Show the form").click()

        card = page.locator(f"#response-{response.code}")
        card.get_by_label("Link to a document").check()
        card.get_by_label("Web address of the document").fill("https://intranet.example.org/plan")
        card.get_by_label("Title").fill("Prevent action plan 2026")
        card.get_by_role("button", name="Add and link").click()

        expect(page.get_by_text("is in the evidence library and linked to C1.2")).to_be_visible()
        card = page.locator(f"#response-{response.code}")
        linked = card.locator(f"#linked-{response.code}")
        expect(linked.get_by_label("Prevent action plan 2026", exact=False)).to_be_checked()
        shoot(page, "respond-evidence-added-without-javascript", part=card)
    finally:
        context.close()
