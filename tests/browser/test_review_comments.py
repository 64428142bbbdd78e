"""A senior leader returns a self-evaluation with a comment on one benchmark; the quality
manager sees it on that benchmark's card and resolves it."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment, BenchmarkComment
from tenancy.models import Organisation
from tenancy.scope import tenant_scope
from tests.browser.test_self_evaluation import sign_out

pytestmark = pytest.mark.browser

ORG = "riverside-college"
QM = "qm@riverside.demo.example"
LEADER = "leader@riverside.demo.example"


def submitted_assessment() -> Assessment:
    organisation = Organisation.objects.get(slug=ORG)
    with tenant_scope(organisation):
        return Assessment.objects.select_related("organisation").get(status="submitted")


def test_a_benchmark_comment_goes_to_its_card_and_is_resolved(page, sign_in):
    assessment = submitted_assessment()
    sign_in(LEADER)
    page.goto(assessment.get_absolute_url())
    review = page.get_by_role("region", name="Waiting for review")
    expect(review.get_by_role("heading", name="Judgement checks")).to_be_visible()
    review.get_by_label("Return with comments").check()
    review.get_by_role("textbox", name=re.compile(r"^Comment \(")).fill("Nearly there: see C1.1.")
    review.locator("select[name='benchmark_1']").select_option(label=label_for("C1.1", page))
    review.get_by_label("Comment on benchmark 1").fill("Say how governors check this.")
    review.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("status")).to_contain_text("Returned to the quality manager")
    expect(page.get_by_role("main")).to_contain_text("“Say how governors check this.”")
    sign_out(page)

    sign_in(QM)
    page.goto(assessment.get_absolute_url())
    page.get_by_role("link", name="C1.1", exact=True).click()
    card = page.locator("article.response-card").filter(has_text="Review comments")
    expect(card).to_contain_text("Fatima Begum")
    expect(card).to_contain_text("“Say how governors check this.”")
    card.get_by_role("button", name="Mark resolved").click()

    # (each card has its own save status, so the message is found by its text)
    expect(page.get_by_text("The comment on C1.1 is resolved.")).to_be_visible()
    card = page.locator("article.response-card").filter(has_text="Review comments")
    expect(card).to_contain_text("Resolved by Alan Brooks")
    with tenant_scope(assessment.organisation):
        comment = BenchmarkComment.objects.select_related("resolved_by").get(
            assessment=assessment, response__benchmark__code="C1.1"
        )
    assert comment.resolved_by is not None and comment.resolved_at
    assert comment.resolved_by.email == QM


def label_for(code: str, page) -> str:
    """The full option label of benchmark `code` in the first benchmark select."""
    options = page.locator("select[name='benchmark_1'] option").all_text_contents()
    return next(option for option in options if option.startswith(f"{code} "))
