"""Checking a staff or completions import's rows: each row's errors (column and plain reason)
or what confirming would do with it. Reads the staff, the catalogue and the matching
completions in a fixed number of queries, whatever the size of the file. The matching rules
are in `training.importers`.
"""

import difflib
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from imports.checks import CREATE, UNCHANGED, UPDATE, RowCheck, RowResult, normal
from training.import_fields import role_group_for
from training.models import Completion, Course, RoleGroup, StaffMember
from training.services import STAFF_FIELDS

STAFF_LABELS = {
    "name": _("name"),
    "role_group": _("role group"),
    "site": _("site"),
    "staff_number": _("staff number"),
    "email": _("email"),
    "start_date": _("start date"),
    "leaving_date": _("leaving date"),
}
MAX_LENGTHS = {"name": 150, "site": 100, "staff_number": 50, "email": 254}


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
            self.by_name.setdefault(normal(s.name), []).append(s)

    def same_person(self, fields: dict[str, Any]) -> list[StaffMember]:
        """The existing staff a staff row means (see the rules in `training.importers`)."""
        number = fields["staff_number"].casefold()
        if number in self.by_number:
            return [self.by_number[number]]
        people = self.by_email.get(fields["email"].casefold(), []) if fields["email"] else []
        if not people:
            people = [
                s
                for s in self.by_name.get(normal(fields["name"]), [])
                if s.start_date == fields["start_date"]
            ]
        return [s for s in people if not (number and s.staff_number)]


def with_full_name(values: dict[str, str]) -> dict[str, str]:
    """A row's values with the full name made from first name and surname where the file has
    those and no full name (so the name is checked and matched like any other)."""
    if not (values.get("first_name") or values.get("last_name")) or values.get("name"):
        return values
    joined = " ".join(v for v in (values.get("first_name"), values.get("last_name")) if v)
    return {**values, "name": joined}


def _text(row: RowCheck, key: str, *, required: bool = False) -> str:
    return row.text(key, required=required, max_length=MAX_LENGTHS.get(key, 0))


def _staff_fields(row: RowCheck) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "name": _text(row, "name", required=True),
        "staff_number": _text(row, "staff_number"),
        "email": row.email("email"),
        "site": _text(row, "site"),
    }
    role = row.raw("role_group")
    if not role:
        row.error("role_group", gettext("This is empty: say the person's role, such as Tutor."))
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
        row.error("leaving_date", gettext("The leaving date is before the start date."))
    return fields


def _staff_keys(fields: dict[str, Any]) -> list[tuple[str, str]]:
    if fields["staff_number"]:
        return [("staff_number", fields["staff_number"].casefold())]
    if fields["email"]:
        return [("email", fields["email"].casefold())]
    return [("name", f"{normal(fields['name'])}|{fields['start_date']}")]


SAME_PERSON = {
    "staff_number": _("Row %(row)s has the same staff number: this is the same person."),
    "email": _("Row %(row)s has the same email: this is the same person."),
    "name": _("Row %(row)s has the same name and start date: this is the same person."),
}


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
            changes.append(
                gettext("%(field)s: %(before)s → %(after)s")
                % {
                    "field": STAFF_LABELS[key],
                    "before": _shown(key, old),
                    "after": _shown(key, new),
                }
            )
    return changes


def _shown(key: str, value: Any) -> str:
    """A value as the preview shows it: role groups by label, dates as 31 Mar 2027."""
    if value in ("", None):
        return gettext("none")
    if key == "role_group":
        return str(RoleGroup(value).label)
    if isinstance(value, date):
        return date_format(value, "j M Y")
    return str(value)


def check_staff_rows(
    rows: list[tuple[int, dict[str, str]]], *, organisation_id: int, labels: dict[str, str]
) -> list[RowResult]:
    index = StaffIndex(organisation_id)
    seen: dict[tuple[str, str], int] = {}
    claimed: dict[int, int] = {}
    results = []
    for number, values in rows:
        result = RowResult(number, with_full_name(values))
        row = RowCheck(result, labels)
        fields = _staff_fields(row)
        results.append(result)
        if result.errors:
            continue
        result.fields = fields
        for key in _staff_keys(fields):
            if key in seen:
                row.error("name", SAME_PERSON[key[0]] % {"row": seen[key]})
            seen.setdefault(key, number)
        people = index.same_person(fields)
        if len(people) > 1:
            row.error(
                "email" if fields["email"] else "name",
                gettext("%(count)s staff already match this row; add a staff number column.")
                % {"count": len(people)},
            )
        elif people and people[0].pk in claimed:
            row.error(
                "name",
                gettext("Row %(row)s updates the same member of staff.")
                % {"row": claimed[people[0].pk]},
            )
        elif people:
            claimed[people[0].pk] = number
            result.target = people[0].pk
            result.changes = _staff_changes(people[0], fields)
        if not result.errors:
            result.action = (UPDATE if result.changes else UNCHANGED) if people else CREATE
    return results


