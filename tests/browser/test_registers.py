"""The Prevent registers in a real browser: the speaker and event log from request to post-event
note and a leader's termly sample; a risk added, scored, turned into an action and reviewed; and
an import of a template file with one bad row, then a good one."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actionplans.models import Action
from registers.models import EventSample, EventStatus, ExternalEvent, Risk
from registers.risk_sheet import TEMPLATE_COLUMNS
from registers.terms import previous_term, term_of
from tests.browser.shots import shoot

pytestmark = pytest.mark.browser

QM = "qm@northfield.demo.example"
LEADER = "leader@northfield.demo.example"
STAFF = "staff@northfield.demo.example"
NORTHFIELD = "northfield-training"


def _registers(page, tab: str) -> None:
    page.get_by_role("navigation", name="Northfield Training").get_by_role(
        "link", name="Registers"
    ).click()
    page.get_by_role("navigation", name="Registers").get_by_role("link", name=tab).click()


def _switch(page, sign_in, email: str) -> None:
    page.context.clear_cookies()
    sign_in(email)


def request_an_event(page, event_date) -> None:
    """A member of staff asks for an external speaker through the request form."""
    _registers(page, "Speakers and events")
    page.get_by_role("link", name="Request a speaker or event").click()
    page.get_by_label("Event", exact=True).fill("Debate: protest and the law")
    page.get_by_label("Speaker", exact=True).fill("Dr Rosa Quinn")
    page.get_by_label("Speaker's organisation").fill("Liberty North")
    page.get_by_label("Topic").fill("The right to protest and where the law draws lines")
    page.get_by_label("Date of the event").fill(event_date.isoformat())
    page.get_by_label("Expected numbers").fill("45")
    page.get_by_label("On site").check()
    page.get_by_label("Audience").fill("Level 3 apprentices")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".messages")).to_contain_text("in the log for the Prevent lead")


def record_the_checks(page, event: ExternalEvent) -> None:
    """The quality manager records the checks, a medium risk and two conditions."""
    page.goto(event.get_absolute_url())
    page.get_by_label("Open-source search of the speaker").check()
    page.get_by_label("References from previous hosts").check()
    page.get_by_label("What the checks found").fill("Campaigns lawfully; strong views on policing.")
    page.get_by_label("Medium").check()
    page.get_by_label("An independent chair").check()
    page.get_by_label("A balanced panel or opposing view").check()
    page.get_by_role("button", name="Record the checks").click()
    expect(page.locator(".messages")).to_contain_text("awaits a decision")


def approve_with_conditions(page, event: ExternalEvent) -> None:
    page.goto(event.get_absolute_url())
    page.get_by_label("Approve with the conditions").check()
    page.get_by_label("Reasons").fill("Proportionate with a chair and a second speaker.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messages")).to_contain_text("approved with conditions")
    event.refresh_from_db()
    assert event.status == EventStatus.APPROVED_WITH_CONDITIONS


def record_how_it_went(page, event: ExternalEvent) -> None:
    page.goto(event.get_absolute_url())
    page.get_by_label("How it went").fill("Chair kept to time; both views heard; no concerns.")
    page.get_by_role("button", name="Record how it went").click()
    expect(page.get_by_text("Chair kept to time; both views heard")).to_be_visible()


def draw_and_verify_the_sample(page, term) -> None:
    """The leader draws the term's sample and checks each event against the record."""
    _registers(page, "Leaders’ samples")
    page.get_by_label(term.label).check()
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{term.label}: leader’s sample")
    sample = EventSample.unscoped.get(organisation__slug=NORTHFIELD, term_start=term.start)
    items = list(sample.items.select_related("event"))
    assert items
    for item in items:
        card = page.locator(f"#item-{item.code}")
        card.get_by_label("Went ahead as approved, conditions met").check()
        card.get_by_label("Note").fill("Matched the room booking and the register of attendance.")
        card.get_by_role("button", name=re.compile("^Record the finding")).click()
        expect(page.locator(".messages")).to_contain_text("Finding recorded")
    expect(page.get_by_text(re.compile(r"^Verified "))).to_be_visible()
    _registers(page, "Leaders’ samples")
    expect(page.locator("tr", has_text=term.label)).to_contain_text("Verified")


def test_event_request_checks_conditions_note_and_a_leaders_sample(page, sign_in):
    today = timezone.localdate()
    sign_in(STAFF)
    request_an_event(page, today + timedelta(days=20))
    event = ExternalEvent.unscoped.get(speaker_name="Dr Rosa Quinn")
    _switch(page, sign_in, QM)
    record_the_checks(page, event)
    _switch(page, sign_in, LEADER)
    approve_with_conditions(page, event)

    # The day comes and goes; the member of staff writes how it went.
    ExternalEvent.unscoped.filter(pk=event.pk).update(event_date=today - timedelta(days=1))
    _switch(page, sign_in, STAFF)
    record_how_it_went(page, event)

    # Last term's sample: the leader draws it and checks each event against the record.
    _switch(page, sign_in, LEADER)
    draw_and_verify_the_sample(page, previous_term(term_of(today)))


