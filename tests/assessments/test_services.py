import pytest
from django.core.exceptions import ValidationError

from assessments.models import Response, ReviewAction, Status
from assessments.services import (
    ResponseChange,
    SaveConflict,
    assessment_approve,
    assessment_return,
    assessment_snapshot,
    assessment_submit,
    response_save,
    snapshot_hash,
)
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.assessments.helpers import answer_all, start
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_starting_creates_one_response_per_benchmark(org, member, version):
    assessment = start(org, version, member)
    assert assessment.responses.count() == 3
    assert assessment.status == Status.DRAFT
    assert assessment.events.get().action == ReviewAction.STARTED


def test_a_stale_revision_is_refused_and_nothing_is_overwritten(org, member, version):
    assessment = start(org, version, member)
    response = assessment.responses.first()
    other = MembershipFactory(organisation=org, role=Role.QUALITY_MANAGER).user
    with tenant_scope(org):
        response_save(
            response=response,
            change=ResponseChange(level=1, confidence="green", strengths="Theirs"),
            expected_revision=0,
            by=other,
        )
        with pytest.raises(SaveConflict) as conflict:
            response_save(
                response=response,
                change=ResponseChange(level=3, confidence="red", strengths="Mine"),
                expected_revision=0,
                by=member,
            )
    assert conflict.value.current.strengths == "Theirs"
    assert conflict.value.current.updated_by == other
    response.refresh_from_db()
    assert (response.level, response.strengths, response.revision) == (1, "Theirs", 1)


def test_a_save_retried_after_its_reply_was_lost_is_accepted_and_changes_nothing(
    org, member, version
):
    """The browser never heard back, so it sends the same change with the old revision."""
    assessment = start(org, version, member)
    response = assessment.responses.first()
    change = ResponseChange(level=2, confidence="amber", strengths="Mine", improvements="More")
    with tenant_scope(org):
        first = response_save(response=response, change=change, expected_revision=0, by=member)
        retried = response_save(response=response, change=change, expected_revision=0, by=member)
        assert (retried.revision, retried.updated_at) == (1, first.updated_at)
        with pytest.raises(SaveConflict):  # a different change on the old revision still is one
            response_save(
                response=response,
                change=ResponseChange(level=2, confidence="amber", strengths="Mine, edited"),
                expected_revision=0,
                by=member,
            )
    response.refresh_from_db()
    assert (response.strengths, response.revision) == ("Mine", 1)


def test_keeping_my_version_saves_over_theirs(org, member, version):
    assessment = start(org, version, member)
    response = assessment.responses.first()
    with tenant_scope(org):
        response_save(
            response=response,
            change=ResponseChange(strengths="Theirs"),
            expected_revision=0,
            by=member,
        )
        response_save(
            response=response,
            change=ResponseChange(strengths="Mine"),
            expected_revision=None,
            by=member,
        )
    response.refresh_from_db()
    assert response.strengths == "Mine" and response.revision == 2


def test_not_applicable_needs_a_justification(org, member, version):
    response = start(org, version, member).responses.first()
    with tenant_scope(org), pytest.raises(ValidationError, match="does not apply"):
        response_save(
            response=response,
            change=ResponseChange(not_applicable=True),
            expected_revision=0,
            by=member,
        )


def test_a_level_outside_the_scale_is_refused(org, member, version):
    response = start(org, version, member).responses.first()
    with tenant_scope(org), pytest.raises(ValidationError, match="levels on the scale"):
        response_save(
            response=response, change=ResponseChange(level=7), expected_revision=0, by=member
        )


def test_submitting_needs_every_benchmark_answered(org, member, version):
    assessment = start(org, version, member)
    with tenant_scope(org), pytest.raises(ValidationError, match="3 benchmarks still need"):
        assessment_submit(assessment=assessment, by=member)


def test_the_workflow_submit_return_resubmit_approve(org, member, version):
    leader = MembershipFactory(organisation=org, role=Role.SENIOR_LEADER).user
    assessment = start(org, version, member)
    answer_all(assessment, member)
    with tenant_scope(org):
        assessment = assessment_submit(assessment=assessment, by=member)
        assert assessment.status == Status.SUBMITTED
        with pytest.raises(ValidationError, match="what needs to change"):
            assessment_return(assessment=assessment, by=leader, comment=" ")
        assessment = assessment_return(assessment=assessment, by=leader, comment="Add evidence.")
        assert assessment.status == Status.RETURNED and assessment.is_editable
        assessment = assessment_submit(assessment=assessment, by=member)
        assessment = assessment_approve(
            assessment=assessment, by=leader, comment="Well evidenced.", checks_acknowledged=True
        )
    assert assessment.status == Status.APPROVED
    assert assessment.approved_by == leader and assessment.approved_at
    actions = list(assessment.events.values_list("action", flat=True))
    assert actions == ["started", "submitted", "returned", "submitted", "approved"]


def test_approval_freezes_a_hashed_snapshot_and_makes_it_read_only(org, member, version):
    leader = MembershipFactory(organisation=org, role=Role.SENIOR_LEADER).user
    assessment = start(org, version, member)
    answer_all(assessment, member, level=1)
    with tenant_scope(org):
        assessment_submit(assessment=assessment, by=member)
        assessment = assessment_approve(
            assessment=assessment, by=leader, comment="Signed.", checks_acknowledged=True
        )
        snapshot = assessment.snapshot
        assert snapshot_hash(snapshot) == assessment.snapshot_sha256
        assert [r["benchmark"] for r in snapshot["responses"]] == ["C1.1", "C1.2", "C2.1"]
        assert snapshot["responses"][0]["level_label"] == "Embedded and evaluated"
        assert snapshot["approval"]["by"] == leader.display_name
        response = assessment.responses.first()
        with pytest.raises(ValidationError, match="approved and can no longer be changed"):
            response_save(
                response=response,
                change=ResponseChange(level=4),
                expected_revision=response.revision,
                by=member,
            )
        with pytest.raises(ValidationError):
            assessment_submit(assessment=assessment, by=member)
    # The snapshot does not follow later changes to the live rows.
    Response.unscoped.filter(assessment=assessment).update(strengths="Changed later")
    assessment.refresh_from_db()
    assert snapshot_hash(assessment.snapshot) == assessment.snapshot_sha256
    with tenant_scope(org):
        assert snapshot_hash(assessment_snapshot(assessment)) != assessment.snapshot_sha256


def test_only_a_submitted_assessment_can_be_approved(org, member, version):
    assessment = start(org, version, member)
    with tenant_scope(org), pytest.raises(ValidationError, match="submitted for review"):
        assessment_approve(assessment=assessment, by=member)


def test_next_cycle_copies_narratives_and_resets_levels(org, member, version):
    last_year = start(org, version, member, title="2025/26")
    answer_all(last_year, member, level=2, confidence="amber")
    this_year = start(org, version, member, title="2026/27", previous=last_year)
    response = this_year.responses.select_related("benchmark").get(benchmark__code="C1.1")
    assert response.level is None and response.confidence == ""
    assert response.carried_forward
    assert response.previous_level == 2 and response.previous_confidence == "amber"
    assert response.strengths.startswith("Training is effective")
    assert not response.is_answered


def test_a_previous_assessment_of_another_organisation_is_refused(
    org, other_org, member, outsider, version
):
    foreign = start(other_org, version, outsider)
    with pytest.raises(ValidationError, match="another organisation"):
        start(org, version, member, previous=foreign)
