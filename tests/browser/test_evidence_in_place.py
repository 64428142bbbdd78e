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
