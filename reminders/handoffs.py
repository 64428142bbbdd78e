"""Hand-offs, announced as work changes hands: one `Notification` per person and event, its
email sent after the transaction commits through the reminders' delivery (claim lease).

The domain apps send signals (`assessments.signals`, `actionplans.signals`,
`subcontractors.signals`) and import nothing from here; `reminders.apps` connects these
receivers. Each dedupe key names the kind, the object and the event's revision (a review event's
id, a row's `updated_at`, a submission's time) and the recipient, so the same event sent twice,
or a task retried, never makes a second notification or email; a new hand-off of the same
object (assigned again after being unassigned) is a new event and is told.
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from assessments.models import ReviewAction
from core.tasks_util import enqueue_on_commit
from reminders.models import Kind, Notification
from tenancy.models import Membership
from tenancy.roles import Perm, Role, roles_that_can

#: At most this many of a batch's actions are listed in its message (the count is exact).
LISTED_ACTIONS = 20


def _stamp(moment: datetime) -> str:
    return f"{moment:%Y%m%d%H%M%S%f}"


def notify(
    *,
    organisation_id: int,
    kind: Kind,
    recipients: Iterable[int | None],
    key: str,
    by: Any = None,
    **subject: Any,
) -> list[int]:
    """Tell each recipient still a member (never the person who did it) once per `key`.
    Returns the ids whose email is still owed (sent after commit)."""
    wanted = {pk for pk in recipients if pk is not None} - {getattr(by, "pk", None)}
    if not wanted:
        return []
    members = Membership.objects.for_organisation(organisation_id)
    users = sorted(set(members.filter(user_id__in=wanted).values_list("user_id", flat=True)))
    rows = [
        Notification(
            organisation_id=organisation_id,
            recipient_id=user_id,
            kind=kind,
            actor=by if getattr(by, "pk", None) else None,
            dedupe_key=f"{kind}:{key}:{user_id}"[:200],
            **subject,
        )
        for user_id in users
    ]
    notifications = Notification.objects.for_organisation(organisation_id)
    notifications.bulk_create(rows, ignore_conflicts=True)
    ids = list(
        notifications.filter(
            dedupe_key__in=[row.dedupe_key for row in rows], email_sent_at=None, email_skipped=False
        ).values_list("pk", flat=True)
    )
    if ids:
        from reminders.tasks import send_notifications_task

        enqueue_on_commit(send_notifications_task, ids)
    return ids


def quality_managers(organisation_id: int) -> list[int]:
    members = Membership.objects.for_organisation(organisation_id)
    return list(members.filter(role=Role.QUALITY_MANAGER).values_list("user_id", flat=True))


def on_criterion_assignment_changed(
    *, assessment, criterion, assignment, previous, assignee, by=None, **_: Any
) -> None:
    revision = f"{assessment.code}:{criterion.pk}:{assignment.pk}:{_stamp(assignment.updated_at)}"
    for kind, person in (
        (Kind.CRITERION_UNASSIGNED, previous),
        (Kind.CRITERION_ASSIGNED, assignee),
    ):
        if person is not None:
            notify(
                organisation_id=assessment.organisation_id,
                kind=kind,
                recipients=[person.pk],
                key=revision,
                by=by,
                assessment=assessment,
                criterion=criterion,
            )


def _approvers(organisation_id: int) -> list[int]:
    members = Membership.objects.for_organisation(organisation_id)
    roles = roles_that_can(Perm.APPROVE_ASSESSMENTS)
    return list(members.filter(role__in=roles).values_list("user_id", flat=True))


def _lead_and_assignees(assessment) -> list[int]:
    assignees = assessment.assignments.values_list("assignee_id", flat=True)
    return [assessment.lead_id, *assignees]


def on_review_step_recorded(*, event, **_: Any) -> None:
    assessment = event.assessment
    organisation_id = assessment.organisation_id
    detail: dict[str, str] = {"comment": event.comment}
    if event.action == ReviewAction.SUBMITTED:
        kind, recipients = Kind.ASSESSMENT_SUBMITTED, _approvers(organisation_id)
    elif event.action == ReviewAction.RETURNED:
        kind, recipients = Kind.ASSESSMENT_RETURNED, _lead_and_assignees(assessment)
    elif event.action == ReviewAction.APPROVED:
        kind, recipients = Kind.ASSESSMENT_APPROVED, [assessment.lead_id]
        detail["snapshot_sha256"] = assessment.snapshot_sha256
    else:
        return
    notify(
        organisation_id=organisation_id,
        kind=kind,
        recipients=recipients,
        key=f"{assessment.code}:{event.pk}",
        by=event.by,
        assessment=assessment,
        detail=detail,
    )


def _origin_label(origin: Any) -> str:
    if origin is None:
        return ""
    if hasattr(origin, "subcontractor"):  # a monitoring visit
        when = origin.visit_date
        return f"the visit to {origin.subcontractor.name} on {when.day} {when:%B %Y}"
    return f"“{origin.title}”"


def _action_entry(action) -> dict[str, str]:
    due = action.due_date
    return {"code": str(action.code), "title": action.title, "due": f"due {due.day} {due:%b %Y}"}


def on_actions_handed_over(*, actions, by=None, reason: str, origin=None, **_: Any) -> None:
    kind = Kind.ACTIONS_REASSIGNED if reason == "reassigned" else Kind.ACTIONS_ASSIGNED
    by_owner: dict[int, list] = defaultdict(list)
    for action in actions:
        if action.owner_id is not None:
            by_owner[action.owner_id].append(action)
    for owner_id, owned in by_owner.items():
        owned.sort(key=lambda a: (a.due_date, a.title))
        revisions = sorted(f"{a.code}@{_stamp(a.updated_at)}" for a in owned)
        batch = hashlib.sha256("|".join(revisions).encode()).hexdigest()[:32]
        notify(
            organisation_id=owned[0].organisation_id,
            kind=kind,
            recipients=[owner_id],
            key=f"{reason}:{batch}",
            by=by,
            detail={
                "reason": reason,
                "origin": _origin_label(origin),
                "count": len(owned),
                "actions": [_action_entry(a) for a in owned[:LISTED_ACTIONS]],
            },
        )


def on_action_marked_done(*, action, update, by=None, **_: Any) -> None:
    notify(
        organisation_id=action.organisation_id,
        kind=Kind.ACTION_DONE,
        recipients=quality_managers(action.organisation_id),
        key=f"{action.code}:{update.pk}",
        by=by,
        action=action,
        detail={"comment": update.comment},
    )


def on_questionnaire_submitted(*, review, **_: Any) -> None:
    """To whoever sent the questionnaire, else the relationship's owner, else the quality
    managers."""
    subcontractor = review.subcontractor
    reviewer = review.sent_by_id or subcontractor.owner_id
    recipients = [reviewer] if reviewer else quality_managers(review.organisation_id)
    name = ", ".join(p for p in (review.submitted_by_name, review.submitted_by_role) if p)
    notify(
        organisation_id=review.organisation_id,
        kind=Kind.QUESTIONNAIRE_SUBMITTED,
        recipients=recipients,
        key=f"{review.code}:{_stamp(review.submitted_at)}",
        review=review,
        detail={"submitted_by": name},
    )


def pack_ready(*, pack) -> list[int]:
    """The pack someone asked for is ready (called by `reporting` when a render finishes)."""
    return notify(
        organisation_id=pack.organisation_id,
        kind=Kind.PACK_READY,
        recipients=[pack.requested_by_id],
        key=str(pack.code),
        pack=pack,
    )


def connect() -> None:
    """Listen to the domain apps (called once, from `RemindersConfig.ready`)."""
    from actionplans import signals as actionplans
    from assessments import signals as assessments
    from subcontractors import signals as subcontractors

    uid = "reminders.handoffs"
    assessments.criterion_assignment_changed.connect(
        on_criterion_assignment_changed, dispatch_uid=f"{uid}.criterion"
    )
    assessments.review_step_recorded.connect(on_review_step_recorded, dispatch_uid=f"{uid}.review")
    actionplans.actions_handed_over.connect(on_actions_handed_over, dispatch_uid=f"{uid}.actions")
    actionplans.action_marked_done.connect(on_action_marked_done, dispatch_uid=f"{uid}.done")
    subcontractors.questionnaire_submitted.connect(
        on_questionnaire_submitted, dispatch_uid=f"{uid}.questionnaire"
    )
