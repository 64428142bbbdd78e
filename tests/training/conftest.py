"""Helpers for the training matrix's tests: staff, courses and completions made through the
real services, inside the organisation's scope."""

from datetime import date, timedelta

from tenancy.scope import tenant_scope
from training.services import completion_record, course_create, staff_create


def make_staff(org, by, name="Sam Tutor", role_group="tutors", start=None, **overrides):
    fields = {
        "name": name,
        "role_group": role_group,
        "site": "Main campus",
        "staff_number": "",
        "email": "",
        "start_date": start or date(2020, 9, 1),
        "leaving_date": None,
    }
    fields.update(overrides)
    with tenant_scope(org):
        return staff_create(organisation=org, by=by, **fields)


def make_course(org, by, title="Prevent awareness", groups=("tutors",), **overrides):
    fields = {
        "title": title,
        "provider": "Home Office",
        "url": "",
        "role_groups": list(groups),
        "refresh_months": 24,
        "induction_days": 30,
        "active": True,
    }
    fields.update(overrides)
    with tenant_scope(org):
        return course_create(organisation=org, by=by, **fields)


def complete(org, by, staff, course, on: date, **extra):
    with tenant_scope(org):
        return completion_record(
            organisation=org, staff=staff, course=course, completed_on=on, by=by, **extra
        )[0]


def days_before(day: date, n: int) -> date:
    return day - timedelta(days=n)
