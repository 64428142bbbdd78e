"""Restricted evidence in a real browser, as each role sees it: the DSL finds the item tagged,
downloads it and sees the download log; a viewer does not find it; the respond page shows the
count in its place. Screenshots at 1280 and 390 px go to SCREENSHOT_DIR when it is set."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.shots import shoot

pytestmark = pytest.mark.browser

DSL = "dsl@northfield.demo.example"
VIEWER = "viewer@northfield.demo.example"
TITLE = "Prevent referral and concerns log (held by the DSL)"


def _respond_path(criterion: str) -> str:
    """Last year's signed-off self-evaluation, where the DSL's log backs C6.6."""
    from django.urls import reverse

    from assessments.models import Assessment, Status

    assessment = Assessment.unscoped.get(
        organisation__slug="northfield-training", status=Status.APPROVED
    )
    kwargs = {"org_slug": "northfield-training", "assessment_code": assessment.code}
    return reverse("assessments:respond", kwargs=kwargs) + f"?criterion={criterion}"


def _library(page) -> None:
    nav = page.get_by_role("navigation", name="Northfield Training")
    nav.get_by_role("link", name="Evidence").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence library")


def test_the_dsl_downloads_a_restricted_item_and_sees_the_log(page, sign_in):
    sign_in(DSL)
    _library(page)
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row.get_by_text("Restricted", exact=True)).to_be_visible()
    shoot(page, "dsl-library")
    row.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("Nobody has downloaded it yet.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Download")).click()
    assert download.value.suggested_filename == "Prevent concerns log.pdf"
    page.reload()
    log = page.get_by_role("region", name="Downloads")
    expect(log).to_contain_text("1 download")
    expect(log).to_contain_text(DSL)
    shoot(page, "dsl-item-with-download-log")


def test_a_viewer_never_finds_it_and_the_respond_page_counts_it(page, sign_in):
    sign_in(VIEWER)
    _library(page)
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    page.get_by_label("Search").fill("referral")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    shoot(page, "viewer-library-search")
    page.goto(_respond_path("C6"))
    note = page.get_by_text(re.compile("Restricted evidence held by the DSL: 1 item"))
    expect(note.first).to_be_visible()
    assert TITLE not in page.content()
    shoot(page, "viewer-respond-placeholder", part=page.locator("article").filter(has=note.first))


def test_the_dsl_sees_the_item_on_the_respond_page(page, sign_in):
    sign_in(DSL)
    page.goto(_respond_path("C6"))
    expect(page.get_by_text(TITLE).first).to_be_visible()
    shoot(page, "dsl-respond", part=page.locator("article").filter(has_text=TITLE))


def test_a_quality_manager_who_is_the_dsl_adds_a_restricted_item(page, sign_in, tmp_path):
    """Riverside's quality manager is its DSL: the form offers the choice, with who sees it."""
    from demo.sample_files import pdf_bytes

    upload = tmp_path / "Channel panel attendance.pdf"
    upload.write_bytes(pdf_bytes("Channel panel attendance", ["Dates attended: 3 October."]))
    sign_in("qm@riverside.demo.example")
    page.goto("/o/riverside-college/evidence/add/")
    expect(page.get_by_role("group", name="Who can see it")).to_contain_text(
        "never appear in a pack"
    )
    page.get_by_label("File to upload").set_input_files(str(upload))
    page.get_by_label("Title").fill("Channel panel attendance dates")
    page.get_by_label(re.compile("^Restricted: only the designated")).check()
    page.get_by_role("group", name="Who can see it").scroll_into_view_if_needed()
    shoot(page, "dsl-add-form")
    page.get_by_role("button", name="Add to the library").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Channel panel attendance dates")
    expect(page.get_by_role("heading", level=1).get_by_text("Restricted")).to_be_visible()


def test_a_quality_manager_without_the_designation_sees_the_count_while_answering(page, sign_in):
    from assessments.models import Assessment, Status

    current = Assessment.unscoped.get(organisation__slug="northfield-training", status=Status.DRAFT)
    sign_in("qm@northfield.demo.example")
    page.goto(f"/o/northfield-training/assessments/{current.code}/respond/?criterion=C1")
    note = page.get_by_text(re.compile("Restricted evidence held by the DSL: 1 item"))
    expect(note).to_contain_text("saving keeps it linked")
    assert TITLE not in page.content()
    shoot(page, "qm-respond-form-placeholder", part=page.locator("article").filter(has=note))
