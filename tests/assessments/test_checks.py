import pytest

from assessments.checks import judgement_checks
from assessments.services import ResponseChange, response_save
from tenancy.scope import tenant_scope
from tests.assessments.helpers import GOOD_STRENGTHS, start

pytestmark = pytest.mark.django_db


def kinds(assessment):
    with tenant_scope(assessment.organisation):
        return {(f.benchmark_code, f.kind) for f in judgement_checks(assessment)}


def save(response, **change):
    response.refresh_from_db()
    with tenant_scope(response.organisation):
        return response_save(
            response=response,
            change=ResponseChange(**change),
            expected_revision=response.revision,
            by=None,
        )


def test_unanswered_benchmarks_block(org, member, version):
    assessment = start(org, version, member)
    assert kinds(assessment) == {
        ("C1.1", "unanswered"),
        ("C1.2", "unanswered"),
        ("C2.1", "unanswered"),
    }


def test_a_level_without_evidence_is_flagged(org, member, version):
    assessment = start(org, version, member)
    response = assessment.responses.get(benchmark__code="C1.1")
    save(response, level=2, confidence="green", strengths=GOOD_STRENGTHS)
    assert ("C1.1", "no_evidence") in kinds(assessment)


def test_a_strong_level_on_red_or_amber_evidence_is_flagged(org, member, version):
    assessment = start(org, version, member)
    response = assessment.responses.get(benchmark__code="C1.1")
    save(response, level=1, confidence="red", strengths=GOOD_STRENGTHS)
    assert ("C1.1", "strong_level_weak_evidence") in kinds(assessment)
    save(response, level=3, confidence="red", strengths=GOOD_STRENGTHS)
    assert ("C1.1", "strong_level_weak_evidence") not in kinds(assessment)


def test_a_descriptive_narrative_is_flagged(org, member, version):
    assessment = start(org, version, member)
    response = assessment.responses.get(benchmark__code="C1.1")
    save(
        response,
        level=2,
        confidence="green",
        strengths="We have a policy and a Prevent lead and we do training every year.",
    )
    assert ("C1.1", "descriptive_narrative") in kinds(assessment)
    save(response, level=2, confidence="green", strengths=GOOD_STRENGTHS)
    assert ("C1.1", "descriptive_narrative") not in kinds(assessment)


def test_not_applicable_with_a_reason_is_answered(org, member, version):
    assessment = start(org, version, member)
    response = assessment.responses.get(benchmark__code="C2.1")
    save(response, not_applicable=True, na_justification="We host no external speakers.")
    assert not {k for k in kinds(assessment) if k[0] == "C2.1"}
