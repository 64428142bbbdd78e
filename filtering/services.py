"""Changes to the filtering and monitoring log, named `<entity>_<action>`.

A test with failures can raise its owned action in the same step (`filtering_test_record` given
`raise_action`), or later (`filtering_test_raise_action`); twice gives the same action. Only a
senior leader may sign off the annual review (the role table's SIGN_OFF_FILTERING_REVIEWS).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from actionplans.models import Action, Priority
from actionplans.services import action_create
from filtering.models import (
    Category,
    FilteringReview,
    FilteringTest,
    MonitoringTerm,
    Result,
    Tool,
)
from registers.base import a_year_after
from registers.services.common import save_with_history
from registers.terms import Term, term_of
from tenancy.models import Membership, Organisation
from tenancy.roles import Perm, holder_can
from tenancy.services import require_assignable


@dataclass
class TestEntry:
    tested_on: date
    site: str
    tool: str
    categories: list[str]
    result: str
    tool_other: str = ""
    failures: str = ""
    action_taken: str = ""
    tested_by: User | None = None


@dataclass
class ActionRequest:
    owner: User | None
    due_date: date
    title: str = ""


def _check_test(entry: TestEntry) -> None:
    errors: dict[str, str] = {}
    if entry.tested_on > timezone.localdate():
        errors["tested_on"] = gettext("A test cannot be dated in the future.")
    if entry.tool == Tool.OTHER and not entry.tool_other.strip():
        errors["tool_other"] = gettext("Name the tool you used.")
    if not entry.categories:
        errors["categories"] = gettext("Choose at least one category you tested.")
    elif set(entry.categories) - set(Category.values):
        errors["categories"] = gettext("Choose categories from the list.")
    if entry.result == Result.SOME_FAILURES:
        if not entry.failures.strip():
            errors["failures"] = gettext("Say what got through the filter.")
        if not entry.action_taken.strip():
            errors["action_taken"] = gettext("Say what was done about the failures.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def filtering_test_record(
    *, organisation: Organisation, by, entry: TestEntry, raise_action: ActionRequest | None = None
) -> FilteringTest:
    """Record a test; with `raise_action`, its failures become an owned action in one step."""
    _check_test(entry)
    require_assignable(organisation=organisation, user=entry.tested_by, field="tested_by")
    if raise_action is not None and entry.result != Result.SOME_FAILURES:
        raise ValidationError(
            {"raise_action": gettext("Only a test with failures needs an action.")}
        )
    failed = entry.result == Result.SOME_FAILURES
    test = FilteringTest(
        organisation=organisation,
        tested_on=entry.tested_on,
        site=entry.site.strip(),
        tool=entry.tool,
        tool_other=entry.tool_other.strip() if entry.tool == Tool.OTHER else "",
        categories=[c for c in Category.values if c in entry.categories],
        result=entry.result,
        failures=entry.failures.strip() if failed else "",
        action_taken=entry.action_taken.strip() if failed else "",
        tested_by=entry.tested_by,
        created_by=by,
    )
    save_with_history(test, by)
    if raise_action is not None:
        filtering_test_raise_action(test=test, by=by, request=raise_action)
    return test


def _action_title(test: FilteringTest) -> str:
    return f"Fix the filtering failures found on {test.site} ({test.tested_on:%d %b %Y})"[:200]


def filtering_test_raise_action(*, test: FilteringTest, by, request: ActionRequest) -> Action:
    """Turn a test's failures into an owned action in the plan; twice gives the same action."""
    if not test.failed:
        raise ValidationError({"owner": gettext("This test found no failures.")})
    if request.owner is None:
        raise ValidationError({"owner": gettext("Choose who owns the action.")})
    if request.due_date is None:
        raise ValidationError({"due_date": gettext("Give the date it is due.")})
    source_key = f"filtering-test:{test.code}"
    try:
        with transaction.atomic():
            locked = FilteringTest.objects.select_for_update().get(pk=test.pk)
            if locked.action is not None:
                test.action = locked.action
                return locked.action
            action = action_create(
                organisation=test.organisation,
                title=(request.title or "").strip()[:200] or _action_title(test),
                description=(
                    f"Filtering test on {test.site} with {test.tool_label}. "
                    f"What got through: {test.failures} Action taken so far: {test.action_taken}"
                ),
                owner=request.owner,
                due_date=request.due_date,
                priority=Priority.HIGH,
                by=by,
                source_key=source_key,
            )
            locked.action = action
            save_with_history(locked, by)
    except IntegrityError:  # someone else raised it at the same moment
        action = Action.objects.for_organisation(test.organisation_id).get(source_key=source_key)
        FilteringTest.objects.filter(pk=test.pk, action=None).update(action=action)
    test.action = action
    return action


