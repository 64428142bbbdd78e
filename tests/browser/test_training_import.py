"""Importing staff from an HR export in a real browser: a file with a bad row (its error shown
beside the row, nothing saved), the corrected file confirmed, then a re-import that updates the
same people instead of adding them again. Screenshots of each step at 1280 and 390 px."""

import csv
import io
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.shots import shoot
from training.models import RoleGroup, StaffMember

pytestmark = pytest.mark.browser

QM = "qm@northfield.demo.example"
NORTHFIELD = "northfield-training"
HEADER = ["Employee No", "Forename", "Surname", "Job Title", "Campus", "Start Date", "Leaving Date"]


def _file(rows: list[list[str]]) -> dict:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    return {"name": "hr-export.csv", "mimeType": "text/csv", "buffer": out.getvalue().encode()}


ROWS = [
    ["BX-101", "Aisha", "Rahman", "Assessor", "Leeds centre", "02/09/2024", ""],
    ["BX-102", "Ben", "Carter", "Board member", "", "2023-01-16", ""],
    ["BX-103", "Chris", "Doyle", "Cook", "Head office", "30/02/2025", ""],
]


def _upload(page, rows) -> None:
    page.goto(f"/o/{NORTHFIELD}/training/staff/")
    page.get_by_role("link", name="Import from a spreadsheet").click()
    page.get_by_label("Staff (from your HR system)").check()
    page.get_by_label("Spreadsheet (XLSX, ODS or CSV)").set_input_files(_file(rows))
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", name="Which column is which?")).to_be_visible()


def test_a_staff_import_with_a_bad_row_then_fixed_then_reimported(page, sign_in):
    sign_in(QM)
    before = StaffMember.unscoped.filter(organisation__slug=NORTHFIELD).count()
    _upload(page, ROWS)
    expect(page.get_by_label("Staff number")).to_have_value("0")  # guessed from "Employee No"
    expect(page.get_by_label("Role group")).to_have_value("3")
    shoot(page, "training-import-mapping")
    page.get_by_label("Start date").select_option(label="Not in the file")
    page.get_by_label("Site").select_option(label="Column A: Employee No")
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_role("alert")).to_contain_text("already chosen for Staff number")
    expect(page.get_by_role("alert")).to_contain_text(
        "Choose the column that holds the start date."
    )
    refused = page.console_watch.unreported()  # the mapping form's 400, and only that
    assert refused and all("400" in problem for problem in refused), refused
    page.get_by_label("Site").select_option(label="Column E: Campus")
    page.get_by_label("Start date").select_option(label="Column F: Start Date")
    page.get_by_role("button", name="Check the rows").click()

    errors = page.get_by_role("alert")
    expect(errors).to_contain_text("Row 4, Role group (column “Job Title”): “Cook” is not a role")
    expect(errors).to_contain_text("Row 4, Start date (column “Start Date”): “30/02/2025” is not")
    expect(page.get_by_role("button", name="Confirm the import")).to_have_count(0)
    shoot(page, "training-import-errors")
    assert StaffMember.unscoped.filter(organisation__slug=NORTHFIELD).count() == before

    fixed = [*ROWS[:2], ["BX-103", "Chris", "Doyle", "Support", "Head office", "28/02/2025", ""]]
    _upload(page, fixed)
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_text("Ready to import")).to_be_visible()
    shoot(page, "training-import-preview")
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    expect(page.get_by_text("3 new")).to_be_visible()
    shoot(page, "training-import-done")
    assert StaffMember.unscoped.filter(organisation__slug=NORTHFIELD).count() == before + 3

    again = [row.copy() for row in fixed]
    again[0][3] = "Governor"
    again[1][6] = "31/07/2026"
    _upload(page, again)
    page.get_by_role("button", name="Check the rows").click()
    summary = page.get_by_role("list", name="What confirming would do")
    expect(summary).to_contain_text("0 new")
    expect(summary).to_contain_text("2 updates")
    expect(summary).to_contain_text("1 unchanged")
    expect(
        page.get_by_role("cell", name="Update role group: Tutors and assessors → Board")
    ).to_be_visible()
    expect(page.get_by_text("leaving date: none → 31 Jul 2026")).to_be_visible()
    shoot(page, "training-import-reimport")
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_text("2 updated")).to_be_visible()
    staff = StaffMember.unscoped.filter(
        organisation__slug=NORTHFIELD, staff_number__startswith="BX-"
    )
    assert staff.count() == 3
    assert staff.get(staff_number="BX-101").role_group == RoleGroup.BOARD
    assert staff.get(staff_number="BX-102").leaving_date == date(2026, 7, 31)


def test_completions_name_unknown_courses_with_a_hint(page, sign_in):
    sign_in(QM)
    person = StaffMember.unscoped.filter(organisation__slug=NORTHFIELD).exclude(staff_number="")
    first = person.order_by("staff_number").first()
    assert first is not None, "the demo staff have staff numbers"
    number = first.staff_number
    out = io.StringIO()
    csv.writer(out).writerows(
        [
            ["Employee ID", "Course Title", "Date Completed", "Score"],
            [number, "Prevent awareness (Home Office e-learning)", "03/11/2025", "92%"],
            [number, "Channel awareness", "04/11/2025", ""],
        ]
    )
    page.goto(f"/o/{NORTHFIELD}/training/import/")
    page.get_by_label("Training completions (from your learning platform)").check()
    page.get_by_label("Spreadsheet (XLSX, ODS or CSV)").set_input_files(
        {"name": "lms.csv", "mimeType": "text/csv", "buffer": out.getvalue().encode()}
    )
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_label("Course")).to_have_value("1")
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Row 3, Course (column “Course Title”): “Channel awareness” is not a course in the "
        "catalogue. Did you mean “Channel awareness (Home Office e-learning)”?"
    )
    shoot(page, "training-import-completions-errors")
