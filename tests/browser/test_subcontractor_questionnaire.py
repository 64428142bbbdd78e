"""Subcontractor due diligence in a real browser: the quality manager sends the questionnaire,
the subcontractor's Prevent lead answers it through the emailed link without an account (saving,
coming back, uploading a PDF, submitting), and the quality manager finds it awaiting review."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from demo.sample_files import pdf_bytes
from tests.browser.conftest import TIMEOUT_MS, ConsoleWatch, _fail_on_browser_problems
from tests.clock import iso_days_from_today

pytestmark = pytest.mark.browser

QM = "qm@northfield.demo.example"
ORG = "northfield-training"
SUBCONTRACTOR = "Castlegate Learning CIC"  # an accepted review last year; none under way
PREVENT_LEAD = "aisha.rahman@castlegate.demo.example"
POLICY = pdf_bytes("Castlegate Learning: Prevent policy", ["Approved by the board."])

ANSWERS = {
    "prevent_policy": ("Met", "Approved by the board in July."),
    "prevent_lead_dsl": ("Met", "Aisha Rahman is the Prevent lead and DSL."),
    "staff_training": ("Partly met", "Two new tutors finish the course this month."),
    "risk_assessment": ("Met", "Reviewed in September on the DfE template."),
    "it_filtering": ("Met", "Filtered and monitored on every site."),
    "external_speakers": ("Met", "Every speaker is checked a week ahead."),
    "contract_clauses": ("Met", "Clauses 12 to 14 of our contract."),
    "learner_awareness": ("Not applicable", "No learners have started yet."),
    "funding_all_leads": ("Met", "£60,000 in total from two leads, all DfE; not one."),
    "safer_recruitment": ("Met", "Enhanced DBS for every tutor; single central record kept."),
    "dsl_training": ("Met", "Refreshed in March."),
    "incident_notification": ("Met", "Same day by phone, counts only; no referrals this year."),
    "local_prevent_contacts": ("Met", "Listed for both delivery areas."),
    "other_venues": ("Not applicable", "We teach only on our own site."),
    "apprentice_employers": ("Not applicable", "No apprentices."),
    "further_subcontracting": ("Met", "We do not subcontract further."),
    "ofsted_outcome": ("Met", "Monitoring visit in May 2026: reasonable progress."),
}


@pytest.fixture
def subcontractor_page(browser, live_server):
    """A second, fresh browser context: the subcontractor, who has no account and no session.
    Watched like `page`: any console problem or failed request fails the test."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    other = context.new_page()
    watch = ConsoleWatch()
    other.on("console", watch.console)
    other.on("pageerror", watch.page_error)
    other.on("response", watch.response)
    other.console_watch = watch
    yield other
    context.close()
    _fail_on_browser_problems(other)


def start_and_send_the_review(page) -> str:
    """The signed-in quality manager starts this year's review and sends it; returns the path of
    the link in the email (sent by the task in the live server's process)."""
    nav = page.get_by_role("navigation", name="Northfield Training")
    nav.get_by_role("link", name="Subcontractors").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subcontractors")
    page.get_by_role("link", name=SUBCONTRACTOR).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBCONTRACTOR)
    page.get_by_role("link", name="Start a due diligence review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a due diligence review")
    mail.outbox.clear()
    page.get_by_role("button", name="Start and send to Aisha Rahman").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Annual due diligence review")
    expect(page.get_by_role("status")).to_contain_text(
        f"The questionnaire is on its way to Aisha Rahman ({PREVENT_LEAD})."
    )
    [message] = [m for m in mail.outbox if m.to == [PREVENT_LEAD]]
    found = re.search(r"https?://\S+/q/[A-Za-z0-9_-]+/", message.body)
    assert found, message.body
    link = urlsplit(found.group(0)).path  # SITE_URL is not the live server's address
    assert link not in page.content()
    return link


