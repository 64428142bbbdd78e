"""The staff training matrix in a real browser: a new tutor is added, shows as still to train,
has a completion recorded, and the matrix shows it done; then a session is recorded for two
people at once from the course."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from training.models import Completion

pytestmark = pytest.mark.browser

QM = "qm@northfield.demo.example"


def _training(page, tab: str) -> None:
    page.get_by_role("navigation", name="Northfield Training").get_by_role(
        "link", name="Training"
    ).click()
    page.get_by_role("navigation", name="Training").get_by_role("link", name=tab).click()


def test_add_a_person_record_a_completion_and_see_the_matrix_change(page, sign_in):
    today = timezone.localdate()
    sign_in(QM)
    _training(page, "Matrix")
    page.get_by_role("link", name="Add a member of staff").click()
    page.get_by_label("Name").fill("Robin Newtutor")
    page.get_by_label("Role group").select_option(label="Tutors and assessors")
    page.get_by_label("Site").fill("Leeds centre")
    page.get_by_label("Staff number").fill("NEW-001")
    page.get_by_label("Start date").fill(today.isoformat())
    page.get_by_role("button", name="Add to the matrix").click()
    expect(page.locator(".messages")).to_contain_text("Robin Newtutor is on the training matrix")
    needs = page.get_by_role("region", name="Training their role needs")
    expect(needs).to_contain_text("Prevent awareness (Home Office e-learning): To do")

    _training(page, "Matrix")
    page.get_by_label("Search by name, staff number or email").fill("Newtutor")
    page.get_by_role("button", name="Filter").click()
    row = page.get_by_role("row", name="Robin Newtutor")
    expect(row).to_contain_text("To do")
    expect(row).not_to_contain_text("Done")

    row.get_by_role("link", name="Robin Newtutor").click()
    page.get_by_label("Course").select_option(label="Prevent awareness (Home Office e-learning)")
    page.get_by_label("Date completed").fill(today.isoformat())
    page.get_by_label("Knowledge check score (%)").fill("88")
    page.get_by_role("button", name="Record the completion").click()
    expect(page.locator(".messages")).to_contain_text("recorded for Robin Newtutor")
    expect(page.get_by_role("table")).to_contain_text("88%")

    _training(page, "Matrix")
    page.get_by_label("Search by name, staff number or email").fill("Newtutor")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("row", name="Robin Newtutor")).to_contain_text("Done")


def test_record_a_session_for_several_people_from_the_course(page, sign_in):
    sign_in(QM)
    _training(page, "Courses")
    page.get_by_role("link", name="Record a session of Local Prevent briefing").click()
    expect(page.get_by_role("heading", name="Record a session")).to_be_visible()
    boxes = page.locator('input[name="attendees"]')
    first, second = boxes.nth(0), boxes.nth(1)
    ids = [first.get_attribute("value"), second.get_attribute("value")]
    first.check()
    second.check()
    page.get_by_role("button", name="Record for the people ticked").click()
    expect(page.locator(".messages")).to_contain_text("Recorded for 2 people.")
    today = timezone.localdate()
    assert (
        Completion.unscoped.filter(
            staff__code__in=ids, completed_on=today, course__title__startswith="Local"
        ).count()
        == 2
    )
    for code in ids:
        expect(page.locator(f"#attendee-{code}")).to_be_disabled()
