"""A self-evaluation in a real browser: rating benchmarks with autosave, submitting it, a senior
leader signing it off, and rating with the keyboard alone."""

import re
from urllib.parse import parse_qs

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Assessment, Response, Status
from assessments.services import ResponseChange, response_save
from tenancy.models import Organisation
from tenancy.scope import tenant_scope
from tests.assessments.helpers import GOOD_STRENGTHS

pytestmark = pytest.mark.browser

QM = "qm@northfield.demo.example"
LEADER = "leader@northfield.demo.example"
ORG = "northfield-training"


def current_title() -> str:
    """The in-progress demo self-evaluation (the seed also has last year's, approved)."""
    year = timezone.localdate().year
    return f"{year}/{str(year + 1)[2:]} annual Prevent self-assessment"


def current_assessment() -> Assessment:
    organisation = Organisation.objects.get(slug=ORG)
    with tenant_scope(organisation):
        return Assessment.objects.select_related("organisation").get(title=current_title())


def response_in(assessment: Assessment, benchmark_code: str) -> Response:
    with tenant_scope(assessment.organisation):
        return Response.objects.select_related("updated_by").get(
            assessment=assessment, benchmark__code=benchmark_code
        )


def is_save_of(response: Response, resolve: str | None = None, **expected: str):
    """A predicate for the autosave POST of `response` carrying the `expected` field values
    (and, with `resolve`, the conflict button's choice)."""
    path = f"/responses/{response.code}/"
    prefix = f"r-{response.code}-"

    def matches(reply) -> bool:
        request = reply.request
        if request.method != "POST" or path not in reply.url:
            return False
        posted = parse_qs(request.post_data or "")
        if resolve is not None and posted.get("resolve") != [resolve]:
            return False
        return all(posted.get(prefix + name) == [value] for name, value in expected.items())

    return matches


def colleague_saves(response: Response, revision: int, **change):
    """The Northfield senior leader saves `response` behind the page's back; returns them."""
    from django.contrib.auth import get_user_model

    colleague = get_user_model().objects.get(email=LEADER)
    with tenant_scope(response.organisation):
        response_save(
            response=response,
            change=ResponseChange(**change),
            expected_revision=revision,
            by=colleague,
        )
    return colleague


def card_for(page, benchmark_code: str):
    return page.get_by_role("article", name=re.compile(rf"^{re.escape(benchmark_code)} "))


def open_current_assessment(page) -> None:
    nav = page.get_by_role("navigation", name="Northfield Training")
    nav.get_by_role("link", name="Self-evaluations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Self-evaluations")
    page.get_by_role("link", name=current_title(), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(current_title())


def answer_the_rest(assessment: Assessment, by) -> None:
    """Answer, through the service layer, every benchmark that still has no judgement."""
    with tenant_scope(assessment.organisation):
        for response in assessment.responses.select_related("benchmark"):
            if response.is_answered:
                continue
            response_save(
                response=response,
                change=ResponseChange(
                    level=2,
                    confidence="green",
                    strengths=GOOD_STRENGTHS,
                    improvements="Evaluate the impact through learner voice.",
                    evidence=list(response.evidence.all()),
                ),
                expected_revision=response.revision,
                by=by,
            )


def open_the_c3_ratings(page) -> None:
    """From the assessment page, rate the benchmarks and move to criterion C3 in the side nav."""
    page.get_by_role("link", name="Rate the benchmarks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^C1 "))

    criteria = page.get_by_role("navigation", name="Criteria")
    criteria.get_by_role("link", name=re.compile(r"^C3 ")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "C3 Multi-agency partnership and information sharing"
    )
    expect(criteria.get_by_role("link", name=re.compile(r"^C3 "))).to_have_attribute(
        "aria-current", "page"
    )


def rate_with_autosave(page, benchmark_code: str, response: Response, typed: str) -> None:
    """Choose a level and a confidence and type strengths on the benchmark's card: each change
    saves on its own, and the hidden revision follows, so no save conflicts."""
    card = card_for(page, benchmark_code)
    expect(card).to_contain_text("Last cycle:")
    status = card.get_by_role("status")
    expect(status).to_have_text("Not saved yet")
    level = card.get_by_label("2 Established", exact=True)
    robust = card.get_by_label("Green: robust evidence", exact=True)
    strengths = card.get_by_label("What we do well")

    with page.expect_response(is_save_of(response, level="2")) as saved:
        level.check()
    assert saved.value.status == 200
    expect(status).to_contain_text("Saved at")
    with page.expect_response(is_save_of(response, level="2", confidence="green")) as saved:
        robust.check()
    assert saved.value.status == 200
    with page.expect_response(is_save_of(response, strengths=typed)) as saved:
        strengths.fill(typed)
        strengths.press("Tab")  # leaving the field saves at once (typing saves after a pause)
    assert saved.value.status == 200
    expect(status).to_contain_text("Saved at")
    expect(status).not_to_contain_text("Not saved")


