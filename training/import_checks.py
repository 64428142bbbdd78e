"""Checking an import's rows: each row's errors (column and plain-English reason) or what
confirming would do with it. Reads the staff, the catalogue and the matching completions in a
fixed number of queries, whatever the size of the file. Matching rules: `training.imports`.
"""

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.tabular import DATE_EXAMPLE, parse_date
from training.import_fields import role_group_for
from training.models import Completion, Course, RoleGroup, StaffMember
from training.services import STAFF_FIELDS

STAFF_LABELS = {
    "name": "name",
    "role_group": "role group",
    "site": "site",
    "staff_number": "staff number",
    "email": "email",
    "start_date": "start date",
    "leaving_date": "leaving date",
}
MAX_LENGTHS = {"name": 150, "site": 100, "staff_number": 50, "email": 254}


@dataclass
class RowError:
    column: str  # the field's label and, where it differs, the file's header
    message: str


@dataclass
class RowResult:
    number: int
    values: dict[str, str]
    errors: list[RowError] = field(default_factory=list)
    action: str = ""  # create, update or unchanged (when there are no errors)
    changes: list[str] = field(default_factory=list)  # what an update changes, in words
    fields: dict[str, Any] = field(default_factory=dict)
    target: int | None = None  # the existing row's pk for update and unchanged

    @property
    def status(self) -> str:
        return "error" if self.errors else self.action


def normal_name(text: str) -> str:
    return " ".join(text.casefold().split())


class StaffIndex:
    """The organisation's staff by staff number, email and name, read in one query."""

    def __init__(self, organisation_id: int) -> None:
        staff = list(StaffMember.objects.for_organisation(organisation_id))
        self.by_pk = {s.pk: s for s in staff}
        self.by_number = {s.staff_number.casefold(): s for s in staff if s.staff_number}
        self.by_email: dict[str, list[StaffMember]] = {}
        self.by_name: dict[str, list[StaffMember]] = {}
        for s in staff:
            if s.email:
                self.by_email.setdefault(s.email.casefold(), []).append(s)
            self.by_name.setdefault(normal_name(s.name), []).append(s)

    def same_person(self, fields: dict[str, Any]) -> list[StaffMember]:
        """The existing staff a staff row means (see the rules in `training.imports`)."""
        number = fields["staff_number"].casefold()
        if number in self.by_number:
            return [self.by_number[number]]
        people = self.by_email.get(fields["email"].casefold(), []) if fields["email"] else []
        if not people:
            people = [
                s
                for s in self.by_name.get(normal_name(fields["name"]), [])
                if s.start_date == fields["start_date"]
            ]
        return [s for s in people if not (number and s.staff_number)]


class _Row:
    """Collects one row's cleaned values and errors."""

    def __init__(self, result: RowResult, labels: dict[str, str]) -> None:
        self.result = result
        self.labels = labels

    def error(self, key: str, message: str) -> None:
        self.result.errors.append(RowError(self.labels.get(key, key), message))

    def text(self, key: str, *, required: bool = False) -> str:
        value = self.result.values.get(key, "")
        if required and not value:
            self.error(key, "This is empty; every row needs it.")
        elif key in MAX_LENGTHS and len(value) > MAX_LENGTHS[key]:
            self.error(key, f"This is longer than {MAX_LENGTHS[key]} characters.")
        return value

    def day(self, key: str, *, required: bool = False) -> date | None:
        value = self.result.values.get(key, "")
        if not value:
            if required:
                self.error(key, f"This is empty; give a date such as {DATE_EXAMPLE}.")
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.error(key, str(exc))
            return None


def _staff_fields(row: _Row) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "name": row.text("name", required=True),
        "staff_number": row.text("staff_number"),
        "email": row.text("email"),
        "site": row.text("site"),
    }
    if fields["email"]:
        try:
            validate_email(fields["email"])
        except ValidationError:
            row.error("email", f"“{fields['email']}” is not an email address.")
    role = row.result.values.get("role_group", "")
    if not role:
        row.error("role_group", "This is empty: say the person's role, such as Tutor.")
    else:
        try:
            fields["role_group"] = role_group_for(role)
            fields["role_group_label"] = RoleGroup(fields["role_group"]).label
        except ValueError as exc:
            row.error("role_group", str(exc))
    fields["start_date"] = row.day("start_date", required=True)
    fields["leaving_date"] = row.day("leaving_date")
    start, leaving = fields["start_date"], fields["leaving_date"]
    if start and leaving and leaving < start:
        row.error("leaving_date", "The leaving date is before the start date.")
    return fields


def _staff_keys(fields: dict[str, Any]) -> list[tuple[str, str]]:
    if fields["staff_number"]:
        return [("staff number", fields["staff_number"].casefold())]
    if fields["email"]:
        return [("email", fields["email"].casefold())]
    return [("name and start date", f"{normal_name(fields['name'])}|{fields['start_date']}")]


def _staff_changes(existing: StaffMember, fields: dict[str, Any]) -> list[str]:
    changes = []
    for key in STAFF_FIELDS:
        new = fields.get(key)
        if new in ("", None):
            continue  # an empty cell leaves what is recorded
        old = getattr(existing, key)
        if key == "email" and str(old).casefold() == str(new).casefold():
            continue
        if new != old:
            changes.append(f"{STAFF_LABELS[key]}: {_shown(key, old)} → {_shown(key, new)}")
    return changes


def _shown(key: str, value: Any) -> str:
    """A value as the preview shows it: role groups by label, dates as 31 Mar 2027."""
    if value in ("", None):
        return "none"
    if key == "role_group":
        return str(RoleGroup(value).label)
    if isinstance(value, date):
        return f"{value.day} {value:%b %Y}"
    return str(value)


