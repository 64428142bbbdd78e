"""Changes to self-evaluations: starting, answering, assigning and the review workflow."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from assessments.briefing import areas_of, grade_choices
from assessments.carry_forward import (
    carry_evidence_forward,
    first_response,
    responses_by_stable_key,
)
from assessments.checks import blocking_problems, judgement_checks
from assessments.comments import benchmark_comments_add
from assessments.models import (
    Assessment,
    CriterionAssignment,
    Response,
    ReviewAction,
    ReviewEvent,
    SelfJudgement,
    Status,
)
from assessments.signals import criterion_assignment_changed, review_step_recorded
from assessments.snapshot import assessment_snapshot, snapshot_hash
from evidence.services import evidence_create
from frameworks.models import Criterion, FrameworkVersion
from frameworks.register_signals import registers_for
from tenancy.access import account_manager_can_look_after
from tenancy.models import Membership, Organisation
from tenancy.services import require_assignable

NOT_EDITABLE = "This self-evaluation is {status} and can no longer be changed."


def _require_editable(assessment: Assessment) -> None:
    if not assessment.is_editable:
        raise ValidationError(NOT_EDITABLE.format(status=assessment.get_status_display().lower()))


@transaction.atomic
def assessment_start(
    *,
    organisation: Organisation,
    title: str,
    framework_version: FrameworkVersion,
    lead,
    due_date: date | None,
    by,
    previous: Assessment | None = None,
) -> Assessment:
    """Create a self-evaluation with one empty response per benchmark.

    Started from `previous` (last cycle's), narratives and evidence links are copied, every level
    is reset to "to review", and last cycle's judgement is kept beside each response.
    """
    if previous is not None and previous.organisation_id != organisation.pk:
        raise ValidationError(
            gettext("The previous self-evaluation belongs to another organisation.")
        )
    require_assignable(organisation=organisation, user=lead, field="lead")
    assessment = Assessment.objects.create(
        organisation=organisation,
        title=title,
        framework_version=framework_version,
        lead=lead,
        due_date=due_date,
        previous=previous,
        created_by=by,
    )
    benchmarks = list(framework_version.benchmarks.all())
    earlier = responses_by_stable_key(previous)
    Response.objects.bulk_create(
        [first_response(assessment, benchmark, earlier) for benchmark in benchmarks]
    )
    if earlier:
        carry_evidence_forward(assessment, benchmarks, earlier)
    ReviewEvent.objects.create(
        organisation=organisation,
        assessment=assessment,
        action=ReviewAction.STARTED,
        by=by,
        comment=f"Started from {previous.title}." if previous else "",
    )
    return assessment


class SaveConflict(Exception):
    """Someone else saved the response since this editor loaded it."""

    def __init__(self, current: Response) -> None:
        self.current = current
        super().__init__("The response was changed by someone else.")


@dataclass
class ResponseChange:
    level: int | None = None
    confidence: str = ""
    not_applicable: bool = False
    na_justification: str = ""
    strengths: str = ""
    improvements: str = ""
    evidence: list[Any] = field(default_factory=list)
    registers_cited: list[str] = field(default_factory=list)


def _as_stored(change: ResponseChange) -> dict[str, Any]:
    """The response's fields as `change` leaves them (not applicable clears the rating)."""
    na = change.not_applicable
    return {
        "level": None if na else change.level,
        "confidence": "" if na else change.confidence,
        "not_applicable": na,
        "na_justification": change.na_justification.strip() if na else "",
        "strengths": change.strengths,
        "improvements": change.improvements,
        "registers_cited": list(dict.fromkeys(change.registers_cited)),
    }


def _already_saved(current: Response, change: ResponseChange) -> bool:
    fields = _as_stored(change)
    if any(getattr(current, name) != value for name, value in fields.items()):
        return False
    linked = set(current.evidence.values_list("pk", flat=True))
    return linked == {item.pk for item in change.evidence}


@transaction.atomic
def response_save(
    *, response: Response, change: ResponseChange, expected_revision: int | None, by
) -> Response:
    """Save one response unless someone else saved it first (then raise SaveConflict).

    `expected_revision=None` saves over whatever is there: the user chose to keep their version
    after seeing both. A stale revision whose change is already stored is no conflict: that is
    a save retried after its reply was lost (or two people typing the same), and it changes
    nothing.
    """
    current = (
        Response.objects.select_for_update(of=("self",))
        .select_related("assessment", "updated_by", "benchmark")
        .get(pk=response.pk)
    )
    _require_editable(current.assessment)
    if expected_revision is not None and current.revision != expected_revision:
        if _already_saved(current, change):
            return current
        raise SaveConflict(current)
    version = current.assessment.framework_version
    if change.level is not None and version.level(change.level) is None:
        raise ValidationError({"level": "Choose one of the levels on the scale."})
    if change.confidence and version.confidence(change.confidence) is None:
        raise ValidationError({"confidence": "Choose red, amber or green."})
    if change.not_applicable:
        if not version.allows_not_applicable:
            raise ValidationError({"not_applicable": "This framework has no 'not applicable'."})
        if not change.na_justification.strip():
            raise ValidationError(
                {"na_justification": "Say why this benchmark does not apply to you."}
            )
    for item in change.evidence:
        if item.organisation_id != current.organisation_id:
            raise ValidationError({"evidence": "Choose evidence from your own library."})
    citable = {r.key for r in registers_for(current.benchmark.signals)}
    if set(change.registers_cited) - citable:
        raise ValidationError({"registers_cited": "That register does not inform this benchmark."})

    for name, value in _as_stored(change).items():
        setattr(current, name, value)
    current.revision += 1
    current.updated_by = by
    current.save()
    current.evidence.set(change.evidence)
    return current


@transaction.atomic
def response_add_evidence(*, response: Response, by, **evidence: Any) -> tuple[Any, Response]:
    """Add a new file or link to the library (`evidence.services.evidence_create`, its checks)
    and link it to `response` in one step; the revision moves on like any save."""
    current = Response.objects.select_for_update(of=("self",)).get(pk=response.pk)
    _require_editable(response.assessment)
    item = evidence_create(organisation=current.organisation, by=by, **evidence)
    current.revision += 1
    current.updated_by = by
    current.save()
    current.evidence.add(item)
    return item, current


@transaction.atomic
def assignment_set(*, assessment: Assessment, criterion: Criterion, assignee, by=None) -> None:
    """Assign a criterion (None: to nobody). A change of person is announced to both people."""
    _require_editable(assessment)
    if criterion.version_id != assessment.framework_version_id:
        raise ValidationError(gettext("That criterion is not part of this self-evaluation."))
    if assignee is not None:
        require_assignable(organisation=assessment.organisation, user=assignee, field=None)
    rows = CriterionAssignment.objects.filter(assessment=assessment, criterion=criterion)
    current = rows.select_for_update(of=("self",)).select_related("assignee").first()
    previous = current.assignee if current else None
    if previous == assignee:
        return  # nothing changes hands (the same choice sent again)
    assignment = None
    if assignee is None:
        rows.delete()
    else:
        assignment, _ = CriterionAssignment.objects.update_or_create(
            organisation=assessment.organisation,
            assessment=assessment,
            criterion=criterion,
            defaults={"assignee": assignee},
        )
    criterion_assignment_changed.send(
        sender=CriterionAssignment,
        assessment=assessment,
        criterion=criterion,
        assignment=assignment or current,
        previous=previous,
        assignee=assignee,
        by=by,
    )


@transaction.atomic
def assessment_submit(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_editable(assessment)
    problems = blocking_problems(assessment)
    if problems:
        raise ValidationError(problems)
    assessment.status = Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = by
    assessment.save()
    event = ReviewEvent.objects.create(
        organisation=assessment.organisation,
        assessment=assessment,
        action=ReviewAction.SUBMITTED,
        by=by,
        comment=comment,
    )
    review_step_recorded.send(sender=ReviewEvent, event=event)
    return assessment


def _require_submitted(assessment: Assessment) -> None:
    if assessment.status != Status.SUBMITTED:
        raise ValidationError(
            gettext("Only a self-evaluation submitted for review can be reviewed.")
        )


RETURN_NEEDS_COMMENT = "Say what needs to change: a return needs a comment (an approval does not)."


@transaction.atomic
def assessment_return(
    *,
    assessment: Assessment,
    by,
    comment: str,
    benchmark_comments: Sequence[tuple[Response, str]] = (),
) -> Assessment:
    """Send it back to the quality manager, with a comment and any comments on single
    benchmarks (shown on each benchmark's card until the quality manager resolves them)."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_submitted(assessment)
    if not comment.strip():
        raise ValidationError({"comment": RETURN_NEEDS_COMMENT})
    assessment.status = Status.RETURNED
    assessment.save()
    event = ReviewEvent.objects.create(
        organisation=assessment.organisation,
        assessment=assessment,
        action=ReviewAction.RETURNED,
        by=by,
        comment=comment.strip(),
    )
    benchmark_comments_add(event=event, comments=benchmark_comments, by=by)
    review_step_recorded.send(sender=ReviewEvent, event=event)
    return assessment


@transaction.atomic
def self_judgement_save(
    *, assessment: Assessment, area_key: str, grade: str, reasons: str, by
) -> SelfJudgement:
    _require_editable(assessment)
    area = next((a for a in areas_of(assessment.framework_version) if a["key"] == area_key), None)
    if area is None:
        raise ValidationError(gettext("That report-card area is not part of this framework."))
    if grade and grade not in dict(grade_choices(area)):
        raise ValidationError({"grade": "Choose one of the grades on the scale."})
    if grade and not reasons.strip():
        raise ValidationError({"reasons": "Say why: inspectors will ask what it rests on."})
    judgement, _ = SelfJudgement.objects.update_or_create(
        organisation=assessment.organisation,
        assessment=assessment,
        area=area_key,
        defaults={"grade": grade, "reasons": reasons.strip(), "updated_by": by},
    )
    return judgement


def _require_independent_approver(assessment: Assessment, by) -> None:
    """Sign-off is the provider's own: by a member, never by its account manager."""
    organisation = assessment.organisation
    if account_manager_can_look_after(by, organisation):
        raise ValidationError(
            gettext(
                "The provider's account manager cannot approve its self-evaluation; a senior "
                "leader of the provider must."
            )
        )
    if not Membership.objects.for_organisation(organisation).filter(user=by).exists():
        raise ValidationError(
            gettext("Only a member of the provider can approve its self-evaluation.")
        )


CHECKS_NOT_ACKNOWLEDGED = "Read the judgement checks above and tick “I have read these checks”."


@transaction.atomic
def assessment_approve(
    *, assessment: Assessment, by, comment: str = "", checks_acknowledged: bool = False
) -> Assessment:
    """Sign off: record who and when, and freeze a hashed snapshot that later exports cite.

    While judgement checks remain, the approver must say they have read them
    (`checks_acknowledged`); how many they were shown is kept on the approval's event.
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_submitted(assessment)
    _require_independent_approver(assessment, by)
    checks = [f for f in judgement_checks(assessment) if not f.blocking]
    if checks and not checks_acknowledged:
        raise ValidationError({"acknowledge": CHECKS_NOT_ACKNOWLEDGED})
    now = timezone.now()
    snapshot = assessment_snapshot(assessment)
    snapshot["approval"] = {
        "by": by.display_name,
        "email": by.email,
        "at": now.isoformat(),
        "comment": comment.strip(),
        "checks_acknowledged": len(checks),
    }
    assessment.status = Status.APPROVED
    assessment.approved_at = now
    assessment.approved_by = by
    assessment.approval_comment = comment.strip()
    assessment.snapshot = snapshot
    assessment.snapshot_sha256 = snapshot_hash(snapshot)
    assessment.save()
    event = ReviewEvent.objects.create(
        organisation=assessment.organisation,
        assessment=assessment,
        action=ReviewAction.APPROVED,
        by=by,
        comment=comment.strip(),
        checks_acknowledged=len(checks),
    )
    review_step_recorded.send(sender=ReviewEvent, event=event)
    return assessment
