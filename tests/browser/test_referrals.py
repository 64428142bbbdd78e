"""The DSL enters a term's referral figures in a real browser; a leader's dashboard then shows
the trend with the small figures as "fewer than 5". Screenshots at 1280 and 390 px wide go to
SCREENSHOT_DIR when it is set (they are looked at by a person, not compared)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from referrals.models import TermFigures
from referrals.rules import recent_terms
from tenancy.models import Organisation
from tests.browser.shots import shoot

pytestmark = pytest.mark.browser

DSL = "dsl@northfield.demo.example"
LEADER = "leader@northfield.demo.example"


def _fill(page, values: tuple[int, ...]) -> None:
    labels = [
        "Prevent concerns raised",
        "Prevent referrals made",
        "Referrals adopted",
        "Channel support offered",
        "No further action",
    ]
    for label, value in zip(labels, values, strict=True):
        page.get_by_label(label).fill(str(value))


def test_the_dsl_records_last_term_and_the_dashboard_shows_fewer_than_five(page, sign_in):
    last_term = recent_terms(timezone.localdate())[1]
    sign_in(DSL)
    page.get_by_role("navigation", name="Northfield Training").get_by_role(
        "link", name="Registers"
    ).click()
    page.get_by_role("navigation", name="Registers").get_by_role(
        "link", name="Referral figures"
    ).click()
    expect(page.get_by_text("Last term missing")).to_be_visible()
    shoot(page, "index-before")
    page.get_by_role("link", name="Enter and correct figures").click()
    shoot(page, "dsl-figures")
    page.get_by_role("link", name="Record a term’s figures").click()
    page.get_by_label("Term").select_option(label=last_term.label)
    _fill(page, (3, 4, 0, 0, 0))  # more referrals than concerns
    page.get_by_role("button", name="Record the figures").click()
    expect(page.locator("#id_referrals_made_error")).to_contain_text(
        "Every referral starts as a concern"
    )
    expect(page.get_by_label("Prevent referrals made")).to_have_value("4")  # nothing typed lost
    shoot(page, "record-error")
    problems = page.console_watch.unreported()  # only the refused form (400), as intended
    assert problems and all("400" in p for p in problems), problems
    _fill(page, (7, 3, 1, 1, 1))
    page.get_by_role("button", name="Record the figures").click()
    expect(page.locator(".messages")).to_contain_text(f"Figures for {last_term.label} recorded")
    northfield = Organisation.objects.get(slug="northfield-training")
    row = TermFigures.objects.for_organisation(northfield).get(term_start=last_term.start)
    assert row.counts()["referrals_made"] == 3

    page.context.clear_cookies()
    sign_in(LEADER)
    page.get_by_role("navigation", name="Northfield Training").get_by_role(
        "link", name="Dashboard"
    ).click()
    panel = page.locator(
        "section", has=page.get_by_role("heading", name="Prevent concerns and referrals")
    )
    expect(panel.get_by_text("Up to date")).to_be_visible()
    last_row = panel.get_by_role("row", name=last_term.label)
    expect(last_row.get_by_role("cell").nth(0)).to_have_text("7")
    expect(last_row.get_by_role("cell").nth(1)).to_have_text("fewer than 5")
    expect(last_row.get_by_role("cell").nth(3)).to_have_text("fewer than 5")
    panel.scroll_into_view_if_needed()
    shoot(page, "dashboard")
    page.get_by_role("link", name="Referral figures").last.click()
    expect(page.get_by_role("link", name="Enter and correct figures")).to_have_count(0)
