"""A person who chose Cymraeg, on a desktop and on a phone: the shell and the home page's to-do
list are in Welsh, and nothing is wider than the screen (Welsh words run longer than English).
With SCREENSHOT_DIR set, the pages are kept there as PNGs for a person to look at."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.shots import shoot

pytestmark = pytest.mark.browser

STAFF = "staff@northfield.demo.example"
#: Elements reaching past the right edge of the window (hidden and visually-hidden ones aside).
PAST_THE_EDGE = """() => [...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.visually-hidden') && e.getClientRects().length)
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.tagName + '.' + e.className)"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_welsh_home_page_fits_the_screen(page, sign_in, width):
    from accounts.models import User

    User.objects.filter(email=STAFF).update(language="cy")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(STAFF)
    expect(page.get_by_role("heading", name="Beth sydd angen eich sylw nawr")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "cy"
    expect(page.get_by_role("link", name="Neidio i'r prif gynnwys")).to_be_attached()
    nav = page.get_by_role("navigation", name="Northfield Training")
    if width < 640:
        expect(nav.get_by_role("button", name=re.compile(r"^Dewislen\b.*Trosolwg"))).to_be_visible()
    else:
        expect(nav.get_by_role("link", name="Hunanwerthusiadau")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(PAST_THE_EDGE) == []

    shoot(page, "home-cy", widths=(width,))
    page.locator(".user-menu summary").click()  # the account menu, open
    expect(page.get_by_role("button", name="Allgofnodi")).to_be_visible()
    assert page.evaluate(PAST_THE_EDGE) == []
    shoot(page, "home-cy-account-menu", full_page=False, widths=(width,))


@pytest.mark.parametrize("width", [1280, 390])
def test_the_welsh_people_page_fits_the_screen(page, sign_in, width):
    """The quality manager's People page (members, invitations, two-factor policy) in Welsh."""
    from django.urls import reverse

    from accounts.models import User
    from tenancy.models import Organisation

    User.objects.filter(email="qm@northfield.demo.example").update(language="cy")
    org = Organisation.objects.get(name="Northfield Training")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in("qm@northfield.demo.example")
    page.goto(reverse("tenancy:member_list", kwargs={"org_slug": org.slug}))
    expect(page.get_by_role("heading", name="Pobl", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Gwahodd cydweithiwr")).to_be_visible()
    expect(page.get_by_role("button", name="Anfon gwahoddiad")).to_be_visible()
    expect(page.get_by_role("link", name="Mynediad cymorth")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(PAST_THE_EDGE) == []
    shoot(page, "people-cy", widths=(width,))
