"""Staff, courses and completions through the services: validation, duplicates, history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from evidence.models import EvidenceItem
from tenancy.scope import tenant_scope
from tests.clock import TODAY, frozen_on
from tests.training.conftest import complete, make_course, make_staff
from training.defaults import DEFAULT_COURSES
from training.models import Completion, Course, StaffMember
from training.services import (
    completion_record,
    completion_remove,
    courses_seed_defaults,
    session_record,
    staff_update,
)

pytestmark = pytest.mark.django_db


def test_a_staff_number_is_unique_within_an_organisation_only(org, other_org, qm, outsider):
    make_staff(org, qm, staff_number="N100")
    make_staff(other_org, outsider, staff_number="N100")  # another provider may use it
    make_staff(org, qm, name="No number one")
    make_staff(org, qm, name="No number two")  # empty numbers do not clash
    with pytest.raises(ValidationError) as error:
        make_staff(org, qm, name="Clash", staff_number="N100")
    assert "already has this staff number" in str(error.value.message_dict["__all__"])
    assert StaffMember.unscoped.filter(organisation=org).count() == 3


def test_a_leaving_date_before_the_start_date_is_refused(org, qm):
    with pytest.raises(ValidationError, match="cannot be before the start date"):
        make_staff(org, qm, start=date(2025, 1, 1), leaving_date=date(2024, 1, 1))


def test_changes_keep_their_history_with_who_made_them(org, qm):
    staff = make_staff(org, qm)
    with tenant_scope(org):
        staff_update(staff, by=qm, site="City centre")
    history = list(staff.history.order_by("history_date"))
    assert [h.site for h in history] == ["Main campus", "City centre"]
    assert {h.history_user_id for h in history} == {qm.pk}


def test_the_default_catalogue_is_seeded_once(org, qm):
    with tenant_scope(org):
        assert courses_seed_defaults(organisation=org, by=qm) == len(DEFAULT_COURSES)
        assert courses_seed_defaults(organisation=org, by=qm) == 0
    courses = Course.unscoped.filter(organisation=org)
    assert courses.count() == len(DEFAULT_COURSES)
    assert courses.get(title__startswith="Channel").role_groups == ["dsl"]
    assert Course.history.filter(organisation=org).count() == len(DEFAULT_COURSES)


@frozen_on(TODAY)
def test_recording_the_same_completion_twice_leaves_one(org, qm):
    staff, course = make_staff(org, qm), make_course(org, qm)
    with tenant_scope(org):
        first, created = completion_record(
            organisation=org, staff=staff, course=course, completed_on=TODAY, by=qm, score=80
        )
        again, created_again = completion_record(
            organisation=org, staff=staff, course=course, completed_on=TODAY, by=qm
        )
    assert (created, created_again, first.pk) == (True, False, again.pk)
    assert Completion.unscoped.count() == 1


@frozen_on(TODAY)
def test_a_completion_cannot_be_in_the_future_or_use_another_providers_things(
    org, other_org, qm, outsider
):
    staff, _course = make_staff(org, qm), make_course(org, qm)
    foreign_course = make_course(other_org, outsider)
    with tenant_scope(other_org):
        foreign_doc = EvidenceItem.objects.create(
            organisation=other_org,
            title="Their certificate",
            kind="link",
            url="https://x.test",
            effective_date=TODAY,
        )
    with tenant_scope(org), pytest.raises(ValidationError) as error:
        completion_record(
            organisation=org,
            staff=staff,
            course=foreign_course,
            completed_on=date(2026, 11, 26),
            by=qm,
            certificate=foreign_doc,
            score=101,
        )
    assert set(error.value.message_dict) == {"completed_on", "course", "certificate", "score"}
    assert not Completion.unscoped.exists()


@frozen_on(TODAY)
def test_a_session_records_everyone_ticked_once(org, qm):
    course = make_course(org, qm)
    people = [make_staff(org, qm, name=f"Tutor {i}") for i in range(4)]
    complete(org, qm, people[0], course, TODAY)
    with tenant_scope(org):
        result = session_record(
            organisation=org, course=course, completed_on=TODAY, attendees=people, by=qm
        )
        repeat = session_record(
            organisation=org, course=course, completed_on=TODAY, attendees=people[:2], by=qm
        )
        with pytest.raises(ValidationError, match="Tick at least one"):
            session_record(organisation=org, course=course, completed_on=TODAY, attendees=[], by=qm)
    assert (result.recorded, result.already) == (3, 1)
    assert (repeat.recorded, repeat.already) == (0, 2)
    assert Completion.unscoped.filter(course=course).count() == 4
    assert Completion.history.filter(course_id=course.pk, history_type="+").count() == 4


@frozen_on(TODAY)
def test_removing_a_completion_keeps_who_removed_it(org, qm):
    completion = complete(org, qm, make_staff(org, qm), make_course(org, qm), TODAY)
    with tenant_scope(org):
        completion_remove(completion, by=qm)
    assert not Completion.unscoped.exists()
    removed = Completion.history.get(history_type="-")
    assert removed.history_user_id == qm.pk


@frozen_on(TODAY)
def test_an_organisation_with_completions_can_still_be_deleted(org, qm):
    course = make_course(org, qm)
    complete(org, qm, make_staff(org, qm), course, TODAY)
    org.delete()
    assert not Completion.unscoped.exists() and not Course.unscoped.exists()


@frozen_on(TODAY)
def test_a_course_with_completions_cannot_be_deleted_on_its_own(org, qm):
    from django.db.models import RestrictedError

    course = make_course(org, qm)
    complete(org, qm, make_staff(org, qm), course, TODAY)
    with pytest.raises(RestrictedError):
        course.delete()
