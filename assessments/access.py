"""One access helper per object, plus the object-level rule for answering."""

from uuid import UUID

from django.shortcuts import get_object_or_404

from assessments.models import Assessment, CriterionAssignment, Response
from tenancy.access import OrgAccess
from tenancy.models import Organisation
from tenancy.roles import Perm


def get_assessment(code: UUID, *, organisation: Organisation) -> Assessment:
    """The self-evaluation of `organisation` with this code, or 404."""
    assessment = get_object_or_404(
        Assessment.objects.for_organisation(organisation)
        .select_related("framework_version__framework", "lead")
        .defer("framework_version__source_text"),  # the library file: tens of KB, not needed
        code=code,
    )
    assessment.organisation = organisation  # already loaded by the access path: not joined
    return assessment


def get_response(assessment: Assessment, code: UUID) -> Response:
    return get_object_or_404(
        Response.objects.select_related("benchmark__criterion"), assessment=assessment, code=code
    )


def can_answer(access: OrgAccess, assessment: Assessment, criterion_id: int) -> bool:
    """Quality managers answer anything; contributors what is assigned to them (or they lead)."""
    if not assessment.is_editable:
        return False
    if access.can(Perm.MANAGE_COMPLIANCE_WORK):
        return True
    if not access.can(Perm.UPDATE_ASSIGNED_WORK) or access.membership is None:
        return False
    user_id = access.membership.user_id
    if assessment.lead_id == user_id:
        return True
    return CriterionAssignment.objects.filter(
        assessment=assessment, criterion_id=criterion_id, assignee_id=user_id
    ).exists()


def answerable_criteria(access: OrgAccess, assessment: Assessment) -> set[int] | None:
    """Criterion ids this person may answer; None means all of them."""
    if not assessment.is_editable:
        return set()
    if access.can(Perm.MANAGE_COMPLIANCE_WORK):
        return None
    if not access.can(Perm.UPDATE_ASSIGNED_WORK) or access.membership is None:
        return set()
    user_id = access.membership.user_id
    if assessment.lead_id == user_id:
        return None
    return set(
        CriterionAssignment.objects.filter(assessment=assessment, assignee_id=user_id).values_list(
            "criterion_id", flat=True
        )
    )
