"""A save that fails is never silent: the card says so, keeps what was typed, tries again, and
the page warns before it is left with changes the server has not confirmed.

The failures are made by Playwright's route interception: a 500 from the server, a dropped
connection, and a reply lost after the server had saved.
"""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.test_self_evaluation import (
    ORG,
    QM,
    card_for,
    colleague_saves,
    current_assessment,
    response_in,
)

pytestmark = pytest.mark.browser

MINE = "Staff know the referral route; our audit of 30 concerns found each acted on within a day."


def fail_saves(page, response, replies: list[str]) -> list:
    """Answer the first saves of `response` as `replies` say, then let saves through:
    "500" (the server fails), "drop" (no answer), "lost" (saved, but the reply never comes)."""
    seen: list = []

    def handle(route) -> None:
        seen.append(route.request.post_data or "")
        reply = replies[len(seen) - 1] if len(seen) <= len(replies) else "pass"
        if reply == "500":
            route.fulfill(status=500, content_type="text/html", body="<h1>Server error</h1>")
        elif reply == "drop":
            route.abort("connectionreset")
        elif reply == "lost":
            route.fetch()  # it reaches the server and is saved...
            route.abort("connectionreset")  # ...but the browser never hears back
        else:
            route.continue_()

    page.route(re.compile(rf"/responses/{response.code}/$"), handle)
    return seen


EXPECTED = re.compile(
    r"Response Status Error Code 500|ERR_CONNECTION_RESET|"
    r"^console error: htmx:(afterRequest|sendError), \[object HTMLParagraphElement\]"
)


def expect_only_failures_of(page, response) -> None:
    """The failures we made are the only problems the browser reported: the failed requests,
    Chromium's console lines about them and htmx's error log of each."""
    problems = page.console_watch.unreported()
    assert problems, "the failed saves should have been reported"
    unexpected = [p for p in problems if str(response.code) not in p and not EXPECTED.search(p)]
    assert unexpected == [], problems


def open_card(page, sign_in, benchmark_code: str):
    sign_in(QM)
    assessment = current_assessment()
    response = response_in(assessment, benchmark_code)
    page.goto(f"/o/{ORG}/assessments/{assessment.code}/respond/?criterion=C5")
    card = card_for(page, benchmark_code)
    expect(card.get_by_role("status")).to_have_text("Not saved yet")
    return assessment, response, card


def leaving_is_blocked(page) -> bool:
    """Whether the page asks before it is left (what beforeunload handlers decide)."""
    return page.evaluate(
        """() => {
            const event = new Event("beforeunload", {cancelable: true});
            window.dispatchEvent(event);
            return event.defaultPrevented;
        }"""
    )


def test_a_server_error_is_shown_the_text_kept_and_the_save_retried(page, sign_in):
    assessment, response, card = open_card(page, sign_in, "C5.1")
    seen = fail_saves(page, response, ["500"])
    narrative = card.get_by_label("What we do well")
    with page.expect_response(lambda r: r.status == 500):
        narrative.fill(MINE)
        narrative.press("Tab")

    alert = card.get_by_role("alert")
    expect(alert).to_contain_text("Not saved.")
    expect(alert).to_contain_text("The server had a problem (error 500).")
    expect(alert).to_contain_text("Everything you typed is still here; trying again in")
    expect(alert.get_by_role("button", name="Try again now")).to_be_visible()
    expect(card).not_to_contain_text("Saved at")
    expect(narrative).to_have_value(MINE)
    assert response_in(assessment, "C5.1").strengths != MINE
    assert leaving_is_blocked(page)

    # It tries again by itself (after about 2 s) and the server's answer is what it shows.
    expect(card.get_by_role("status")).to_contain_text("Saved at", timeout=10_000)
    expect(card.get_by_role("alert")).to_have_count(0)
    assert len(seen) == 2
    stored = response_in(assessment, "C5.1")
    assert (stored.strengths, stored.revision) == (MINE, 1)
    assert not leaving_is_blocked(page)
    expect_only_failures_of(page, response)


