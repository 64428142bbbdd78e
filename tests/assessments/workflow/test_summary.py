"""The summary page of a self-evaluation."""

import re

import pytest

from assessments.services import assessment_approve
from tenancy.scope import tenant_scope
from tests.assessments.helpers import GOOD_STRENGTHS
from tests.assessments.workflow.helpers import save, text, url

pytestmark = pytest.mark.django_db


def test_the_summary_shows_levels_the_profile_and_the_gaps(org, qm, leader, assessment, client_for):
    save(assessment, "C1.1", qm, level=1, confidence="green", strengths=GOOD_STRENGTHS)
    save(
        assessment,
        "C1.2",
        qm,
        level=3,
        confidence="green",
        improvements="Put a review date on every policy.",
    )
    save(assessment, "C2.1", qm, level=2, confidence="amber")

    page = client_for(leader).get(url("summary", assessment))

    assert page.status_code == 200
    body = text(page)
    assert 'title="C1.1: 1 Embedded and evaluated' in body
    assert 'title="C1.2: 3 Developing or inconsistent' in body
    assert 'title="C2.1: 2 Established' in body
    for label in ("1 Embedded and evaluated", "2 Established", "3 Developing or inconsistent"):
        assert f"{label}: <strong>1</strong> (33%)" in body
    assert "4 Not in place: <strong>0</strong> (0%)" in body
    assert "Not applicable: <strong>0</strong>" in body
    assert "Not rated yet: <strong>0</strong>" in body

    gaps = body.split('id="gaps-heading"')[1]
    assert re.search(r'Gaps <span class="tag tag-warning">2</span>', gaps)
    rows = re.findall(r'<th scope="row">(C\d\.\d) ', gaps)
    assert rows == ["C1.2", "C2.1"]
    assert "Put a review date on every policy." in gaps
    assert "Evidence incomplete" in gaps


def test_the_summary_of_an_unanswered_assessment(org, qm, assessment, client_for):
    body = text(client_for(qm).get(url("summary", assessment)))
    assert 'title="C1.1: Not rated"' in body
    assert "Not rated yet: <strong>3</strong> (100%)" in body
    assert 'Gaps <span class="tag tag-success">0</span>' in body
    assert "No benchmark is at a gap level" in body


def test_a_signed_off_assessment_shows_read_only_detail_to_everyone(
    org, qm, leader, readonly_member, submitted, client_for
):
    with tenant_scope(org):
        approved = assessment_approve(assessment=submitted, by=leader, checks_acknowledged=True)
    body = text(client_for(readonly_member).get(url("detail", approved)))
    assert "Signed off" in body
    assert approved.snapshot_sha256 in body
    assert "Read the responses" in body
    qm_body = text(client_for(qm).get(url("detail", approved)))
    assert "Check and submit" not in qm_body
    assert 'action="' + url("assign", approved) not in qm_body