def expect_the_rating_after_a_reload(page, benchmark_code: str, typed: str) -> None:
    page.reload()
    card = card_for(page, benchmark_code)
    expect(card.get_by_label("2 Established", exact=True)).to_be_checked()
    expect(card.get_by_label("Green: robust evidence", exact=True)).to_be_checked()
    expect(card.get_by_label("What we do well")).to_have_value(typed)
    expect(card.get_by_role("status")).to_contain_text("Last saved by")


def check_and_submit(page, assessment: Assessment) -> None:
    """From a rating page, back to the assessment, then check and submit it for review."""
    page.get_by_role("main").get_by_role("link", name=current_title()).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(current_title())
    page.get_by_role("link", name="Check and submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and submit")
    expect(page.get_by_role("heading", name="Not ready to submit")).to_have_count(0)
    page.get_by_label("Note for the reviewer").fill("Ready for the governors.")
    page.get_by_role("button", name="Submit for review").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(current_title())
    expect(page.get_by_role("status")).to_contain_text("Submitted for review.")
    expect(page.get_by_role("heading", name="Waiting for review")).to_be_visible()
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


def sign_out(page) -> None:
    page.locator("details.user-menu > summary").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def approve_and_sign_off(page, assessment: Assessment, comment: str) -> None:
    """On the submitted assessment's page, the signed-in senior leader approves it."""
    page.get_by_label("Approve and sign off").check()
    acknowledge = page.get_by_label("I have read these checks")
    if acknowledge.count():  # shown only while there are judgement checks
        acknowledge.check()
    page.get_by_role("textbox", name=re.compile(r"^Comment \(")).fill(comment)
    page.get_by_role("button", name="Record decision").click()

    expect(page.get_by_role("heading", name="Signed off")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Approved and signed off.")
    assessment.refresh_from_db()
    assert assessment.status == Status.APPROVED
    assert assessment.approved_by.email == LEADER
    expect(page.locator("code.hash")).to_have_text(assessment.snapshot_sha256)
    expect(page.get_by_role("main")).to_contain_text(f"“{comment}”")


def test_rate_submit_and_sign_off(page, sign_in):
    sign_in(QM)
    open_current_assessment(page)
    open_the_c3_ratings(page)

    assessment = current_assessment()
    response = response_in(assessment, "C3.1")
    assert response.level is None and response.carried_forward
    typed = (
        "We check partner contacts every term, and the evidence shows staff know whom "
        "to call in each region."
    )
    rate_with_autosave(page, "C3.1", response, typed)
    stored = response_in(assessment, "C3.1")
    assert (stored.level, stored.confidence, stored.strengths) == (2, "green", typed)
    assert stored.updated_by.email == QM
    expect_the_rating_after_a_reload(page, "C3.1", typed)

    # The rest is answered behind the scenes; then check and submit in the browser.
    answer_the_rest(assessment, stored.updated_by)
    mail.outbox.clear()
    check_and_submit(page, assessment)
    assert len(emails_to(LEADER, "submitted")) == 1, [m.subject for m in mail.outbox]
    sign_out(page)

    # The hand-off: the leader's home lists the self-evaluation waiting for their approval.
    sign_in(LEADER)
    waiting = page.locator("#todo-approvals")
    expect(waiting).to_contain_text("Self-evaluations waiting for your approval")
    waiting.get_by_role("link", name=current_title(), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(current_title())
    approve_and_sign_off(page, assessment, "A fair picture; keep the partner register current.")
    [approved] = emails_to(QM, "approved")  # the lead is told once, with the snapshot's hash
    assert assessment.snapshot_sha256 in approved.body
    assert len(emails_to(LEADER, "submitted")) == 1


def emails_to(address: str, word: str) -> list:
    return [m for m in mail.outbox if m.to == [address] and word in m.subject.lower()]


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), name: el.getAttribute("name"),
                    type: el.getAttribute("type"), value: el.value, checked: !!el.checked};
        }"""
    )


def test_rating_with_the_keyboard(page, sign_in):
    sign_in(QM)
    assessment = current_assessment()
    response = response_in(assessment, "C3.2")
    assert response.level is None
    page.goto(f"/o/{ORG}/assessments/{assessment.code}/respond/?criterion=C3")
    card = card_for(page, "C3.2")
    status = card.get_by_role("status")
    expect(status).to_have_text("Not saved yet")

    # From the last toggle ("Where this comes from"), Tab reaches the level radio group (the first
    # level: none chosen).
    card.locator("summary", has_text="Where this comes from").focus()
    page.keyboard.press("Tab")
    focused = _focused(page)
    assert focused == {
        "tag": "input",
        "name": f"r-{response.code}-level",
        "type": "radio",
        "value": "1",
        "checked": False,
    }

    # Arrow keys move through the group and choose as they go; each choice saves.
    with page.expect_response(is_save_of(response, level="2")) as saved:
        page.keyboard.press("ArrowDown")
    assert saved.value.status == 200
    assert _focused(page)["value"] == "2"
    expect(card.get_by_label("2 Established", exact=True)).to_be_checked()
    expect(status).to_contain_text("Saved at")

    with page.expect_response(is_save_of(response, level="3", revision="1")) as saved:
        page.keyboard.press("ArrowDown")
    assert saved.value.status == 200
    expect(card.get_by_label("3 Developing or inconsistent", exact=True)).to_be_checked()
    expect(card.get_by_label("2 Established", exact=True)).not_to_be_checked()

    with page.expect_response(is_save_of(response, level="2", revision="2")) as saved:
        page.keyboard.press("ArrowUp")
    assert saved.value.status == 200
    expect(card.get_by_label("2 Established", exact=True)).to_be_checked()
    expect(status).to_contain_text("Saved at")
    assert response_in(assessment, "C3.2").level == 2

    # Tab leaves the level group for the confidence group; Space chooses there.
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == f"r-{response.code}-confidence"
    with page.expect_response(is_save_of(response, level="2", confidence="green")) as saved:
        page.keyboard.press("Space")
    assert saved.value.status == 200
    expect(card.get_by_label("Green: robust evidence", exact=True)).to_be_checked()
    stored = response_in(assessment, "C3.2")
    assert (stored.level, stored.confidence, stored.revision) == (2, "green", 4)


def test_a_conflicting_save_shows_both_versions_and_keep_mine_saves(page, sign_in):
    sign_in(QM)
    assessment = current_assessment()
    response = response_in(assessment, "C3.3")
    page.goto(f"/o/{ORG}/assessments/{assessment.code}/respond/?criterion=C3")
    card = card_for(page, "C3.3")
    with page.expect_response(is_save_of(response, level="3")) as saved:
        card.get_by_label("3 Developing or inconsistent", exact=True).check()
    assert saved.value.status == 200
    expect(card.get_by_role("status")).to_contain_text("Saved at")

    # Meanwhile a colleague, working from the latest version, saves C3.3 too.
    colleague = colleague_saves(
        response, 1, level=1, confidence="green", strengths="Their narrative."
    )

    mine = "My narrative: network attendance improved how we act on local risk."
    with page.expect_response(is_save_of(response, level="3", strengths=mine)) as refused:
        card.get_by_label("What we do well").fill(mine)
        card.get_by_label("What we do well").press("Tab")
    assert refused.value.status == 409
    alert = card.get_by_role("alert")
    expect(alert).to_contain_text(f"Not saved: {colleague.display_name} changed this")
    expect(alert).to_contain_text("Their narrative.")
    expect(alert).to_contain_text(
        "1 Embedded and evaluated; evidence confidence: green: robust evidence"
    )
    expect(card.get_by_label("What we do well")).to_have_value(mine)  # nothing typed is lost
    expect(card.get_by_label("3 Developing or inconsistent", exact=True)).to_be_checked()
    assert response_in(assessment, "C3.3").strengths == "Their narrative."
    # The refused save is the only failed request the watch may have seen (and Chromium's
    # console line about it).
    problems = page.console_watch.unreported()
    assert len(problems) == 2, problems
    assert all("409" in p and refused.value.url in p for p in problems), problems

    with page.expect_response(is_save_of(response, resolve="mine", strengths=mine)) as kept:
        alert.get_by_role("button", name="Keep my version").click()
    assert kept.value.status == 200
    expect(card.get_by_role("status")).to_contain_text("Saved at")
    expect(card.get_by_role("alert")).to_have_count(0)
    stored = response_in(assessment, "C3.3")
    assert (stored.level, stored.strengths, stored.revision) == (3, mine, 3)
    assert stored.updated_by.email == QM


def test_keep_mine_clicked_straight_from_the_narrative_after_more_typing(page, sign_in):
    """Leaving the narrative saves (and is refused again) before the click's own submit runs;
    the click must still keep my version, not show the conflict a second time."""
    sign_in(QM)
    assessment = current_assessment()
    response = response_in(assessment, "C3.4")
    page.goto(f"/o/{ORG}/assessments/{assessment.code}/respond/?criterion=C3")
    card = card_for(page, "C3.4")
    colleague_saves(response, 0, strengths="Their narrative.")
    narrative = card.get_by_label("What we do well")
    with page.expect_response(is_save_of(response, strengths="First draft.")) as refused:
        narrative.fill("First draft.")
        narrative.press("Tab")
    assert refused.value.status == 409
    expect(card.get_by_role("alert")).to_contain_text("changed this")

    mine = "Second draft: partners now brief us each term, which improved our risk assessment."
    narrative.fill(mine)
    with page.expect_response(is_save_of(response, resolve="mine", strengths=mine)) as kept:
        card.get_by_role("button", name="Keep my version").click()
    assert kept.value.status == 200
    expect(card.get_by_role("status")).to_contain_text("Saved at")
    expect(card.get_by_role("alert")).to_have_count(0)
    assert response_in(assessment, "C3.4").strengths == mine
    problems = page.console_watch.unreported()  # only the refused saves, and their console lines
    assert problems and all("409" in p for p in problems), problems
