"""The training pages: adding staff, recording completions and sessions, bad input, isolation."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tenancy.scope import tenant_scope
from tests.clock import TODAY, frozen_on
from tests.training.conftest import make_course, make_staff
from training.models import Completion, Course, StaffMember

pytestmark = pytest.mark.django_db


def url(name, org, **kwargs):
    return reverse(f"training:{name}", kwargs={"org_slug": org.slug, **kwargs})


def test_the_first_visit_gives_the_default_catalogue(org, qm, client_for):
    response = client_for(qm).get(url("matrix", org))
    assert response.status_code == 200
    assert Course.unscoped.filter(organisation=org).count() == 6
    assert "No staff recorded yet" in response.content.decode()


@frozen_on(TODAY)
def test_adding_a_member_of_staff_puts_them_on_the_matrix(org, qm, client_for):
    client = client_for(qm)
    client.get(url("matrix", org))
    response = client.post(
        url("staff_create", org),
        {
            "name": "Jo Assessor",
            "role_group": "tutors",
            "site": "Leeds",
            "staff_number": "E42",
            "email": "",
            "start_date": "2026-11-01",
        },
    )
    staff = StaffMember.unscoped.get(organisation=org)
    assert response.status_code == 302 and response["Location"] == staff.get_absolute_url()
    page = client.get(url("matrix", org)).content.decode()
    assert "Jo Assessor" in page and "To do" in page


@frozen_on(TODAY)
def test_bad_staff_input_is_shown_beside_the_field_and_kept(org, qm, client_for):
    make_staff(org, qm, staff_number="E42")
    response = client_for(qm).post(
        url("staff_create", org),
        {
            "name": "Typed\x00Name",
            "role_group": "tutors",
            "staff_number": "E42",
            "email": "not-an-email",
            "start_date": "2026-13-45",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "invisible “null” character" in page
    assert "Enter an email address like name@example.org." in page
    assert "Enter a real date" in page
    assert 'value="E42"' in page and 'value="not-an-email"' in page


@frozen_on(TODAY)
def test_a_duplicate_staff_number_is_a_message_not_a_500(org, qm, client_for):
    make_staff(org, qm, staff_number="E42")
    response = client_for(qm).post(
        url("staff_create", org),
        {"name": "Second", "role_group": "tutors", "staff_number": "E42", "start_date": "2026-1-5"},
    )
    assert response.status_code == 400
    assert "Another member of staff already has this staff number." in response.content.decode()


@frozen_on(TODAY)
def test_recording_a_completion_and_a_double_submit(org, qm, client_for):
    staff, course = make_staff(org, qm), make_course(org, qm)
    client = client_for(qm)
    data = {"course": course.pk, "completed_on": TODAY.isoformat(), "score": "85"}
    target = url("completion_create", org, staff_code=staff.code)
    assert client.post(target, data).status_code == 302
    assert client.post(target, data).status_code == 302  # the same again: still one
    completion = Completion.unscoped.get()
    assert (completion.score, completion.recorded_by) == (85, qm)
    page = client.get(staff.get_absolute_url()).content.decode()
    assert "85%" in page and "Done" in page
    bad = client.post(target, {"course": course.pk, "completed_on": "2026-11-30", "score": "900"})
    assert bad.status_code == 400
    assert "cannot be in the future" in bad.content.decode()
    assert "Enter a percentage from 0 to 100." in bad.content.decode()


@frozen_on(TODAY)
def test_recording_a_session_for_the_people_ticked(org, qm, client_for):
    course = make_course(org, qm)
    people = [make_staff(org, qm, name=f"Tutor {i}") for i in range(3)]
    make_staff(
        org, qm, name="Gov Ernor", role_group="board"
    )  # not offered: the course is not theirs
    client = client_for(qm)
    target = url("session", org, course_code=course.code)
    page = client.get(target).content.decode()
    assert "Tutor 2" in page and "Gov Ernor" not in page
    day = (TODAY - timedelta(days=3)).isoformat()
    response = client.post(
        target, {"completed_on": day, "attendees": [str(people[0].code), str(people[2].code)]}
    )
    assert response.status_code == 302 and f"on={day}" in response["Location"]
    assert set(Completion.unscoped.values_list("staff__name", flat=True)) == {"Tutor 0", "Tutor 2"}
    page = client.get(response["Location"]).content.decode()
    assert page.count("disabled") == 2 and "Recorded for 2 people." in page
    empty = client.post(target, {"completed_on": day})
    assert empty.status_code == 400 and "Tick at least one person" in empty.content.decode()


@frozen_on(TODAY)
def test_another_organisations_staff_cannot_be_ticked(org, other_org, qm, outsider, client_for):
    course = make_course(org, qm)
    theirs = make_staff(other_org, outsider, name="Not Yours")
    response = client_for(qm).post(
        url("session", org, course_code=course.code),
        {"completed_on": TODAY.isoformat(), "attendees": [str(theirs.code)]},
    )
    assert response.status_code == 400
    assert not Completion.unscoped.exists()


def test_editing_a_course_keeps_its_choices(org, qm, client_for):
    course = make_course(org, qm)
    client = client_for(qm)
    response = client.post(
        url("course_edit", org, course_code=course.code),
        {
            "title": "Prevent awareness",
            "provider": "Home Office",
            "role_groups": ["tutors", "support"],
            "refresh_months": "",
            "induction_days": "14",
            "active": "on",
        },
    )
    assert response.status_code == 302
    with tenant_scope(org):
        course.refresh_from_db()
    assert (course.role_groups, course.refresh_months, course.induction_days) == (
        ["tutors", "support"],
        None,
        14,
    )
    bad = client.post(
        url("course_edit", org, course_code=course.code),
        {"title": "", "refresh_months": "999", "induction_days": "x"},
    )
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Enter the course title." in page and "from 1 to 120" in page


@frozen_on(TODAY)
def test_the_staff_list_searches_and_hides_leavers(org, qm, client_for):
    make_staff(org, qm, name="Ada Present", staff_number="P1")
    make_staff(org, qm, name="Bea Gone", leaving_date=TODAY - timedelta(days=30))
    client = client_for(qm)
    page = client.get(url("staff_list", org)).content.decode()
    assert "Ada Present" in page and "Bea Gone" not in page
    page = client.get(url("staff_list", org), {"leavers": "1"}).content.decode()
    assert "Bea Gone" in page and "Left" in page
    page = client.get(url("staff_list", org), {"q": "p1"}).content.decode()
    assert "Ada Present" in page


@frozen_on(TODAY)
def test_the_matrix_is_paginated_and_page_links_keep_the_filters(org, qm, client_for):
    make_course(org, qm)
    for i in range(30):
        make_staff(org, qm, name=f"Tutor {i:02d}")
    client = client_for(qm)
    page = client.get(url("matrix", org), {"role_group": "tutors"}).content.decode()
    assert "Showing 1 to 25 of 30 people" in page
    assert "Tutor 24" in page and "Tutor 25" not in page
    assert "?role_group=tutors&amp;page=2" in page
    second = client.get(url("matrix", org), {"role_group": "tutors", "page": "2"}).content.decode()
    assert "Tutor 29" in second and "Tutor 00" not in second
