"""Hand-offs of actions, questionnaires and packs: one message per batch of actions raised from
gaps or a visit, reassignments (one per bulk reassignment), an action marked done (to the
quality managers), a subcontractor's submitted questionnaire (to its reviewer) and a ready
evidence pack (to whoever asked); each once, however often the event or the task repeats."""

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from actionplans.gaps import actions_from_gaps, gap_suggestions
from actionplans.models import Action
from actionplans.services import (
    Progress,
    action_bulk_reassign,
    action_record_progress,
    action_update,
)
from reminders.handoffs import pack_ready
from reminders.models import Kind
from reporting.models import EvidencePack, PackStatus
from reporting.services import _holding, _pack_finish
from subcontractors.models import Rag, VisitType
from subcontractors.services import FindingChange, visit_create, visit_raise_actions
from tenancy.scope import tenant_scope
from tests.actionplans.factories import ActionFactory
from tests.assessments.helpers import answer_all, start
from tests.clock import days_from_today
from tests.reminders.handoff_helpers import emails_to, retry_every_delivery, told
from tests.subcontractors.helpers import make_subcontractor, submitted_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(org, django_capture_on_commit_callbacks):
    """Inside the organisation's scope, running what the service queues for after commit."""

    class Committed:
        def __enter__(self):
            self.capture = django_capture_on_commit_callbacks(execute=True)
            self.capture.__enter__()
            self.scope = tenant_scope(org)
            self.scope.__enter__()

        def __exit__(self, *exc):
            self.scope.__exit__(*exc)
            return self.capture.__exit__(*exc)

    return Committed()


def make_action(org, **fields) -> Action:
    made: Any = ActionFactory(organisation=org, **fields)
    return made


def _gaps_chosen(assessment, owner) -> list[dict]:
    return [
        {
            "response": s.response,
            "title": s.title,
            "owner": owner,
            "due_date": s.due_date,
            "priority": s.priority,
        }
        for s in gap_suggestions(assessment)
    ]


def test_actions_from_gaps_are_one_message_per_owner(org, subscribed, qm, contributor, committed):
    assessment = start(org, subscribed, qm)
    answer_all(assessment, qm, level=3, confidence="amber")  # three gaps
    with committed:
        chosen = _gaps_chosen(assessment, contributor)
        created = actions_from_gaps(assessment=assessment, chosen=chosen, by=qm)
    with committed:
        again = actions_from_gaps(assessment=assessment, chosen=chosen, by=qm)  # sent twice

    assert len(created) == 3 and again == []
    [notice] = told(contributor)
    assert notice.kind == Kind.ACTIONS_ASSIGNED and (notice.detail or {})["count"] == 3
    [email] = emails_to(contributor)
    assert "gave you 3 new actions from the gaps in" in email.body
    assert all(action.title in email.body for action in created)
    assert retry_every_delivery() == 0 and len(mail.outbox) == 1


def test_actions_from_a_visit_are_one_message(org, qm, contributor, committed):
    subcontractor = make_subcontractor(org, qm, name="Acorn Training Ltd")
    with committed:
        visit = visit_create(
            subcontractor=subcontractor,
            by=qm,
            visit_date=days_from_today(-7),
            visitor=contributor,
            visit_type=VisitType.SPOT_CHECK,
            overall_rag=Rag.RED,
            summary="Unannounced.",
            findings=[FindingChange(None, "Wi-Fi unfiltered."), FindingChange(None, "No log.")],
        )
        visit_raise_actions(
            visit=visit, by=qm, numbers=[1, 2], owner=contributor, due_date=days_from_today(30)
        )
    [notice] = told(contributor)
    assert (notice.detail or {})["count"] == 2
    [email] = emails_to(contributor)
    assert "from the findings of the visit to Acorn Training Ltd" in email.body


def test_reassigning_tells_the_new_owner_once_per_batch(org, qm, contributor, colleague, committed):
    actions = [make_action(org, owner=contributor) for _ in range(3)]
    with committed:
        action_bulk_reassign(actions=actions, owner=colleague, by=qm)
    with committed:
        action_bulk_reassign(actions=actions, owner=colleague, by=qm)  # nothing moves
    with committed:
        action_update(action=actions[0], by=qm, owner=contributor)
        action_update(action=actions[0], by=qm, title="Renamed")  # not a hand-off

    [batch] = told(colleague)
    assert batch.kind == Kind.ACTIONS_REASSIGNED and (batch.detail or {})["count"] == 3
    assert "Quinn Manager reassigned 3 actions to you." in emails_to(colleague)[0].body
    [back] = told(contributor)
    assert (back.detail or {})["count"] == 1 and len(emails_to(contributor)) == 1


def test_an_action_marked_done_tells_the_quality_managers_once(
    org, qm, member, contributor, committed
):
    action = make_action(org, owner=contributor, title="Filter the guest Wi-Fi")
    done = Progress(comment="Filtered from today.", status="done")
    with committed:
        action_record_progress(action=action, by=contributor, progress=done)
    with committed:
        action_record_progress(action=action, by=contributor, progress=done)  # still done

    for manager in (qm, member):
        [notice] = told(manager)
        assert notice.kind == Kind.ACTION_DONE and notice.action == action
        [email] = emails_to(manager)
        assert "marked “Filter the guest Wi-Fi” done" in email.body
    assert told(contributor) == []


def test_a_submitted_questionnaire_tells_its_reviewer(org, qm, contributor, committed):
    subcontractor = make_subcontractor(org, qm, owner=contributor, name="Acorn Training Ltd")
    with committed:
        review = submitted_review(subcontractor, qm)  # sent by the quality manager
    [notice] = told(qm, Kind.QUESTIONNAIRE_SUBMITTED)
    assert notice.review == review
    [email] = [m for m in emails_to(qm) if "questionnaire" in m.subject.lower()]
    assert "Acorn Training Ltd submitted its due diligence questionnaire (Pat Lead" in email.body
    assert told(contributor) == []


def test_a_ready_pack_tells_whoever_asked_once(org, subscribed, qm, leader, committed):
    assessment = start(org, subscribed, qm)
    stamp = timezone.now()
    pack = EvidencePack.unscoped.create(
        organisation=org,
        assessment=assessment,
        is_draft=True,
        requested_by=leader,
        status=PackStatus.RENDERING,
        render_claimed_at=stamp,
    )
    with committed:
        assert _pack_finish(pack, _holding(pack.pk, stamp))
    with committed:
        pack_ready(pack=pack)  # announced again

    [notice] = told(leader)
    assert notice.kind == Kind.PACK_READY and notice.pack == pack
    [email] = emails_to(leader)
    assert "draft evidence pack" in email.body and str(pack.code) in email.body
    leader.email_opt_outs = [Kind.PACK_READY]
    leader.save()
    assert retry_every_delivery() == 0
