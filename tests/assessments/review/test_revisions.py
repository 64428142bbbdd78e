"""Reopening an approved self-evaluation as revision n+1: the approved one, its snapshot and
hash stay untouched and still verify; the new revision starts from the approved answers; pages
and the evidence pack name the revision."""

import html

import pytest

from assessments.models import Assessment, ReviewAction, Status
from assessments.services import assessment_approve, snapshot_hash
from reporting.packs import render_pack_html
from tenancy.scope import tenant_scope
from tests.assessments.workflow.helpers import text, url
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(org, leader, submitted):
    with tenant_scope(org):
        return assessment_approve(
            assessment=submitted, by=leader, comment="Signed.", checks_acknowledged=True
        )


def answers(assessment) -> list[tuple]:
    with tenant_scope(assessment.organisation):
        return [
            (
                r.benchmark_id,
                r.level,
                r.confidence,
                r.strengths,
                r.improvements,
                sorted(e.pk for e in r.evidence.all()),
            )
            for r in assessment.responses.order_by("benchmark_id").prefetch_related("evidence")
        ]


def test_reopening_starts_revision_two_and_leaves_the_signed_off_one_verifiable(
    org, qm, approved, client_for
):
    snapshot, sha = approved.snapshot, approved.snapshot_sha256
    client = client_for(qm)
    page = text(client.get(url("detail", approved)))
    assert "Reopen as revision 2" in page
    form = text(client.get(url("reopen", approved)))
    assert "stays exactly as signed off" in form and sha in form

    reopened = client.post(url("reopen", approved), {"reason": "Add the new IT evidence."})

    assert reopened.status_code == 302
    with tenant_scope(org):
        revision = Assessment.objects.get(reopened_from=approved)
    assert reopened["Location"] == url("detail", revision)
    assert (revision.revision, revision.status, revision.title) == (2, Status.DRAFT, approved.title)
    assert answers(revision) == answers(approved)
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
    assert (approved.snapshot, approved.snapshot_sha256) == (snapshot, sha)
    assert snapshot_hash(approved.snapshot) == approved.snapshot_sha256
    assert approved.snapshot["assessment"]["revision"] == 1
    with tenant_scope(org):
        event = revision.events.get()
        assert approved.events.last().action == ReviewAction.REOPENED
    assert (event.action, event.by) == (ReviewAction.REOPENED, qm)
    assert event.comment == "Reopened from revision 1: Add the new IT evidence."
    body = text(client.get(reopened["Location"]))
    assert "Reopened as revision 2, starting from the approved answers." in body
    assert "revision 2" in body and "reopened from" in body
    for name in ("respond", "submit", "summary"):
        assert '<span class="revision">revision 2</span>' in text(client.get(url(name, revision)))
    old = text(client.get(url("detail", approved)))
    assert "Reopened as" in old and "Reopen as revision" not in old


def test_only_a_quality_manager_reopens_with_a_reason_and_only_once(
    org, qm, leader, approved, submitted, client_for
):
    assert client_for(leader).post(url("reopen", approved), {"reason": "x"}).status_code == 403
    client = client_for(qm)
    no_reason = client.post(url("reopen", approved), {"reason": " "})
    assert no_reason.status_code == 400
    assert "Say why it is being reopened" in field_error_html(no_reason, "reason")

    assert client.post(url("reopen", approved), {"reason": "Governors asked."}).status_code == 302
    again = client.post(url("reopen", approved), {"reason": "Again."})
    assert again.status_code == 400
    assert "already reopened as" in text(again)
    with tenant_scope(org):
        assert Assessment.objects.filter(reopened_from=approved).count() == 1


def test_a_draft_cannot_be_reopened(org, qm, assessment, client_for):
    refused = client_for(qm).post(url("reopen", assessment), {"reason": "Why not."})
    assert refused.status_code == 400
    assert "Only an approved self-evaluation can be reopened." in text(refused)
    with tenant_scope(org):
        assert not Assessment.objects.filter(reopened_from=assessment).exists()


def test_the_evidence_pack_names_the_revision_it_shows(org, qm, approved, client_for):
    client_for(qm).post(url("reopen", approved), {"reason": "New evidence."})
    with tenant_scope(org):
        revision = Assessment.objects.get(reopened_from=approved)
        first = html.unescape(render_pack_html(approved))
        second = html.unescape(render_pack_html(revision))
    assert "This pack shows revision 1." in first
    assert "This pack shows revision 2, reopened from revision 1 (signed off " in second
    assert approved.snapshot_sha256[:16] in second
    assert "revision 2" in second and "DRAFT" in second
