"""A contributor on a phone (390px wide): the header is one short bar with the menu folded
behind a button that works from the keyboard, and the home page starts with their to-do list
(no CSP violation or script error: the page fixture fails the test on any)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

STAFF = "staff@northfield.demo.example"


def test_phone_header_menu_and_to_do_list(page, sign_in):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(STAFF)
    expect(page.get_by_role("heading", name="What needs you now")).to_be_visible()
    first = page.locator(".todo-section").first
    expect(first.get_by_role("heading", level=3)).to_contain_text("you")  # their own work
    nav = page.get_by_role("navigation", name="Northfield Training")
    menu = nav.get_by_role("button", name=re.compile(r"^Menu\b.*Overview"))
    links = nav.get_by_role("link", name="Action plan")
    expect(links).to_be_hidden()
    header_height = page.evaluate(
        "document.querySelector('.site-header').getBoundingClientRect().height"
    )
    assert header_height < 130, header_height  # was about 400px with the whole menu showing
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(links).to_be_visible()
    page.keyboard.press("Escape")
    expect(links).to_be_hidden()
    expect(menu).to_be_focused()

    page.keyboard.press("Space")
    links.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action plan")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # filters fit

    page.set_viewport_size({"width": 1280, "height": 800})
    expect(menu).to_be_hidden()  # at desktop width the links show, no button
    expect(nav.get_by_role("link", name="Action plan")).to_be_visible()
