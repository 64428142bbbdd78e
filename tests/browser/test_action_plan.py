"""The action plan in a real browser: the quality manager turns gaps into actions in one step,
and a contributor marks one of their actions done."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from actionplans.models import Action, ActionStatus
from assessments.models import Assessment, Status

pytestmark = pytest.mark.browser

QM = "qm@northfield.demo.example"
STAFF = "staff@northfield.demo.example"


def test_gaps_become_actions_and_a_contributor_marks_one_done(page, sign_in):
    sign_in(QM)
    nav = page.get_by_role("navigation", name="Northfield Training")
    nav.get_by_role("link", name="Self-evaluations").click()
    approved = Assessment.unscoped.get(
        organisation__slug="northfield-training", status=Status.APPROVED
    )
    page.get_by_role("link", name=approved.title, exact=True).click()
    page.get_by_role("link", name="Turn gaps into actions").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Turn gaps into actions")

    before = set(
        Action.unscoped.filter(organisation__slug="northfield-training").values_list(
            "pk", flat=True
        )
    )
    ticked = page.get_by_role("checkbox", name=re.compile(r"^Create an action for"))
    offered = ticked.count()
    assert offered > 0, "the demo's approved self-evaluation has gaps without actions"
    mail.outbox.clear()
    page.get_by_role("button", name="Add the ticked actions to the plan").click()
    expect(page.locator(".messages")).to_contain_text("added")
    created = Action.unscoped.filter(organisation__slug="northfield-training").exclude(
        pk__in=before
    )
    assert created.count() == offered
    # One email per owner for the whole batch (the quality manager, who made them, gets none).
    owners = set(created.values_list("owner__email", flat=True)) - {QM, None}
    for owner in owners:
        batch = [m for m in mail.outbox if m.to == [owner]]
        assert len(batch) == 1, (owner, [m.subject for m in batch])
    assert len(mail.outbox) == len(owners), [m.subject for m in mail.outbox]

    page.context.clear_cookies()
    sign_in(STAFF)
    page.get_by_role("navigation", name="Northfield Training").get_by_role(
        "link", name="My work"
    ).click()
    first_action = page.locator("#actions-heading ~ ul .card h3 a").first
    title = first_action.inner_text()
    first_action.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_label("What has happened since the last update?").fill(
        "Delivered the briefing to all assessors; attendance recorded."
    )
    page.get_by_label("Status", exact=True).select_option(label="Done")
    page.get_by_role("button", name="Save the update").click()
    expect(page.get_by_text("Delivered the briefing to all assessors")).to_be_visible()
    action = Action.unscoped.get(organisation__slug="northfield-training", title=title)
    assert action.status == ActionStatus.DONE and action.completed_on is not None
    # Marked done: the quality manager hears of it once.
    done = [m for m in mail.outbox if m.to == [QM] and f"marked “{title}” done" in m.body]
    assert len(done) == 1, [m.subject for m in mail.outbox]
