"""A hand-off in a real browser: the quality manager assigns a criterion, and the contributor
finds it under the bell, with exactly one email."""

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QM = "qm@northfield.demo.example"
STAFF = "staff@northfield.demo.example"  # Megan Lewis, a contributor


def current_title() -> str:
    year = timezone.localdate().year
    return f"{year}/{str(year + 1)[2:]} annual Prevent self-assessment"


def test_an_assigned_criterion_reaches_the_contributors_bell_and_inbox(page, sign_in):
    sign_in(QM)
    nav = page.get_by_role("navigation", name="Northfield Training")
    nav.get_by_role("link", name="Self-evaluations").click()
    page.get_by_role("link", name=current_title(), exact=True).click()
    mail.outbox.clear()
    page.get_by_label("Assign C2 to").select_option(label="Megan Lewis")
    page.get_by_role("button", name="Assign C2").click()
    expect(page.locator(".messages")).to_contain_text("C2 is now assigned to Megan Lewis")

    emails = [message for message in mail.outbox if message.to == [STAFF]]
    assert len(emails) == 1, [m.subject for m in mail.outbox]
    assert "Criterion assigned to you" in emails[0].subject
    assert "assigned C2" in emails[0].body

    page.context.clear_cookies()
    sign_in(STAFF)
    page.get_by_role("link", name="Notifications").click()
    entry = page.locator(".notification").filter(has_text="assigned C2").first
    expect(entry).to_contain_text("Criterion assigned to you")
    expect(entry).to_contain_text("New")
    entry.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "criterion=C2" in page.url
    assert len([m for m in mail.outbox if m.to == [STAFF]]) == 1
