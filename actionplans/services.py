"""Changes to action plans. The owner of an action holds a per-object guardian permission."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from actionplans.models import Action, ActionStatus, Priority, ProgressUpdate
from actionplans.signals import action_marked_done, actions_handed_over
from evidence.models import EvidenceItem
from evidence.services import evidence_create
from tenancy.models import Organisation
from tenancy.services import require_assignable

OWNER_PERMISSION = "actionplans.change_action"


def _set_owner_permission(action: Action, old_owner, new_owner) -> None:
    if old_owner is not None and old_owner != new_owner:
        remove_perm(OWNER_PERMISSION, old_owner, action)
    if new_owner is not None:
        assign_perm(OWNER_PERMISSION, new_owner, action)


@transaction.atomic
def action_create(
    *,
    organisation: Organisation,
    title: str,
    owner,
    due_date: date,
    by,
    description: str = "",
    priority: str = Priority.MEDIUM,
    criterion=None,
    benchmark=None,
    response=None,
    source_key: str = "",
) -> Action:
    require_assignable(organisation=organisation, user=owner)
    action = Action(
        organisation=organisation,
        title=title,
        description=description,
        owner=owner,
        due_date=due_date,
        priority=priority,
        criterion=criterion or (benchmark.criterion if benchmark else None),
        benchmark=benchmark,
        response=response,
        created_by=by,
        source_key=source_key,
    )
    action.full_clean(exclude=["completion_evidence"])
    action._history_user = by  # the audit trail's "who", also outside a request
    action.save()
    _set_owner_permission(action, None, owner)
    return action


@transaction.atomic
def action_update(*, action: Action, by, **fields) -> Action:
    """Edit an action's plan (title, description, owner, due date, priority, links). A new
    owner is told."""
    old_owner = action.owner
    _action_change(action, by, fields)
    if action.owner_id != getattr(old_owner, "pk", None):
        _announce_owners([action], by=by)
    return action


def _announce_owners(actions: list[Action], *, by) -> None:
    actions_handed_over.send(
        sender=Action, actions=actions, by=by, reason="reassigned", origin=None
    )


def _action_change(action: Action, by, fields: dict) -> Action:
    old_owner = action.owner
    if "owner" in fields:
        require_assignable(organisation=action.organisation, user=fields["owner"])
    for name, value in fields.items():
        setattr(action, name, value)
    action.full_clean(exclude=["completion_evidence"])
    action._history_user = by
    action.save()
    _set_owner_permission(action, old_owner, action.owner)
    return action


@dataclass
class Progress:
    comment: str
    status: str
    completed_on: date | None = None
    impact_note: str = ""
    completion_evidence: list | None = None


@transaction.atomic
def action_record_progress(*, action: Action, by, progress: Progress) -> ProgressUpdate:
    """Add a progress update, moving the status; "done" needs a completion date."""
    status = ActionStatus(progress.status)
    was_done = action.status == ActionStatus.DONE
    if not progress.comment.strip():
        raise ValidationError({"comment": "Say what has happened since the last update."})
    if status == ActionStatus.DONE:
        action.completed_on = progress.completed_on or timezone.localdate()
        if progress.impact_note.strip():
            action.impact_note = progress.impact_note.strip()
    else:
        action.completed_on = None
    for item in progress.completion_evidence or []:
        if item.organisation_id != action.organisation_id:
            raise ValidationError({"completion_evidence": "Choose evidence from your library."})
    action.status = status
    action._history_user = by
    action.save()
    if progress.completion_evidence is not None:
        action.completion_evidence.set(progress.completion_evidence)
    update = ProgressUpdate(
        organisation=action.organisation,
        action=action,
        author=by,
        comment=progress.comment.strip(),
        status=status,
    )
    update._history_user = by
    update.save()
    if status == ActionStatus.DONE and not was_done:
        action_marked_done.send(sender=Action, action=action, update=update, by=by)
    return update


@transaction.atomic
def action_add_evidence(*, action: Action, by, **evidence) -> EvidenceItem:
    """Add a new file or link to the library (`evidence_create`, with its checks) and link it
    to `action` as completion evidence in one step."""
    item = evidence_create(organisation=action.organisation, by=by, **evidence)
    action.completion_evidence.add(item)
    return item


@transaction.atomic
def action_bulk_reassign(*, actions: list[Action], owner, by) -> int:
    if not actions:
        return 0
    require_assignable(organisation=actions[0].organisation, user=owner)
    moved = [action for action in actions if action.owner_id != owner.pk]
    for action in actions:
        _action_change(action, by, {"owner": owner})
    if moved:
        _announce_owners(moved, by=by)  # one message for the batch, not one per action
    return len(actions)
