"""Checking and submitting a self-evaluation, and the senior leader's review (approve, or return
with a comment)."""

import re

import pytest

from assessments.models import ReviewAction, Status
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.assessments.helpers import GOOD_STRENGTHS, answer_all
from tests.assessments.workflow.helpers import member_of, save, text, url
from tests.evidence.factories import EvidenceItemFactory
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


def test_the_submit_page_lists_judgement_checks_and_blocks_while_unanswered(
    org, qm, assessment, client_for
):
    save(assessment, "C1.1", qm, level=1, confidence="red", strengths=GOOD_STRENGTHS)
    client = client_for(qm)

    page = client.get(url("submit", assessment))

    assert page.status_code == 200
    body = text(page)
    assert "C1.1 is rated embedded and evaluated but has no evidence linked." in body
    assert (
        "C1.1 is rated embedded and evaluated while evidence confidence is gaps found (red)."
        in body
    )
    assert "Not ready to submit" in body
    assert "C1.2 has no level and evidence confidence yet." in body
    assert "C2.1 has no level and evidence confidence yet." in body
    assert "Submit for review" not in body

    attempted = client.post(url("submit", assessment), {"comment": "Please look."})

    assert attempted.status_code == 200
    assert "2 benchmarks still need a judgement: C1.2, C2.1." in text(attempted)
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT
    with tenant_scope(org):
        assert not assessment.events.filter(action=ReviewAction.SUBMITTED).exists()


def test_a_finding_links_to_its_benchmark(org, qm, assessment, client_for):
    save(assessment, "C2.1", qm, level=2, confidence="green", strengths=GOOD_STRENGTHS)
    with tenant_scope(org):
        code = assessment.responses.get(benchmark__code="C2.1").code
    body = text(client_for(qm).get(url("submit", assessment)))
    assert f'href="{url("respond", assessment)}?criterion=C2#response-{code}"' in body


def test_the_quality_manager_submits_when_everything_is_answered(org, qm, assessment, client_for):
    answer_all(assessment, qm, evidence=[EvidenceItemFactory(organisation=org)])
    client = client_for(qm)
    page = text(client.get(url("submit", assessment)))
    assert "Submit for review" in page
    assert "Not ready to submit" not in page

    submitted = client.post(url("submit", assessment), {"comment": "Ready for governors."})

    assert submitted.status_code == 302
    assert submitted["Location"] == url("detail", assessment)
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert assessment.submitted_by == qm and assessment.submitted_at
    with tenant_scope(org):
        event = assessment.events.get(action=ReviewAction.SUBMITTED)
    assert (event.by, event.comment) == (qm, "Ready for governors.")
    detail = text(client.get(submitted["Location"]))
    assert "Submitted for review. Senior leaders can now approve it." in detail
    assert "Waiting for review" in detail
    assert "Record decision" not in detail  # the quality manager does not review


def test_a_senior_leader_may_not_submit(org, qm, leader, assessment, client_for):
    answer_all(assessment, qm)
    client = client_for(leader)
    assert client.get(url("submit", assessment)).status_code == 403
    assert client.post(url("submit", assessment)).status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


def test_a_senior_leader_approves_and_the_snapshot_hash_is_shown(
    org, leader, submitted, client_for
):
    client = client_for(leader)
    detail = text(client.get(url("detail", submitted)))
    assert "Approve and sign off" in detail and "Record decision" in detail

    approved = client.post(
        url("review", submitted),
        {"decision": "approve", "comment": "A fair picture.", "acknowledge": "on"},
    )

    assert approved.status_code == 302
    assert approved["Location"] == url("detail", submitted)
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    assert submitted.approved_by == leader and submitted.approved_at
    assert len(submitted.snapshot_sha256) == 64
    with tenant_scope(org):
        assert submitted.events.last().action == ReviewAction.APPROVED
    body = text(client.get(approved["Location"]))
    assert "Approved and signed off. The self-evaluation is now read-only." in body
    assert "Signed off" in body
    assert "Approved by Lee Leader" in body
    assert "“A fair picture.”" in body
    assert f'<code class="hash">{submitted.snapshot_sha256}</code>' in body


def test_returning_needs_a_comment_next_to_the_field(org, leader, submitted, client_for):
    refused = client_for(leader).post(url("review", submitted), {"decision": "return"})

    assert refused.status_code == 400
    assert (
        "Say what needs to change: a return needs a comment (an approval does not)."
        in field_error_html(refused, "comment")
    )
    assert re.search(
        r'<input type="radio" name="decision" value="return"[^>]*checked', text(refused)
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_a_decision_is_required(org, leader, submitted, client_for):
    refused = client_for(leader).post(url("review", submitted), {"comment": "Hmm."})
    assert refused.status_code == 400
    assert "This field is required." in text(refused)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_returning_with_a_comment_shows_it_on_the_detail_page(
    org, qm, leader, submitted, client_for
):
    returned = client_for(leader).post(
        url("review", submitted),
        {"decision": "return", "comment": "Link the Channel referral log to C2.1."},
    )

    assert returned.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    with tenant_scope(org):
        event = submitted.events.last()
    assert (event.action, event.by, event.comment) == (
        ReviewAction.RETURNED,
        leader,
        "Link the Channel referral log to C2.1.",
    )
    body = text(client_for(qm).get(url("detail", submitted)))
    assert "Returned with comments" in body
    assert "Lee Leader: “Link the Channel referral log to C2.1.”" in body
    assert "Check and resubmit" in body
    # Returned means editable again.
    with tenant_scope(org):
        code = submitted.responses.get(benchmark__code="C1.1").code
    assert f'id="response-{code}"' in text(client_for(qm).get(url("respond", submitted)))
    assert 'class="response-form"' in text(client_for(qm).get(url("respond", submitted)))


def test_a_quality_manager_may_not_review(org, qm, submitted, client_for):
    refused = client_for(qm).post(url("review", submitted), {"decision": "approve"})
    assert refused.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_a_draft_cannot_be_approved_and_the_page_says_why(org, leader, assessment, client_for):
    refused = client_for(leader).post(url("review", assessment), {"decision": "approve"})
    assert refused.status_code == 400
    assert "Only a self-evaluation submitted for review can be reviewed." in text(refused)
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


def test_a_second_leader_deciding_on_a_stale_page_is_told_it_was_already_decided(
    org, leader, submitted, client_for
):
    other_leader = member_of(org, Role.SENIOR_LEADER, "Robin Reviewer")
    first, second = client_for(leader), client_for(other_leader)
    for client in (first, second):
        assert "Record decision" in text(client.get(url("detail", submitted)))
    approve = {"decision": "approve", "acknowledge": "on"}
    assert first.post(url("review", submitted), approve).status_code == 302

    late = second.post(url("review", submitted), {"decision": "return", "comment": "Redo C1."})

    assert late.status_code == 400
    body = text(late)
    assert "Only a self-evaluation submitted for review can be reviewed." in body
    assert "Signed off" in body
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    with tenant_scope(org):
        assert not submitted.events.filter(action=ReviewAction.RETURNED).exists()
