"""The "Copy link" button beside a new evidence-pack share link: it copies the link to the
clipboard and says "Copied" in a live region; screenshots at desktop and phone width."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.shots import shoot

pytestmark = pytest.mark.browser

LEADER = "leader@northfield.demo.example"


def ready_pack_url() -> str:
    """A ready pack of Northfield's approved self-evaluation (no PDF needed to share it)."""
    from assessments.models import Assessment, Status
    from reporting.models import EvidencePack, PackStatus
    from tenancy.models import Organisation

    organisation = Organisation.objects.get(slug="northfield-training")
    assessment = Assessment.objects.for_organisation(organisation).get(status=Status.APPROVED)
    pack = EvidencePack.objects.for_organisation(organisation).create(
        organisation=organisation,
        assessment=assessment,
        is_draft=False,
        status=PackStatus.READY,
        progress=100,
        page_count=12,
        size=123_456,
        render_seconds=4.2,
        sha256="0" * 64,
        generated_at=timezone.now(),
    )
    return f"/o/{organisation.slug}/packs/{pack.code}/"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_share_link_is_copied_and_announced(page, sign_in, live_server, width):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(LEADER)
    page.goto(ready_pack_url())
    page.get_by_label("Who is it for?").fill("Lead inspector")
    page.get_by_role("button", name="Create a link").click()

    field = page.get_by_label(re.compile("Link for Lead inspector"))
    link = field.input_value()
    assert "/p/" in link
    status = page.locator("[data-copy-status]")
    expect(status).to_have_attribute("aria-live", "polite")
    button = page.get_by_role("button", name="Copy link")
    expect(button).to_be_visible()
    button.click()
    expect(status).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == link
    page.locator("#share-heading").scroll_into_view_if_needed()
    shoot(page, "share-link-copied", full_page=False, widths=(width,))

    # The button is within the viewport and does not push the page sideways at phone width.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_without_javascript_the_link_is_plain_selectable_text(browser, live_server, seeded):
    from django.conf import settings

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(LEADER)
    page.get_by_label("Password", exact=True).fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(ready_pack_url())
    page.get_by_label("Who is it for?").fill("Lead inspector")
    page.get_by_role("button", name="Create a link").click()
    field = page.get_by_label(re.compile("Link for Lead inspector"))
    assert "/p/" in field.input_value()
    assert field.get_attribute("readonly") is not None
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    context.close()
