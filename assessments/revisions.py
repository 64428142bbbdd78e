"""Reopening an approved self-evaluation as a new revision.

The approved row is never changed: its snapshot and hash stay as signed off and still verify.
Revision n+1 is a new self-evaluation that starts from the approved answers (levels, confidence,
narratives, evidence links, cited registers, self-judgements and assignments), in draft.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from assessments.models import (
    Assessment,
    CriterionAssignment,
    Response,
    ReviewAction,
    ReviewEvent,
    SelfJudgement,
    Status,
)

# What a response carries into the next revision, as approved.
RESPONSE_FIELDS = [
    "benchmark_id",
    "level",
    "confidence",
    "not_applicable",
    "na_justification",
    "strengths",
    "improvements",
    "registers_cited",
    "updated_by_id",
    "carried_forward",
    "previous_level",
    "previous_confidence",
    "previous_not_applicable",
    "previous_strengths",
    "previous_improvements",
    "previous_statement",
]


def later_revision(assessment: Assessment) -> Assessment | None:
    """The revision reopened from this one, if any (there is at most one)."""
    return (
        Assessment.objects.filter(reopened_from=assessment)
        .defer("snapshot", "framework_version__source_text")
        .first()
    )


def _require_reopenable(assessment: Assessment) -> None:
    if assessment.status != Status.APPROVED:
        raise ValidationError(gettext("Only an approved self-evaluation can be reopened."))
    newer = later_revision(assessment)
    if newer is not None:
        raise ValidationError(
            gettext("This self-evaluation was already reopened as revision %(revision)s.")
            % {"revision": newer.revision}
        )


def _copy_answers(approved: Assessment, revision: Assessment) -> None:
    old = list(approved.responses.prefetch_related("evidence").order_by("pk"))
    Response.objects.bulk_create(
        [
            Response(
                organisation_id=revision.organisation_id,
                assessment=revision,
                **{name: getattr(r, name) for name in RESPONSE_FIELDS},
            )
            for r in old
        ]
    )
    new_ids = dict(revision.responses.values_list("benchmark_id", "pk"))
    Response.evidence.through.objects.bulk_create(
        [
            Response.evidence.through(response_id=new_ids[r.benchmark_id], evidenceitem_id=e.pk)
            for r in old
            for e in r.evidence.all()
        ]
    )
    SelfJudgement.objects.bulk_create(
        [
            SelfJudgement(
                organisation_id=revision.organisation_id,
                assessment=revision,
                area=j.area,
                grade=j.grade,
                reasons=j.reasons,
                updated_by_id=j.updated_by_id,
            )
            for j in approved.self_judgements.all()
        ]
    )
    CriterionAssignment.objects.bulk_create(
        [
            CriterionAssignment(
                organisation_id=revision.organisation_id,
                assessment=revision,
                criterion_id=a.criterion_id,
                assignee_id=a.assignee_id,
            )
            for a in approved.assignments.all()
        ]
    )


@transaction.atomic
def assessment_reopen(*, assessment: Assessment, by, reason: str) -> Assessment:
    """Start revision n+1 of an approved self-evaluation, in draft, from its approved answers."""
    approved = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_reopenable(approved)
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is being reopened: the history keeps it."})
    revision = Assessment.objects.create(
        organisation=approved.organisation,
        title=approved.title,
        framework_version=approved.framework_version,
        lead=approved.lead,
        due_date=approved.due_date,
        previous=approved.previous,
        created_by=by,
        revision=approved.revision + 1,
        reopened_from=approved,
    )
    _copy_answers(approved, revision)
    for on, comment in (
        (revision, f"Reopened from revision {approved.revision}: {reason.strip()}"),
        (approved, f"Reopened as revision {revision.revision}: {reason.strip()}"),
    ):
        ReviewEvent.objects.create(
            organisation=approved.organisation,
            assessment=on,
            action=ReviewAction.REOPENED,
            by=by,
            comment=comment,
        )
    return revision
