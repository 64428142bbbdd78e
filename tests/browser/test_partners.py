"""Partners and advice in a real browser: the quality manager sees a delivery area flagged,
adds its local authority Prevent lead (a bad phone number first), records a briefing received
that raises an action in the same step, and finds the action in the plan."""

import pytest
from playwright.sync_api import expect

from actionplans.models import Action
from partners.models import Engagement
from tests.browser.shots import shoot
from tests.clock import iso_days_from_today

pytestmark = pytest.mark.browser
QM = "qm@northfield.demo.example"


def add_a_contact(page) -> None:
    """West Yorkshire's local authority lead, a mistyped phone number first."""
    page.get_by_role("link", name="Add a partner for West Yorkshire").click()
    expect(page.locator("#id_area option:checked")).to_have_text("West Yorkshire")
    page.get_by_label("Kind of partner").select_option(label="Local authority Prevent lead")
    page.get_by_label("Organisation", exact=True).fill("Kirklees Council")
    page.get_by_label("Contact name").fill("Nadia Hussain")
    page.get_by_label("Role").fill("Prevent Coordinator")
    page.get_by_label("Email").fill("prevent@kirklees.example.gov.uk")
    page.get_by_label("Phone").fill("01484 22")
    page.get_by_role("button", name="Add the partner").click()
    expect(page.locator("#id_phone_error")).to_contain_text("Enter a UK phone number")
    expect(page.get_by_label("Contact name")).to_have_value("Nadia Hussain")
    problems = page.console_watch.unreported()  # only the refused form (400) and its console line
    assert problems and all("400" in p for p in problems), problems
    shoot(page, "partners-contact-error")
    page.get_by_label("Phone").fill("01484 221000")
    page.get_by_role("button", name="Add the partner").click()
    expect(page.locator(".messages")).to_contain_text("Kirklees Council is in the partner register")


def record_a_briefing(page) -> None:
    """A briefing received, by the quality manager, that raises an action in the same step."""
    page.get_by_role("link", name="Record an engagement").click()
    expect(page.get_by_label("Partner", exact=True)).to_contain_text("Kirklees Council")
    page.get_by_label("Date", exact=True).fill(iso_days_from_today(-2))
    page.get_by_label("Briefing received").check()
    expect(page.get_by_text("is not uploaded here")).to_be_visible()
    page.get_by_label("Summary").fill("Local risk briefing for education settings (verbal).")
    page.get_by_label("What changed").fill("Added the local picture to the apprentice induction.")
    page.get_by_label("It led to an action").check()
    page.get_by_label("Action to take").fill("Add the West Yorkshire picture to induction")
    page.get_by_label("Action due").fill(iso_days_from_today(30))
    shoot(page, "partners-record-briefing")
    page.get_by_role("button", name="Record it").click()
    expect(page.locator(".messages")).to_contain_text(
        "“Add the West Yorkshire picture to induction” is in the action plan"
    )
    expect(page.get_by_text("stays with the partner")).to_be_visible()
    shoot(page, "partners-briefing")


def test_add_a_contact_and_record_a_briefing_that_raises_an_action(page, sign_in):
    sign_in(QM)
    page.get_by_role("navigation", name="Northfield Training").get_by_role(
        "link", name="Registers"
    ).click()
    page.get_by_role("navigation", name="Registers").get_by_role(
        "link", name="Partners and advice"
    ).click()
    expect(page.get_by_role("heading", name="Partners and advice", level=1)).to_be_visible()
    flagged = page.locator(".message-warning")
    expect(flagged).to_contain_text(
        "West Yorkshire: no local authority Prevent lead or police Prevent team"
    )
    shoot(page, "partners-last-contact")

    add_a_contact(page)
    record_a_briefing(page)

    engagement = Engagement.unscoped.select_related("action", "received_by").get(
        contact__organisation_name="Kirklees Council"
    )
    assert engagement.received_by is not None
    assert engagement.kind == "briefing" and engagement.received_by.email == QM
    assert Action.unscoped.get(source_key=f"engagement:{engagement.code}") == engagement.action
    page.get_by_role("link", name="Add the West Yorkshire picture to induction").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("West Yorkshire picture")

    page.goto("/o/northfield-training/registers/partners/")
    expect(flagged).to_contain_text("West Yorkshire: no police Prevent team")
    page.get_by_role("link", name="Engagement and advice log").click()
    shoot(page, "partners-log")