class CourseIndex:
    def __init__(self, organisation_id: int) -> None:
        courses = Course.objects.for_organisation(organisation_id).only("pk", "title")
        self.by_title = {normal(c.title): c for c in courses}

    def find(self, text: str) -> Course:
        course = self.by_title.get(normal(text))
        if course is not None:
            return course
        titles = {normal(c.title): c.title for c in self.by_title.values()}
        wanted = normal(text)
        close = [t for t in titles if f" {wanted} " in f" {t} "]  # "Prevent awareness (…)"
        if len(close) != 1:
            close = difflib.get_close_matches(wanted, titles, n=1, cutoff=0.6)
        if close:
            message = gettext(
                "“%(text)s” is not a course in the catalogue. Did you mean “%(title)s”? Correct "
                "the name in the file."
            )
        else:
            message = gettext(
                "“%(text)s” is not a course in the catalogue. Add it to the course catalogue "
                "first, or correct the name in the file."
            )
        raise ValueError(message % {"text": text, "title": titles[close[0]] if close else ""})


MANY_STAFF = {
    "email": _("%(count)s staff have this email; add a staff number column."),
    "name": _("%(count)s staff have this name; add a staff number column."),
}
NO_STAFF = {
    "email": _("No member of staff has the email “%(value)s”. Import the staff first."),
    "name": _("No member of staff has the name “%(value)s”. Import the staff first."),
}


def _completion_staff(row: RowCheck, index: StaffIndex) -> StaffMember | None:
    values = row.result.values
    if values.get("staff_number"):
        person = index.by_number.get(values["staff_number"].casefold())
        if person is None:
            row.error(
                "staff_number",
                gettext("No member of staff has staff number “%(value)s”. Import the staff first.")
                % {"value": values["staff_number"]},
            )
        return person
    for key, found in (
        ("email", index.by_email.get(values.get("email", "").casefold(), [])),
        ("name", index.by_name.get(normal(values.get("name", "")), [])),
    ):
        if not values.get(key):
            continue
        if len(found) == 1:
            return found[0]
        if found:
            row.error(key, MANY_STAFF[key] % {"count": len(found)})
        else:
            row.error(key, NO_STAFF[key] % {"value": values[key]})
        return None
    row.error("name", gettext("This row does not say who completed the course."))
    return None


def _score(row: RowCheck) -> int | None:
    text = row.result.values.get("score", "").strip().rstrip("%").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        row.error(
            "score",
            gettext("“%(value)s” is not a percentage from 0 to 100.")
            % {"value": row.result.values["score"]},
        )
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
        result = RowResult(number, with_full_name(values))
        row = RowCheck(result, labels)
        person = _completion_staff(row, staff)
        course = None
        if not values.get("course"):
            row.error("course", gettext("This is empty; every row needs the course's name."))
        else:
            try:
                course = courses.find(values["course"])
            except ValueError as exc:
                row.error("course", str(exc))
        day = row.day("completed_on", required=True)
        if day and day > today:
            row.error("completed_on", gettext("This date is in the future."))
        score = _score(row)
        if person:
            result.fields["name"] = person.name  # the preview names whoever it found
        if day:
            result.fields["completed_on"] = day
        if person and course and day:
            result.fields.update(staff_id=person.pk, course_id=course.pk, score=score)
        results.append(result)
    _completion_actions(results, organisation_id, labels)
    return results


def _completion_actions(
    results: list[RowResult], organisation_id: int, labels: dict[str, str]
) -> None:
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
            RowCheck(result, labels).error(
                "course",
                gettext("Row %(row)s records the same completion (person, course and date).")
                % {"row": seen[key]},
            )
            continue
        seen[key] = result.number
        match = existing.get(key)
        score = result.fields["score"]
        if match is None:
            result.action = CREATE
        else:
            result.target = match.pk
            changed = score is not None and score != match.score
            result.changes = (
                [
                    gettext("%(field)s: %(before)s → %(after)s")
                    % {
                        "field": gettext("score"),
                        "before": _shown("score", match.score),
                        "after": score,
                    }
                ]
                if changed
                else []
            )
            result.action = UPDATE if changed else UNCHANGED
