"""The action plan services behind the pages: owners' per-object permission, progress and
completion, bulk reassignment and turning gaps into actions without duplicates."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actionplans.gaps import actions_from_gaps, gap_suggestions
from actionplans.models import Action, ActionStatus, Priority
from actionplans.services import (
    OWNER_PERMISSION,
    Progress,
    action_bulk_reassign,
    action_create,
    action_record_progress,
    action_update,
)
from tenancy.scope import tenant_scope
from tests.actionplans.factories import ActionFactory
from tests.assessments.helpers import answer_all, start
from tests.evidence.factories import EvidenceItemFactory

pytestmark = pytest.mark.django_db


def chosen_from(suggestions, owner) -> list[dict]:
    return [
        {
            "response": s.response,
            "title": s.title,
            "description": s.description,
            "owner": owner,
            "due_date": s.due_date,
            "priority": s.priority,
        }
        for s in suggestions
    ]


@pytest.fixture
def gappy(org, subscribed, qm):
    """A self-evaluation with every benchmark rated 3 on amber evidence: all of them gaps."""
    assessment = start(org, subscribed, qm)
    answer_all(assessment, qm, level=3, confidence="amber")
    return assessment


def test_gaps_become_actions_once_however_often_they_are_confirmed(org, gappy, qm):
    with tenant_scope(org):
        suggestions = gap_suggestions(gappy)
        assert len(suggestions) == 3
        first = actions_from_gaps(assessment=gappy, chosen=chosen_from(suggestions, qm), by=qm)
        again = actions_from_gaps(assessment=gappy, chosen=chosen_from(suggestions, qm), by=qm)
        assert len(first) == 3
        assert again == []
        assert Action.objects.count() == 3
        assert all(s.existing is not None for s in gap_suggestions(gappy))
        action = Action.objects.get(benchmark__code="C1.1")
    assert action.response.benchmark.code == "C1.1"
    assert action.criterion.code == "C1"
    assert action.source_key == f"gap:{action.response.code}"
    assert action.created_by == qm


def test_the_same_gap_chosen_twice_in_one_go_is_created_once(org, gappy, qm):
    with tenant_scope(org):
        suggestion = gap_suggestions(gappy)[0]
        created = actions_from_gaps(
            assessment=gappy, chosen=chosen_from([suggestion, suggestion], qm), by=qm
        )
        assert len(created) == 1
        assert Action.objects.count() == 1


def test_the_owner_holds_the_permission_and_it_moves_with_the_owner(
    org, qm, contributor, colleague
):
    with tenant_scope(org):
        action = action_create(
            organisation=org,
            title="Train new starters",
            owner=contributor,
            due_date=timezone.localdate(),
            by=qm,
        )
        assert contributor.has_perm(OWNER_PERMISSION, action)
        assert not colleague.has_perm(OWNER_PERMISSION, action)

        action_update(action=action, by=qm, owner=colleague)

    contributor = type(contributor).objects.get(pk=contributor.pk)  # no cached permissions
    colleague = type(colleague).objects.get(pk=colleague.pk)
    assert colleague.has_perm(OWNER_PERMISSION, action)
    assert not contributor.has_perm(OWNER_PERMISSION, action)


def test_an_owner_from_another_organisation_is_refused(org, qm, outsider):
    with tenant_scope(org), pytest.raises(ValidationError) as refused:
        action_create(
            organisation=org,
            title="Anything",
            owner=outsider,
            due_date=timezone.localdate(),
            by=qm,
        )
    assert "owner" in refused.value.error_dict
    assert not Action.unscoped.exists()


def test_done_without_a_date_is_completed_today_and_records_who_and_when(org, qm, contributor):
    action = ActionFactory(organisation=org, owner=contributor)
    evidence = EvidenceItemFactory(organisation=org)
    with tenant_scope(org):
        update = action_record_progress(
            action=action,
            by=contributor,
            progress=Progress(
                comment="  Everyone trained.  ",
                status=ActionStatus.DONE,
                impact_note="Staff now name the referral route.",
                completion_evidence=[evidence],
            ),
        )
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.completed_on == timezone.localdate()
    assert action.impact_note == "Staff now name the referral route."
    assert list(action.completion_evidence.all()) == [evidence]
    assert (update.author, update.comment, update.status) == (
        contributor,
        "Everyone trained.",
        ActionStatus.DONE,
    )
    assert update.created_at is not None
    latest = action.history.order_by("-history_date").first()
    assert latest.history_user == contributor


def test_reopening_a_done_action_clears_its_completion_date(org, contributor):
    action = ActionFactory(organisation=org, owner=contributor, status=ActionStatus.DONE)
    with tenant_scope(org):
        action_record_progress(
            action=action,
            by=contributor,
            progress=Progress(comment="Found more to do.", status=ActionStatus.IN_PROGRESS),
        )
    action.refresh_from_db()
    assert (action.status, action.completed_on) == (ActionStatus.IN_PROGRESS, None)


def test_evidence_of_another_organisation_cannot_complete_an_action(org, other_org, contributor):
    action = ActionFactory(organisation=org, owner=contributor)
    theirs = EvidenceItemFactory(organisation=other_org)
    with tenant_scope(org), pytest.raises(ValidationError):
        action_record_progress(
            action=action,
            by=contributor,
            progress=Progress(comment="Done", status="done", completion_evidence=[theirs]),
        )


def test_bulk_reassign_needs_a_member_and_moves_the_permissions(
    org, qm, contributor, colleague, outsider
):
    actions = [ActionFactory(organisation=org, owner=contributor) for _ in range(2)]
    with tenant_scope(org):
        with pytest.raises(ValidationError):
            action_bulk_reassign(actions=actions, owner=outsider, by=qm)
        assert action_bulk_reassign(actions=actions, owner=colleague, by=qm) == 2
    for action in actions:
        action.refresh_from_db()
        assert action.owner == colleague
        assert colleague.has_perm(OWNER_PERMISSION, action)


def test_an_overdue_action_counts_its_days_and_a_done_one_never_does(org):
    today = timezone.localdate()
    late = ActionFactory(organisation=org, due_in=-3)
    done = ActionFactory(organisation=org, due_in=-3, status=ActionStatus.DONE)
    assert late.days_overdue(today) == 3 and late.is_overdue
    assert done.days_overdue(today) == 0 and not done.is_overdue
    assert ActionFactory(organisation=org, due_date=today).days_overdue(today) == 0
    assert ActionFactory(organisation=org, due_date=today - timedelta(days=1)).is_overdue
    assert Priority.HIGH == "high"