def _sheet(rows) -> bytes:
    header = [
        *TEMPLATE_COLUMNS,
        "Likelihood",
        "Impact",
        "Likelihood after controls",
        "Impact after controls",
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def _row(risk: str, likelihood: str = "3") -> list[str]:
    return [
        "Premises and security",
        risk,
        "Open site",
        "Reception signs visitors in",
        "Visitor badges for all",
        QM,
        "31/03/2027",
        likelihood,
        "4",
        "2",
        "3",
    ]


def add_a_high_risk(page, completion_date) -> None:
    _registers(page, "Risk register")
    page.get_by_role("link", name="Add a risk").click()
    page.get_by_label("Category").select_option(label="Premises and security")
    page.get_by_label("Risk", exact=True).fill(
        "Hirers of the training room bring extremist material"
    )
    page.get_by_label("Hazard").fill("Evening lettings to community groups with no staff present")
    page.get_by_label("Existing risk management").fill("Lettings agreement mentions Prevent")
    page.get_by_label("Likelihood", exact=True).select_option("3")
    page.get_by_label("Impact", exact=True).select_option("5")
    page.get_by_label("Likelihood after controls").select_option("3")
    page.get_by_label("Impact after controls").select_option("5")
    page.get_by_label("Further action needed").fill("Check every hirer before booking")
    page.get_by_label("Date for completion").fill(completion_date.isoformat())
    page.get_by_role("button", name="Add to the register").click()
    expect(page.locator(".messages")).to_contain_text("The risk is in the register")
    expect(page.locator(".tag-row")).to_contain_text("High · 15")


def add_it_to_the_action_plan(page) -> Risk:
    """From the risk's page, its further action goes to the action plan with an owner."""
    page.get_by_label("Owner").select_option(label="Megan Lewis")
    page.get_by_role("button", name="Add to the action plan").click()
    expect(page.locator(".messages")).to_contain_text("is in the action plan")
    risk = Risk.unscoped.get(risk__startswith="Hirers of the training room")
    action = Action.unscoped.get(source_key=f"risk:{risk.code}")
    assert risk.action_id == action.pk and action.owner.email == STAFF
    page.get_by_role("link", name="Check every hirer before booking").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check every hirer before booking")
    page.go_back()
    return risk


def review_after_an_incident(page, next_review_date) -> None:
    page.get_by_text("Record a review").click()
    page.get_by_label("This review follows an incident", exact=True).check()
    page.get_by_label("The incident, in general terms").fill("Leaflets left after an evening let.")
    page.get_by_label("Likelihood after controls").select_option("2")
    page.get_by_label("What changed and why").fill("Hirer checks started; likelihood lower.")
    page.get_by_label("Next review date").fill(next_review_date.isoformat())
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator(".messages")).to_contain_text("The review is recorded")
    expect(page.locator("#reviews")).to_contain_text("After an incident")


def _upload_risks(page, content: bytes, screenshot: bool = False) -> None:
    """From the register's Import button to the shared import's preview, columns as guessed."""
    _registers(page, "Risk register")
    page.get_by_role("link", name="Import").click()
    expect(page.get_by_label("Risks (your Prevent risk register)")).to_be_checked()
    if screenshot:
        shoot(page, "registers-risk-import")
    page.get_by_label("Spreadsheet (XLSX, ODS or CSV)").set_input_files(
        {"name": "risks.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", name="Which column is which?")).to_be_visible()
    page.get_by_role("button", name="Check the rows").click()


def import_a_bad_sheet_then_a_good_one(page) -> None:
    """An import with one bad row saves nothing and names the row; the corrected file imports."""
    before = Risk.unscoped.filter(organisation__slug=NORTHFIELD).count()
    bad = _sheet([_row("Tailgating at the side door"), _row("Visitors wander", likelihood="9")])
    _upload_risks(page, bad, screenshot=True)
    expect(page.get_by_role("alert")).to_contain_text(
        "Row 3, Likelihood: Likelihood “9” must be a whole number"
    )
    shoot(page, "registers-risk-import-errors")
    expect(page.locator("strong", has_text="Nothing has been saved yet.")).to_be_visible()
    expect(page.get_by_role("button", name="Confirm the import")).to_have_count(0)
    assert Risk.unscoped.filter(organisation__slug=NORTHFIELD).count() == before
    good = _sheet([_row("Tailgating at the side door"), _row("Visitors wander", likelihood="2")])
    _upload_risks(page, good)
    expect(page.get_by_text("Ready to import")).to_be_visible()
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    expect(page.get_by_text("2 new")).to_be_visible()
    assert Risk.unscoped.filter(organisation__slug=NORTHFIELD).count() == before + 2


def test_a_risk_is_scored_actioned_reviewed_and_a_template_imported(page, sign_in):
    today = timezone.localdate()
    sign_in(QM)
    add_a_high_risk(page, today + timedelta(days=45))
    risk = add_it_to_the_action_plan(page)
    review_after_an_incident(page, today + timedelta(days=90))
    risk.refresh_from_db()
    assert risk.residual_likelihood == 2 and risk.last_reviewed_on == today
    import_a_bad_sheet_then_a_good_one(page)
