"""An action plan imported in a real browser through the shared import component: the columns
guessed from the headers, a row's error shown in the preview (nothing saved), the corrected ODS
file confirmed, then the same plan again updating rather than duplicating. Screenshots of the
mapping and preview pages at 1280 and 390 px."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actionplans.models import Action
from tests.browser.shots import shoot
from tests.imports.helpers import ods_bytes

pytestmark = pytest.mark.browser

QM = "qm@northfield.demo.example"
NORTHFIELD = "northfield-training"
HEADER = ["Ref", "Action", "Lead", "Deadline", "Priority", "Notes"]


def _rows(owner: str) -> list[list]:
    due = timezone.localdate() + timedelta(days=50)
    return [
        ["BR-1", "Prevent refresher for all tutors", QM, due, "High", "Before the spring term"],
        ["BR-2", "Add Prevent questions to subcontractor reviews", owner, due, "Medium", ""],
    ]


def _upload(page, rows) -> None:
    page.goto(f"/o/{NORTHFIELD}/actions/")
    page.get_by_role("link", name="Import from a spreadsheet").click()
    expect(page.get_by_label("Actions (an existing action plan)")).to_be_checked()
    file = {
        "name": "action plan.ods",
        "mimeType": "application/vnd.oasis.opendocument.spreadsheet",
        "buffer": ods_bytes(HEADER, rows),
    }
    page.get_by_label("Spreadsheet (XLSX, ODS or CSV)").set_input_files(file)
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", name="Which column is which?")).to_be_visible()


def test_an_action_plan_import_with_an_error_then_fixed_then_reimported(page, sign_in):
    sign_in(QM)
    actions = Action.unscoped.filter(
        organisation__slug=NORTHFIELD, source_key__startswith="import:br"
    )
    _upload(page, _rows("someone.else@example.org"))
    expect(page.get_by_label("Reference (optional)")).to_have_value("0")  # guessed from "Ref"
    expect(page.get_by_label("Owner")).to_have_value("2")  # from "Lead"
    shoot(page, "imports-mapping")
    page.get_by_role("button", name="Check the rows").click()

    errors = page.get_by_role("alert")
    expect(errors).to_contain_text("Row 3, Owner (column “Lead”): “someone.else@example.org”")
    expect(page.get_by_role("button", name="Confirm the import")).to_have_count(0)
    shoot(page, "imports-preview-errors")
    assert not actions.exists()

    _upload(page, _rows(QM))
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_text("Ready to import")).to_be_visible()
    shoot(page, "imports-preview")
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    expect(page.get_by_text("2 new")).to_be_visible()
    assert actions.count() == 2

    again = _rows(QM)
    again[1][4] = "High"
    _upload(page, again)
    page.get_by_role("button", name="Check the rows").click()
    summary = page.get_by_role("list", name="What confirming would do")
    expect(summary).to_contain_text("0 new")
    expect(summary).to_contain_text("1 update")
    expect(page.get_by_text("priority: medium → high")).to_be_visible()
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_text("1 updated")).to_be_visible()
    assert actions.count() == 2
    assert actions.get(source_key="import:br-2").priority == "high"
