"""Changes to the training matrix, named `<entity>_<action>`; the actor is always `by`.

Every change keeps its history (django-simple-history, with `by` as the user). Recording the
same completion twice (a double submit, or a session ticked again) leaves one row.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from evidence.models import EvidenceItem
from registers.services.common import save_with_history
from tenancy.models import Organisation
from training.defaults import DEFAULT_COURSES
from training.models import Completion, Course, StaffMember

STAFF_FIELDS = ("name", "role_group", "site", "staff_number", "email", "start_date", "leaving_date")
COURSE_FIELDS = (
    "title",
    "provider",
    "url",
    "role_groups",
    "refresh_months",
    "induction_days",
    "active",
)


def _set(instance: Any, fields: tuple[str, ...], values: dict[str, Any]) -> None:
    unknown = set(values) - set(fields)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)


def _save(instance: Any, by: User | None) -> None:
    """Validated (constraints included, so a duplicate staff number is a message, not a 500)."""
    try:
        with transaction.atomic():
            save_with_history(instance, by)
    except IntegrityError as exc:  # a race between two saves of the same number or title
        raise ValidationError(
            gettext("Someone else saved the same details just now. Check the list.")
        ) from exc


def staff_create(*, organisation: Organisation, by: User | None, **fields: Any) -> StaffMember:
    staff = StaffMember(organisation=organisation, created_by=by)
    _set(staff, STAFF_FIELDS, fields)
    _save(staff, by)
    return staff


def staff_update(staff: StaffMember, *, by: User | None, **fields: Any) -> StaffMember:
    _set(staff, STAFF_FIELDS, fields)
    _save(staff, by)
    return staff


def course_create(*, organisation: Organisation, by: User | None, **fields: Any) -> Course:
    course = Course(organisation=organisation, created_by=by)
    _set(course, COURSE_FIELDS, fields)
    _save(course, by)
    return course


def course_update(course: Course, *, by: User | None, **fields: Any) -> Course:
    _set(course, COURSE_FIELDS, fields)
    _save(course, by)
    return course


def courses_seed_defaults(*, organisation: Organisation, by: User | None = None) -> int:
    """Give an organisation the default catalogue (editable rows); courses whose title it
    already has are left alone, so running it again, or twice at once, adds nothing."""
    existing = set(Course.objects.for_organisation(organisation).values_list("title", flat=True))
    rows = [
        Course(organisation=organisation, created_by=by, **spec)
        for spec in DEFAULT_COURSES
        if spec["title"] not in existing
    ]
    if rows:
        bulk_create_with_history(rows, Course, ignore_conflicts=True, default_user=by)
    return len(rows)


def _check_completion(
    organisation: Organisation, course: Course, completed_on: date, certificate, score
) -> None:
    errors = {}
    if completed_on > timezone.localdate():
        errors["completed_on"] = gettext("The date cannot be in the future.")
    if course.organisation_id != organisation.pk:
        errors["course"] = gettext("Choose a course from your catalogue.")
    if certificate is not None and certificate.organisation_id != organisation.pk:
        errors["certificate"] = gettext("Choose a document from your evidence library.")
    if score is not None and not 0 <= score <= 100:
        errors["score"] = gettext("Enter a percentage from 0 to 100.")
    if errors:
        raise ValidationError(errors)


def completion_record(
    *,
    organisation: Organisation,
    staff: StaffMember,
    course: Course,
    completed_on: date,
    by: User | None,
    certificate: EvidenceItem | None = None,
    score: int | None = None,
) -> tuple[Completion, bool]:
    """Record that `staff` completed `course`; (the completion, whether it is new)."""
    _check_completion(organisation, course, completed_on, certificate, score)
    if staff.organisation_id != organisation.pk:
        raise ValidationError({"staff": gettext("Choose someone on your staff list.")})
    existing = Completion.objects.for_organisation(organisation).filter(
        staff=staff, course=course, completed_on=completed_on
    )
    if found := existing.first():
        return found, False
    completion = Completion(
        organisation=organisation,
        staff=staff,
        course=course,
        completed_on=completed_on,
        certificate=certificate,
        score=score,
        recorded_by=by,
    )
    try:
        with transaction.atomic():
            save_with_history(completion, by, exclude=["staff", "course"])
    except IntegrityError:  # the same completion saved by a simultaneous request
        return existing.get(), False
    return completion, True


@dataclass(frozen=True)
class SessionResult:
    recorded: int
    already: int


def session_record(
    *,
    organisation: Organisation,
    course: Course,
    completed_on: date,
    attendees: Iterable[StaffMember],
    by: User | None,
    certificate: EvidenceItem | None = None,
) -> SessionResult:
    """Record one session (a course on a day) for everyone who attended, in one statement."""
    _check_completion(organisation, course, completed_on, certificate, None)
    people = {p.pk: p for p in attendees if p.organisation_id == organisation.pk}
    if not people:
        raise ValidationError({"attendees": gettext("Tick at least one person who attended.")})
    already = Completion.objects.for_organisation(organisation).filter(
        course=course, completed_on=completed_on, staff_id__in=list(people)
    )
    done = set(already.values_list("staff_id", flat=True))
    rows = [
        Completion(
            organisation=organisation,
            staff=person,
            course=course,
            completed_on=completed_on,
            certificate=certificate,
            recorded_by=by,
        )
        for pk, person in people.items()
        if pk not in done
    ]
    if rows:
        bulk_create_with_history(rows, Completion, ignore_conflicts=True, default_user=by)
    return SessionResult(recorded=len(rows), already=len(done))


def completion_remove(completion: Completion, *, by: User | None) -> None:
    """Take out a completion recorded by mistake (its history keeps who removed it)."""
    completion._history_user = by  # type: ignore[attr-defined]
    completion.delete()