def answer_and_save(q, link: str, review_date: str) -> None:
    """The subcontractor opens the link (a bare page, no provider navigation), answers every item,
    uploads the policy and saves to come back later."""
    q.goto(link)
    expect(q.get_by_role("heading", level=1)).to_have_text("Prevent due diligence questionnaire")
    expect(q.get_by_role("main")).to_contain_text("Northfield Training asks")
    assert q.locator('a[href^="/o/"]').count() == 0
    assert q.get_by_role("navigation").count() == 0
    for key, (status, notes) in ANSWERS.items():
        item = q.locator(f"#item-{key}")
        item.get_by_role("radio", name=status, exact=True).check()
        item.get_by_label("Notes").fill(notes)
    q.get_by_label("Date the policy is next reviewed").fill(review_date)
    q.get_by_label("Staff who have completed Prevent training (%)").fill("92")
    funding = q.locator("#item-funding_all_leads")
    funding.get_by_role("radio", name="No, we are not").check()
    funding.get_by_label("On what basis?").select_option(label="None of these applies")
    funding.get_by_label("Your total funding as a subcontractor from all lead providers").fill(
        "60,000"
    )
    funding.get_by_label("Who funds it").fill("DfE")
    q.locator("#item-prevent_policy").get_by_label("Upload a document").set_input_files(
        {"name": "Prevent policy.pdf", "mimeType": "application/pdf", "buffer": POLICY}
    )
    q.get_by_role("button", name="Save and come back later").click()
    expect(q.get_by_role("status")).to_contain_text("Your answers are saved")


def expect_the_saved_answers(q, link: str, review_date: str) -> None:
    """Coming back later with the same link, everything is as they left it."""
    q.goto(link)
    policy = q.locator("#item-prevent_policy")
    expect(policy.get_by_role("radio", name="Met", exact=True)).to_be_checked()
    expect(policy.get_by_label("Notes")).to_have_value("Approved by the board in July.")
    expect(q.get_by_label("Date the policy is next reviewed")).to_have_value(review_date)
    expect(q.get_by_label("Staff who have completed Prevent training (%)")).to_have_value("92")
    expect(policy.get_by_role("link", name="Prevent policy.pdf")).to_be_visible()


def submit_with_name_role_and_confirmation(q) -> None:
    """Submitting without a name is refused with a message; with name, role and confirmation, it
    goes."""
    q.get_by_role("button", name="Submit to Northfield Training").click()
    expect(q.get_by_role("alert")).to_contain_text("Enter your name")
    q.get_by_label("Your name").fill("Aisha Rahman")
    q.get_by_label("Your role").fill("Prevent lead")
    q.get_by_label("I confirm that these answers are accurate").check()
    # The failed submission above answered 400, as it should; only what follows is watched.
    q.console_watch.unreported()
    q.get_by_role("button", name="Submit to Northfield Training").click()
    expect(q.get_by_role("heading", level=1)).to_have_text("Thank you: your answers are submitted")


def expect_it_awaits_review(page) -> None:
    """The quality manager sees the review awaiting them, with every answer and the document."""
    page.goto(f"/o/{ORG}/subcontractors/")
    row = page.get_by_role("row", name=re.compile(SUBCONTRACTOR))
    expect(row).to_contain_text("Submitted")
    row.get_by_role("link", name=SUBCONTRACTOR).click()
    page.get_by_role("link", name="Annual review").first.click()
    expect(page.get_by_role("main")).to_contain_text("Awaiting your review.")
    expect(page.get_by_role("main")).to_contain_text("Submitted on")
    expect(page.get_by_role("main")).to_contain_text("Aisha Rahman (Prevent lead)")
    expect(page.get_by_role("link", name="Prevent policy.pdf")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("92%")
    expect(page.get_by_role("table").last).to_contain_text("Submitted the questionnaire")
    expect(page.get_by_role("button", name="Accept")).to_be_visible()


def test_a_subcontractor_answers_the_questionnaire_through_the_emailed_link(
    page, sign_in, subcontractor_page
):
    review_date = iso_days_from_today(240)
    sign_in(QM)
    link = start_and_send_the_review(page)

    # The subcontractor works in a fresh browser, without an account.
    q = subcontractor_page
    sent_on = []  # every request the subcontractor's pages make, with the referrer they send
    q.on("request", lambda r: sent_on.append((r.url, r.headers.get("referer", ""))))
    answer_and_save(q, link, review_date)
    expect_the_saved_answers(q, link, review_date)
    submit_with_name_role_and_confirmation(q)
    token = link.strip("/").split("/")[-1]
    assert any("/static/" in url for url, _ in sent_on)
    assert all(token not in referer for _, referer in sent_on), sent_on

    expect_it_awaits_review(page)
