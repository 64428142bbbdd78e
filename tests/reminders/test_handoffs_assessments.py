"""Hand-offs of a self-evaluation: a criterion assigned (and unassigned), submitted to its
approvers, returned to the lead and assignees, approved to the lead. Each is one notification
per person and event, emailed once after commit, and bell-only for whoever turned it off."""

import pytest
from django.core import mail

from assessments.models import ReviewEvent
from assessments.services import (
    assessment_approve,
    assessment_return,
    assessment_submit,
    assignment_set,
)
from assessments.signals import review_step_recorded
from frameworks.models import Criterion
from reminders.models import Kind
from tenancy.scope import tenant_scope
from tests.assessments.helpers import answer_all, start
from tests.reminders.handoff_helpers import emails_to, retry_every_delivery, told

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(org, subscribed, qm):
    return start(org, subscribed, qm)


@pytest.fixture
def c1(subscribed):
    return Criterion.objects.get(version=subscribed, code="C1")


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run what a service queues for after its commit (the email task, in-process)."""

    def run(change, *args, **kwargs):
        organisation = kwargs["assessment"].organisation
        with django_capture_on_commit_callbacks(execute=True), tenant_scope(organisation):
            return change(*args, **kwargs)

    return run


def test_an_assigned_criterion_is_in_the_bell_and_emailed_once(
    assessment, c1, qm, contributor, committing
):
    committing(assignment_set, assessment=assessment, criterion=c1, assignee=contributor, by=qm)
    committing(assignment_set, assessment=assessment, criterion=c1, assignee=contributor, by=qm)

    [notice] = told(contributor)
    assert (notice.kind, notice.assessment, notice.criterion) == (
        Kind.CRITERION_ASSIGNED,
        assessment,
        c1,
    )
    assert notice.actor == qm and notice.email_sent_at is not None
    [email] = emails_to(contributor)
    assert "C1" in email.subject and "Quinn Manager assigned C1" in email.body
    assert "respond/?criterion=C1" in email.body
    assert retry_every_delivery() == 0  # the task redelivered: nothing is sent twice
    assert len(mail.outbox) == 1
    assert told(qm) == []  # whoever did it is not told


def test_giving_a_criterion_to_someone_else_tells_both(
    assessment, c1, qm, contributor, colleague, committing
):
    committing(assignment_set, assessment=assessment, criterion=c1, assignee=contributor, by=qm)
    committing(assignment_set, assessment=assessment, criterion=c1, assignee=colleague, by=qm)
    committing(assignment_set, assessment=assessment, criterion=c1, assignee=None, by=qm)
    committing(assignment_set, assessment=assessment, criterion=c1, assignee=contributor, by=qm)

    assert [n.kind for n in told(contributor)] == [
        Kind.CRITERION_ASSIGNED,
        Kind.CRITERION_UNASSIGNED,
        Kind.CRITERION_ASSIGNED,  # assigned again later: a new hand-off
    ]
    assert [n.kind for n in told(colleague)] == [Kind.CRITERION_ASSIGNED, Kind.CRITERION_UNASSIGNED]
    assert len(emails_to(contributor)) == 3 and len(emails_to(colleague)) == 2
    assert "unassigned you from C1" in emails_to(colleague)[1].body


def test_a_person_who_turned_the_kind_off_sees_it_in_the_bell_only(
    assessment, c1, qm, contributor, committing
):
    contributor.email_opt_outs = [Kind.CRITERION_ASSIGNED]
    contributor.save()
    committing(assignment_set, assessment=assessment, criterion=c1, assignee=contributor, by=qm)

    [notice] = told(contributor)
    assert notice.email_skipped and notice.email_sent_at is None
    assert emails_to(contributor) == []


def test_submitting_tells_the_approvers_returning_the_lead_and_assignees(
    assessment, c1, qm, leader, contributor, viewer, committing
):
    committing(assignment_set, assessment=assessment, criterion=c1, assignee=contributor, by=qm)
    answer_all(assessment, qm)
    committing(assessment_submit, assessment=assessment, by=qm, comment="Ready for you, Lee.")
    [submitted] = told(leader)
    assert submitted.kind == Kind.ASSESSMENT_SUBMITTED
    assert "Ready for you, Lee." in emails_to(leader)[0].body
    assert told(viewer) == [] and told(qm) == []

    committing(assessment_return, assessment=assessment, by=leader, comment="Add the C1 evidence.")
    [returned] = told(qm)
    assert returned.kind == Kind.ASSESSMENT_RETURNED
    assert told(contributor, Kind.ASSESSMENT_RETURNED)
    for person in (qm, contributor):
        assert "Add the C1 evidence." in emails_to(person)[-1].body
    assert told(leader, Kind.ASSESSMENT_RETURNED) == []


def test_approval_tells_the_lead_with_the_snapshot_reference(assessment, qm, leader, committing):
    answer_all(assessment, qm)
    committing(assessment_submit, assessment=assessment, by=qm)
    approved = committing(
        assessment_approve,
        assessment=assessment,
        by=leader,
        comment="Signed.",
        checks_acknowledged=True,
    )

    [notice] = told(qm)
    assert notice.kind == Kind.ASSESSMENT_APPROVED
    assert (notice.detail or {})["snapshot_sha256"] == approved.snapshot_sha256
    [email] = emails_to(qm)
    html = email.alternatives[0][0]
    assert approved.snapshot_sha256 in email.body and approved.snapshot_sha256 in html
    assert "Lee Leader approved and signed off" in email.subject + email.body


def test_the_same_review_step_announced_twice_is_told_once(assessment, qm, leader, committing):
    answer_all(assessment, qm)
    committing(assessment_submit, assessment=assessment, by=qm)
    event = ReviewEvent.unscoped.filter(assessment=assessment).latest("pk")
    with tenant_scope(assessment.organisation):
        review_step_recorded.send(sender=ReviewEvent, event=event)  # a repeated signal

    assert len(told(leader)) == 1
    assert len(emails_to(leader)) == 1
