"""The personal-data guard in a real browser: submitting a self-evaluation whose narrative names
a learner's ULN and a member near "referred" is blocked, the findings are shown under their
benchmark, and ticking "This is not personal data" for each lets it through."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Status
from assessments.services import ResponseChange, response_save
from tenancy.models import PersonalDataConfirmation
from tenancy.scope import tenant_scope
from tests.browser.shots import shoot
from tests.browser.test_self_evaluation import (
    QM,
    answer_the_rest,
    current_assessment,
    open_current_assessment,
    response_in,
)

pytestmark = pytest.mark.browser
NARRATIVE = (
    "Staff know the referral route. Megan Lewis referred one learner (ULN 4829103756) to the "
    "local authority in October; the referral was acknowledged within a day."
)


def _expect_only_the_refused(page, path: str) -> None:
    """The blocked save answers 400 (and the browser logs it); nothing else went wrong."""
    problems = page.console_watch.unreported()
    assert problems and all("400" in problem and path in problem for problem in problems)


def test_submit_shows_the_findings_and_confirming_them_submits(page, sign_in):
    assessment = current_assessment()
    response = response_in(assessment, "C1.1")
    with tenant_scope(assessment.organisation):
        qm = assessment.lead
        response_save(
            response=response,
            change=ResponseChange(
                level=2,
                confidence="green",
                strengths=NARRATIVE,
                evidence=list(response.evidence.all()),
            ),
            expected_revision=response.revision,
            by=qm,
        )
    answer_the_rest(assessment, qm)
    sign_in(QM)
    open_current_assessment(page)
    page.get_by_role("link", name="Check and submit").click()

    panel = page.locator("#personal-data")
    expect(panel.get_by_role("heading", name="Possible personal data")).to_be_visible()
    expect(panel.get_by_role("link", name="C1.1 · what we do well")).to_be_visible()
    expect(panel.locator("mark")).to_have_text(["Megan Lewis", "4829103756"])
    expect(panel).to_contain_text("Looks like a Unique Learner Number (10 digits).")
    shoot(page, "personal-data-on-submit")

    # Submitting with one finding confirmed records it and still stops at the other.
    page.get_by_label("Note for the reviewer").fill("Ready for the governors.")
    panel.get_by_label("This is not personal data: do not flag it again").first.check()
    page.get_by_role("button", name="Submit for review").click()
    expect(panel.locator("mark")).to_have_text(["4829103756"])
    expect(page.get_by_label("Note for the reviewer")).to_have_value("Ready for the governors.")
    with tenant_scope(assessment.organisation):
        (record,) = PersonalDataConfirmation.objects.all()
    assert record.confirmed_by is not None
    assert (record.category, record.confirmed_by.email) == ("name", QM)
    _expect_only_the_refused(page, "/submit/")

    panel.get_by_label("This is not personal data: do not flag it again").check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("status")).to_contain_text("Submitted for review.")
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


def test_saving_an_action_shows_the_findings_beside_the_field(page, sign_in):
    sign_in(QM)
    page.goto("/o/northfield-training/actions/new/")
    page.get_by_label("Title").fill("Follow up the autumn referral")
    typed = "Megan Lewis referred the learner; call their mum on 07700 900123 if needed."
    page.get_by_label("Description").fill(typed)
    page.get_by_label("Due date").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Add to the plan").click()

    expect(
        page.get_by_role("heading", name="Check for personal data before saving")
    ).to_be_visible()
    expect(page.locator(".pd-finding mark")).to_have_text(["Megan Lewis", "07700 900123"])
    expect(page.get_by_label("Description")).to_have_value(typed)
    shoot(page, "personal-data-on-action")
    _expect_only_the_refused(page, "/actions/new/")

    for box in page.get_by_label("This is not personal data: do not flag it again").all():
        box.check()
    page.get_by_role("button", name="Add to the plan").click()
    expect(page.get_by_role("status")).to_contain_text("is in the action plan")


def test_the_subcontractor_sees_the_findings_and_confirms_them(page):
    from subcontractors.links import link_mint
    from subcontractors.models import AWAITING_SUBCONTRACTOR, DueDiligenceReview, EmailKind

    organisation = current_assessment().organisation
    with tenant_scope(organisation):
        review = DueDiligenceReview.objects.filter(status__in=AWAITING_SUBCONTRACTOR).first()
        assert review is not None
        _, token = link_mint(review=review, purpose=EmailKind.INVITATION)
    page.goto(f"/q/{token}/")
    notes = "Our DSL referred one learner (date of birth 12/11/2007) to the local authority."
    item = page.locator(".questionnaire-item").first
    item.get_by_label("Notes").fill(notes)
    page.get_by_role("button", name="Save and come back later").click()

    expect(
        page.get_by_role("heading", name="Check for personal data before saving")
    ).to_be_visible()
    expect(item.locator(".pd-finding mark")).to_have_text(["12/11/2007"])
    expect(item.get_by_label("Notes")).to_have_value(notes)
    shoot(page, "personal-data-on-questionnaire")
    _expect_only_the_refused(page, "/q/")

    item.get_by_label("This is not personal data: do not flag it again").check()
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("status")).to_contain_text("Your answers are saved")
    with tenant_scope(organisation):
        (record,) = PersonalDataConfirmation.objects.all()
    assert record.confirmed_by is None
    assert record.confirmed_by_label.endswith(", through the questionnaire link")
