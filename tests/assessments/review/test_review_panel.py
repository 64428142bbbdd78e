"""The senior leader's review panel: the judgement checks, counted and linked, with an explicit
acknowledgement before approving while there are any; comments on single benchmarks sent with a
return, shown on the benchmark's card and resolved there by the quality manager."""

import re

import pytest
from django.urls import reverse

from assessments.models import BenchmarkComment, ReviewAction, Status
from tenancy.scope import tenant_scope
from tests.assessments.helpers import answer_all
from tests.assessments.workflow.helpers import text, url
from tests.evidence.factories import EvidenceItemFactory
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


def codes(assessment) -> dict[str, str]:
    with tenant_scope(assessment.organisation):
        responses = assessment.responses.select_related("benchmark")
        return {r.benchmark.code: str(r.code) for r in responses}


def test_the_review_panel_counts_the_checks_and_links_each_benchmark(
    org, leader, submitted, client_for
):
    """`submitted` is answered without evidence: every benchmark has a check."""
    body = text(client_for(leader).get(url("detail", submitted)))

    assert re.search(r'Judgement checks <span class="tag tag-warning">3</span>', body)
    assert "<strong>3 of 3</strong> benchmarks have no evidence linked" in body
    respond = url("respond", submitted)
    for code, response_code in codes(submitted).items():
        criterion = code.split(".")[0]
        assert f'href="{respond}?criterion={criterion}#response-{response_code}"' in body
        assert f"{code} is rated established but has no evidence linked." in body
    assert "I have read these checks" in body
    assert 'Comment <span class="muted">(required when you return it)</span>' in body


def test_approving_while_there_are_checks_needs_the_acknowledgement(
    org, leader, submitted, client_for
):
    client = client_for(leader)

    refused = client.post(url("review", submitted), {"decision": "approve"})

    assert refused.status_code == 400
    assert "tick “I have read these checks”" in field_error_html(refused, "acknowledge")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED

    approved = client.post(url("review", submitted), {"decision": "approve", "acknowledge": "on"})

    assert approved.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    assert submitted.snapshot["approval"]["checks_acknowledged"] == 3
    with tenant_scope(org):
        assert submitted.events.get(action=ReviewAction.APPROVED).checks_acknowledged == 3


def test_without_checks_approval_needs_no_acknowledgement(org, qm, leader, assessment, client_for):
    answer_all(assessment, qm, evidence=[EvidenceItemFactory(organisation=org)])
    client_for(qm).post(url("submit", assessment), {"comment": ""})
    client = client_for(leader)
    body = text(client.get(url("detail", assessment)))
    assert 'Judgement checks <span class="tag tag-success">None</span>' in body
    assert "I have read these checks" not in body

    assert client.post(url("review", assessment), {"decision": "approve"}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Status.APPROVED


def test_a_return_sends_comments_on_single_benchmarks_to_their_cards(
    org, qm, leader, submitted, client_for
):
    c11 = codes(submitted)["C1.1"]

    returned = client_for(leader).post(
        url("review", submitted),
        {
            "decision": "return",
            "comment": "Nearly: see C1.1.",
            "benchmark_1": c11,
            "benchmark_comment_1": "Say how governors check the policy is followed.",
            "benchmark_2": "",
            "benchmark_comment_2": "",
        },
    )

    assert returned.status_code == 302
    with tenant_scope(org):
        comment = BenchmarkComment.objects.select_related("event", "response").get()
    assert comment.response.code.hex == c11.replace("-", "")
    assert (comment.by, comment.event.action) == (leader, ReviewAction.RETURNED)
    assert comment.comment == "Say how governors check the policy is followed."
    assert not comment.is_resolved
    detail = text(client_for(qm).get(url("detail", submitted)))
    assert "On single benchmarks" in detail
    assert "“Say how governors check the policy is followed.”" in detail
    card = text(client_for(qm).get(url("respond", submitted) + "?criterion=C1"))
    assert "Review comments" in card
    assert "Lee Leader</strong>" in card and "“Say how governors check the policy" in card
    assert "Mark resolved" in card


def test_the_quality_manager_resolves_a_comment_on_the_card(org, qm, leader, submitted, client_for):
    c11 = codes(submitted)["C1.1"]
    client_for(leader).post(
        url("review", submitted),
        {
            "decision": "return",
            "comment": "See C1.1.",
            "benchmark_1": c11,
            "benchmark_comment_1": "Link the governors' minutes.",
        },
    )
    with tenant_scope(org):
        comment = BenchmarkComment.objects.get()
    resolve = reverse(
        "assessments:comment_resolve", kwargs={"org_slug": org.slug, "comment_code": comment.code}
    )
    assert client_for(leader).post(resolve).status_code == 403
    client = client_for(qm)

    resolved = client.post(resolve)

    assert resolved.status_code == 302
    assert resolved["Location"] == f"{url('respond', submitted)}?criterion=C1#response-{c11}"
    comment.refresh_from_db()
    assert comment.resolved_by == qm and comment.resolved_at
    card = text(client.get(resolved["Location"]))
    assert "The comment on C1.1 is resolved." in card
    assert re.search(r"Resolved</span> by Quinn Manager", card)
    assert "Mark resolved" not in card
    first_resolved_at = comment.resolved_at
    assert client.post(resolve).status_code == 302  # twice changes nothing
    comment.refresh_from_db()
    assert comment.resolved_at == first_resolved_at
    with tenant_scope(org):
        assert comment.history.count() == 2  # created, resolved


def test_a_benchmark_comment_needs_its_benchmark_and_goes_with_a_return(
    org, leader, submitted, client_for
):
    client = client_for(leader)
    no_benchmark = client.post(
        url("review", submitted),
        {"decision": "return", "comment": "See below.", "benchmark_comment_1": "Which one?"},
    )
    assert no_benchmark.status_code == 400
    assert "Choose the benchmark this comment is on." in field_error_html(
        no_benchmark, "benchmark_1"
    )
    assert "Which one?" in text(no_benchmark)  # what was typed is kept

    with_approval = client.post(
        url("review", submitted),
        {
            "decision": "approve",
            "acknowledge": "on",
            "benchmark_1": codes(submitted)["C2.1"],
            "benchmark_comment_1": "Fine.",
        },
    )
    assert with_approval.status_code == 400
    assert "Comments on single benchmarks go back with a return." in text(with_approval)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    with tenant_scope(org):
        assert not BenchmarkComment.objects.exists()