def check_staff_rows(
    rows: list[tuple[int, dict[str, str]]], *, organisation_id: int, labels: dict[str, str]
) -> list[RowResult]:
    index = StaffIndex(organisation_id)
    seen: dict[tuple[str, str], int] = {}
    claimed: dict[int, int] = {}
    results = []
    for number, values in rows:
        result = RowResult(number, values)
        row = _Row(result, labels)
        fields = _staff_fields(row)
        results.append(result)
        if result.errors:
            continue
        result.fields = fields
        for key in _staff_keys(fields):
            if key in seen:
                row.error(
                    "name", f"Row {seen[key]} has the same {key[0]}: this is the same person."
                )
            seen.setdefault(key, number)
        people = index.same_person(fields)
        if len(people) > 1:
            row.error(
                "email" if fields["email"] else "name",
                f"{len(people)} staff already match this row; add a staff number column.",
            )
        elif people and people[0].pk in claimed:
            row.error("name", f"Row {claimed[people[0].pk]} updates the same member of staff.")
        elif people:
            claimed[people[0].pk] = number
            result.target = people[0].pk
            result.changes = _staff_changes(people[0], fields)
        if not result.errors:
            result.action = ("update" if result.changes else "unchanged") if people else "create"
    return results


class CourseIndex:
    def __init__(self, organisation_id: int) -> None:
        courses = Course.objects.for_organisation(organisation_id).only("pk", "title")
        self.by_title = {normal_name(c.title): c for c in courses}

    def find(self, text: str) -> Course:
        course = self.by_title.get(normal_name(text))
        if course is not None:
            return course
        titles = {normal_name(c.title): c.title for c in self.by_title.values()}
        wanted = normal_name(text)
        close = [t for t in titles if f" {wanted} " in f" {t} "]  # "Prevent awareness (…)"
        if len(close) != 1:
            close = difflib.get_close_matches(wanted, titles, n=1, cutoff=0.6)
        hint = (
            f"Did you mean “{titles[close[0]]}”? Correct the name in the file."
            if close
            else "Add it to the course catalogue first, or correct the name in the file."
        )
        raise ValueError(f"“{text}” is not a course in the catalogue. {hint}")


def _completion_staff(row: _Row, index: StaffIndex) -> StaffMember | None:
    values = row.result.values
    if values.get("staff_number"):
        person = index.by_number.get(values["staff_number"].casefold())
        if person is None:
            row.error(
                "staff_number",
                f"No member of staff has staff number “{values['staff_number']}”. "
                "Import the staff first.",
            )
        return person
    for key, found in (
        ("email", index.by_email.get(values.get("email", "").casefold(), [])),
        ("name", index.by_name.get(normal_name(values.get("name", "")), [])),
    ):
        if not values.get(key):
            continue
        if len(found) == 1:
            return found[0]
        if found:
            row.error(key, f"{len(found)} staff have this {key}; add a staff number column.")
        else:
            row.error(
                key, f"No member of staff has the {key} “{values[key]}”. Import the staff first."
            )
        return None
    row.error("name", "This row does not say who completed the course.")
    return None


def _score(row: _Row) -> int | None:
    text = row.result.values.get("score", "").strip().rstrip("%").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        row.error("score", f"“{row.result.values['score']}” is not a percentage from 0 to 100.")
        return None
    return round(value)


def check_completion_rows(
    rows: list[tuple[int, dict[str, str]]],
    *,
    organisation_id: int,
    labels: dict[str, str],
    today: date,
) -> list[RowResult]:
    staff = StaffIndex(organisation_id)
    courses = CourseIndex(organisation_id)
    results = []
    for number, values in rows:
        result = RowResult(number, values)
        row = _Row(result, labels)
        person = _completion_staff(row, staff)
        course = None
        if not values.get("course"):
            row.error("course", "This is empty; every row needs the course's name.")
        else:
            try:
                course = courses.find(values["course"])
            except ValueError as exc:
                row.error("course", str(exc))
        day = row.day("completed_on", required=True)
        if day and day > today:
            row.error("completed_on", "This date is in the future.")
        score = _score(row)
        if person:
            result.fields["staff_name"] = person.name  # the preview names whoever it found
        if day:
            result.fields["completed_on"] = day
        if person and course and day:
            result.fields.update(staff_id=person.pk, course_id=course.pk, score=score)
        results.append(result)
    _completion_actions(results, organisation_id)
    return results


def _completion_actions(results: list[RowResult], organisation_id: int) -> None:
    """Create, update (a new score) or unchanged, from one query for the matching completions."""
    ready = [r for r in results if not r.errors]
    existing: dict[tuple, Completion] = {}
    if ready:
        found = Completion.objects.for_organisation(organisation_id).filter(
            staff_id__in={r.fields["staff_id"] for r in ready},
            course_id__in={r.fields["course_id"] for r in ready},
            completed_on__in={r.fields["completed_on"] for r in ready},
        )
        existing = {(c.staff_id, c.course_id, c.completed_on): c for c in found}
    seen: dict[tuple, int] = {}
    for result in ready:
        key = (result.fields["staff_id"], result.fields["course_id"], result.fields["completed_on"])
        if key in seen:
            message = f"Row {seen[key]} records the same completion (person, course and date)."
            result.errors.append(RowError("Course", message))
            continue
        seen[key] = result.number
        match = existing.get(key)
        score = result.fields["score"]
        if match is None:
            result.action = "create"
        else:
            result.target = match.pk
            changed = score is not None and score != match.score
            result.changes = [f"score: {_shown('score', match.score)} → {score}"] if changed else []
            result.action = "update" if changed else "unchanged"