def test_a_dropped_connection_offers_try_again_and_leaving_asks_first(page, sign_in):
    assessment, response, card = open_card(page, sign_in, "C5.2")
    seen = fail_saves(page, response, ["drop", "drop"])
    card.get_by_label("2 Established", exact=True).check()
    alert = card.get_by_role("alert")
    expect(alert).to_contain_text("The connection to the server was lost.")
    expect(card.get_by_label("2 Established", exact=True)).to_be_checked()

    # Leaving now asks first, and staying keeps the card as it was.
    dialogs: list[str] = []

    def stay(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    page.get_by_role("navigation", name="Criteria").get_by_role(
        "link", name=re.compile(r"^C1 ")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^C5 "))
    assert dialogs == ["beforeunload"]
    expect(card.get_by_label("2 Established", exact=True)).to_be_checked()

    alert.get_by_role("button", name="Try again now").click()  # dropped again
    expect(alert).to_contain_text("The connection to the server was lost.")
    expect(alert).to_contain_text("trying again in")
    assert len(seen) == 2
    alert.get_by_role("button", name="Try again now").click()  # now it goes through
    expect(card.get_by_role("status")).to_contain_text("Saved at")
    assert len(seen) == 3
    assert response_in(assessment, "C5.2").level == 2

    # Saved: the page can be left without a question.
    page.get_by_role("navigation", name="Criteria").get_by_role(
        "link", name=re.compile(r"^C1 ")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^C1 "))
    assert dialogs == ["beforeunload"]
    expect_only_failures_of(page, response)


def test_a_save_whose_reply_was_lost_is_retried_without_a_conflict(page, sign_in):
    assessment, response, card = open_card(page, sign_in, "C5.3")
    fail_saves(page, response, ["lost"])
    narrative = card.get_by_label("What we do well")
    narrative.fill(MINE)
    narrative.press("Tab")
    expect(card.get_by_role("alert")).to_contain_text("The connection to the server was lost.")
    assert response_in(assessment, "C5.3").revision == 1  # the server did save it

    # The retry carries the revision the page knew; the server sees its own save, not a conflict.
    expect(card.get_by_role("status")).to_contain_text("Saved at", timeout=10_000)
    expect(card).not_to_contain_text("changed this")
    stored = response_in(assessment, "C5.3")
    assert (stored.strengths, stored.revision) == (MINE, 1)
    expect_only_failures_of(page, response)


def test_typing_while_a_retry_waits_is_saved_with_it(page, sign_in):
    assessment, response, card = open_card(page, sign_in, "C5.1")
    fail_saves(page, response, ["500"])
    narrative = card.get_by_label("What we do well")
    narrative.fill("First thoughts.")
    narrative.press("Tab")
    expect(card.get_by_role("alert")).to_contain_text("error 500")
    card.get_by_label("Areas for improvement").fill("Survey learners on the Prevent sessions.")
    card.get_by_label("Areas for improvement").press("Tab")
    expect(card.get_by_role("status")).to_contain_text("Saved at")
    stored = response_in(assessment, "C5.1")
    assert (stored.strengths, stored.improvements) == (
        "First thoughts.",
        "Survey learners on the Prevent sessions.",
    )
    expect_only_failures_of(page, response)


def test_keep_my_version_that_fails_is_retried_as_keep_my_version(page, sign_in):
    """The conflict still shows both versions; when "Keep my version" itself fails, its retry
    still keeps mine (the panel with the button is gone by then)."""
    assessment, response, card = open_card(page, sign_in, "C5.2")
    colleague = colleague_saves(
        response, 0, level=1, confidence="green", strengths="Their narrative."
    )
    narrative = card.get_by_label("What we do well")
    narrative.fill(MINE)
    narrative.press("Tab")
    panel = card.get_by_role("alert")
    expect(panel).to_contain_text(f"Not saved: {colleague.display_name} changed this")
    expect(panel).to_contain_text("Their narrative.")
    expect(panel).to_contain_text("Your version")
    assert leaving_is_blocked(page)

    seen = fail_saves(page, response, ["500"])
    panel.get_by_role("button", name="Keep my version").click()
    expect(card.get_by_role("alert")).to_contain_text("error 500")
    expect(narrative).to_have_value(MINE)
    expect(card.get_by_role("status")).to_contain_text("Saved at", timeout=10_000)
    assert len(seen) == 2 and all("resolve=mine" in body for body in seen), seen
    stored = response_in(assessment, "C5.2")
    assert (stored.strengths, stored.revision) == (MINE, 2)
    problems = page.console_watch.unreported()  # the refused save (409) and the 500
    assert problems and all(str(response.code) in p or "Error Code" in p for p in problems)


def test_signed_out_meanwhile_says_so_and_saves_after_signing_in_again(page, sign_in):
    """The sign-in page the save was redirected to is never shown in the card; after signing in
    again in another tab (which rotates the CSRF cookie), "Try again" saves."""
    assessment, _, card = open_card(page, sign_in, "C5.3")
    page.context.clear_cookies(name="sessionid")
    narrative = card.get_by_label("What we do well")
    narrative.fill(MINE)
    narrative.press("Tab")
    alert = card.get_by_role("alert")
    expect(alert).to_contain_text("You have been signed out.")
    expect(alert).to_contain_text("sign in again in another tab, then try again.")
    expect(card.get_by_label("Password")).to_have_count(0)  # no sign-in form in the card
    expect(narrative).to_have_value(MINE)
    assert response_in(assessment, "C5.3").strengths != MINE

    other_tab = page.context.new_page()
    other_tab.goto("/accounts/login/")
    other_tab.get_by_label("Email address").fill(QM)
    other_tab.get_by_label("Password", exact=True).fill(settings.DEMO_PASSWORD)
    other_tab.get_by_role("button", name="Sign in").click()
    other_tab.wait_for_load_state()
    other_tab.close()

    alert.get_by_role("button", name="Try again").click()
    expect(card.get_by_role("status")).to_contain_text("Saved at")
    assert response_in(assessment, "C5.3").strengths == MINE
