"""Reading HR and learning-platform exports: header row, guessed columns, dates, role words."""

from datetime import date, datetime

import pytest

from core.tabular import (
    TableError,
    guess_header_row,
    guess_mapping,
    parse_date,
    read_table,
)
from imports.preview import mapping_problems
from imports.preview import synonyms as importer_synonyms
from imports.registry import get_importer
from tests.training.import_helpers import csv_bytes, xlsx_bytes
from training.import_fields import role_group_for
from training.models import RoleGroup


def _importer(kind: str):
    importer = get_importer(kind)
    assert importer is not None
    return importer


def synonyms(kind: str) -> dict[str, tuple[str, ...]]:
    return importer_synonyms(_importer(kind))


def check_mapping(kind: str, mapping: dict[str, int | None]) -> dict[str, str]:
    return mapping_problems(_importer(kind), mapping)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/03/2027", date(2027, 3, 31)),
        ("1/9/2024", date(2024, 9, 1)),
        ("31-03-2027", date(2027, 3, 31)),
        ("31.03.27", None),
        ("2027-03-31", date(2027, 3, 31)),
        ("2027-03-31 00:00:00", date(2027, 3, 31)),
        ("46477", date(2027, 3, 31)),  # an Excel date cell saved into a CSV as its serial
        ("31/02/2027", None),
        ("03/31/2027", None),  # American order is refused, not guessed
        ("next Tuesday", None),
    ],
)
def test_uk_iso_and_excel_dates(text, expected):
    if expected is None:
        with pytest.raises(ValueError, match="is not a date such as 31/03/2027"):
            parse_date(text)
    else:
        assert parse_date(text) == expected


def test_xlsx_date_cells_are_read_as_dates():
    content = xlsx_bytes(["Name", "Start"], [["Ada", datetime(2024, 9, 2, 0, 0)], ["Bo", 7]])
    assert read_table(content) == [["Name", "Start"], ["Ada", "2024-09-02"], ["Bo", "7"]]


def test_a_file_over_the_row_limit_is_refused_with_the_limit():
    content = csv_bytes(["Name"], [[str(n)] for n in range(60)])
    with pytest.raises(TableError, match="more than 30 rows"):
        read_table(content, max_rows=30)
    with pytest.raises(TableError, match="larger than 100 bytes"):
        read_table(content, max_bytes=100)
    with pytest.raises(TableError, match="larger than 2 MB"):
        read_table(b"x" * (2 * 1024 * 1024 + 1))


def test_the_header_row_is_found_under_a_title_block():
    rows = [["Staff list, printed 1 Dec"], [], ["Employee No", "Forename", "Job Title"], ["1"]]
    assert guess_header_row(rows, synonyms("staff")) == 2
    with pytest.raises(TableError, match="no header row"):
        guess_header_row([[""], ["only one"]], synonyms("staff"))


def test_columns_are_guessed_from_hr_header_names():
    headers = ["Employee ID", "First Name", "Last Name", "Job title", "Work Location", "Hire date"]
    mapping = guess_mapping(headers, synonyms("staff"))
    assert mapping == {
        "staff_number": 0,
        "name": None,
        "first_name": 1,
        "last_name": 2,
        "email": None,
        "role_group": 3,
        "site": 4,  # "location" inside "Work Location"
        "start_date": 5,
        "leaving_date": None,
    }


def test_lms_headers_and_one_column_per_field():
    headers = ["User", "Email Address", "Course Title", "Completion Date", "Score (%)"]
    mapping = guess_mapping(headers, synonyms("completions"))
    assert mapping["name"] == 0 and mapping["email"] == 1 and mapping["course"] == 2
    assert mapping["completed_on"] == 3 and mapping["score"] == 4
    assert len({v for v in mapping.values() if v is not None}) == 5


def test_a_mapping_needs_the_required_fields_and_each_column_once():
    problems = check_mapping("staff", {"first_name": 0, "role_group": 1, "start_date": 1})
    assert problems == {
        "name": "Choose the column with the full name, or both first name and surname.",
        "start_date": "That column is already chosen for Role group.",
    }
    assert "staff_number" in check_mapping("completions", {"course": 0, "completed_on": 1})
    assert check_mapping("completions", {"email": 2, "course": 0, "completed_on": 1}) == {}


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Tutor", RoleGroup.TUTORS),
        ("assessor", RoleGroup.TUTORS),
        ("Senior Tutor", RoleGroup.TUTORS),
        ("Board member", RoleGroup.BOARD),
        ("Governor", RoleGroup.BOARD),
        ("DSL", RoleGroup.DSL),
        ("Deputy Designated Safeguarding Lead", RoleGroup.DSL),
        ("Principal", RoleGroup.SENIOR_LEADERS),
        ("Learner Support", RoleGroup.SUPPORT),
        ("Support staff", RoleGroup.SUPPORT),
        ("Tutors and assessors", RoleGroup.TUTORS),
        ("subcontractor", RoleGroup.SUBCONTRACTOR),
    ],
)
def test_role_words(text, group):
    assert role_group_for(text) == group


def test_unknown_and_ambiguous_role_words_say_what_to_write():
    with pytest.raises(ValueError, match="“Chef” is not a role group this matrix knows"):
        role_group_for("Chef")
    with pytest.raises(ValueError, match="could be DSL and Prevent lead or Tutors and assessors"):
        role_group_for("Safeguarding lead and tutor")