@dataclass
class MonitoringCounts:
    alerts_reviewed: int
    escalated_to_dsl: int
    false_positives: int
    followed_up_by_staff: int
    rule_changes: int
    changes_made: str = ""


@transaction.atomic
def monitoring_record(
    *, organisation: Organisation, by, term: Term, counts: MonitoringCounts
) -> MonitoringTerm:
    """Record (or correct) one term's monitoring counts; the history keeps what they were."""
    if term.start > timezone.localdate():
        raise ValidationError({"term": gettext("That term has not started yet.")})
    if term_of(term.start) != term:
        raise ValidationError({"term": gettext("Choose a term from the list.")})
    outcomes = counts.escalated_to_dsl + counts.false_positives + counts.followed_up_by_staff
    if outcomes > counts.alerts_reviewed:
        raise ValidationError(
            {
                "alerts_reviewed": gettext(
                    "Escalated, false positives and followed up add up to %(total)s, more than "
                    "the alerts reviewed."
                )
                % {"total": outcomes}
            }
        )
    values = {
        "alerts_reviewed": counts.alerts_reviewed,
        "escalated_to_dsl": counts.escalated_to_dsl,
        "false_positives": counts.false_positives,
        "followed_up_by_staff": counts.followed_up_by_staff,
        "rule_changes": counts.rule_changes,
        "changes_made": counts.changes_made.strip(),
        "recorded_by": by,
    }
    rows = MonitoringTerm.objects.for_organisation(organisation).select_for_update()
    record = rows.filter(term_start=term.start).first()
    if record is None:
        record = MonitoringTerm(organisation=organisation, term_start=term.start)
    for name, value in values.items():
        setattr(record, name, value)
    try:
        with transaction.atomic():
            save_with_history(record, by)
    except IntegrityError as exc:  # the same term recorded at the same moment
        raise ValidationError(
            {"term": gettext("%(term)s was recorded just now; try again.") % {"term": term.label}}
        ) from exc
    return record


@dataclass
class ReviewEntry:
    reviewed_on: date
    governor_name: str
    outcome: str
    changes: str = ""
    owner: User | None = None
    senior_leader_name: str = ""
    next_review_date: date | None = None


@transaction.atomic
def filtering_review_record(
    *, organisation: Organisation, by, entry: ReviewEntry
) -> FilteringReview:
    """Record the annual review; the next is due within a year (the standards' "at least")."""
    errors: dict[str, str] = {}
    if entry.reviewed_on > timezone.localdate():
        errors["reviewed_on"] = gettext("A review cannot be dated in the future.")
    if entry.owner is None and not entry.senior_leader_name.strip():
        errors["owner"] = gettext("Choose or name the senior leader responsible.")
    if not entry.governor_name.strip():
        errors["governor_name"] = gettext("Name the governor or director responsible.")
    next_review = entry.next_review_date or a_year_after(entry.reviewed_on)
    if next_review <= entry.reviewed_on:
        errors["next_review_date"] = gettext("The next review must be after this one.")
    elif next_review > a_year_after(entry.reviewed_on):
        errors["next_review_date"] = gettext(
            "Review at least once a year: choose a date within a year."
        )
    if errors:
        raise ValidationError(errors)
    require_assignable(organisation=organisation, user=entry.owner)
    review = FilteringReview(
        organisation=organisation,
        reviewed_on=entry.reviewed_on,
        owner=entry.owner,
        senior_leader_name="" if entry.owner else entry.senior_leader_name.strip(),
        governor_name=entry.governor_name.strip(),
        outcome=entry.outcome,
        changes=entry.changes.strip(),
        next_review_date=next_review,
        created_by=by,
    )
    save_with_history(review, by)
    return review


def _may_sign_off(organisation: Organisation, user) -> bool:
    role = (
        Membership.objects.for_organisation(organisation)
        .filter(user=user)
        .values_list("role", flat=True)
        .first()
    )
    return role is not None and holder_can(role, Perm.SIGN_OFF_FILTERING_REVIEWS)


@transaction.atomic
def filtering_review_sign_off(*, review: FilteringReview, by) -> FilteringReview:
    """A senior leader signs the review off; signing twice keeps the first signature."""
    if not _may_sign_off(review.organisation, by):
        raise ValidationError(gettext("Only a senior leader may sign off the review."))
    locked = FilteringReview.objects.select_for_update().get(pk=review.pk)
    if locked.signed_off_at is None:
        locked.signed_off_by = by
        locked.signed_off_at = timezone.now()
        save_with_history(locked, by)
    return locked
