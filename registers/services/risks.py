"""Changes to the Prevent risk register."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from actionplans.models import Action, Priority
from actionplans.services import action_create
from registers.models import Risk, RiskReview
from registers.services.common import save_with_history
from tenancy.models import Organisation
from tenancy.services import require_assignable

RISK_FIELDS = (
    "category",
    "risk",
    "hazard",
    "existing_controls",
    "further_action",
    "owner",
    "action_due",
    "likelihood",
    "impact",
    "residual_likelihood",
    "residual_impact",
    "next_review_date",
    "status",
)


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - set(RISK_FIELDS)
    if unknown:
        raise TypeError(f"Not risk fields: {sorted(unknown)}")


@transaction.atomic
def risk_create(*, organisation: Organisation, by, **fields) -> Risk:
    _check_fields(fields)
    require_assignable(organisation=organisation, user=fields.get("owner"))
    risk = Risk(organisation=organisation, created_by=by, **fields)
    save_with_history(risk, by)
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, by, changes: dict | None = None, **fields) -> Risk:
    """Change a risk. A form's or file's values, which hold the risk's own text under "risk"
    (a name the record itself takes here), come as `changes`."""
    fields = {**(changes or {}), **fields}
    _check_fields(fields)
    if "owner" in fields:
        require_assignable(organisation=risk.organisation, user=fields["owner"])
    for name, value in fields.items():
        setattr(risk, name, value)
    save_with_history(risk, by)
    return risk


@dataclass
class ReviewEntry:
    reviewed_on: date
    notes: str
    likelihood: int
    impact: int
    residual_likelihood: int
    residual_impact: int
    next_review_date: date
    after_incident: bool = False
    incident_summary: str = ""


@transaction.atomic
def risk_review(*, risk: Risk, by, entry: ReviewEntry) -> RiskReview:
    """Record a review: its scores become the risk's, and it sets the next review date."""
    if entry.next_review_date <= entry.reviewed_on:
        raise ValidationError(
            {"next_review_date": gettext("The next review must be after this one.")}
        )
    if entry.reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": gettext("A review cannot be dated in the future.")})
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    review = RiskReview(
        organisation=risk.organisation,
        risk=risk,
        reviewed_by=by,
        reviewed_on=entry.reviewed_on,
        notes=entry.notes.strip(),
        after_incident=entry.after_incident,
        incident_summary=entry.incident_summary.strip() if entry.after_incident else "",
        likelihood=entry.likelihood,
        impact=entry.impact,
        residual_likelihood=entry.residual_likelihood,
        residual_impact=entry.residual_impact,
        next_review_date=entry.next_review_date,
    )
    save_with_history(review, by)
    for name in ("likelihood", "impact", "residual_likelihood", "residual_impact"):
        setattr(risk, name, getattr(entry, name))
    risk.next_review_date = entry.next_review_date
    if risk.last_reviewed_on is None or entry.reviewed_on > risk.last_reviewed_on:
        risk.last_reviewed_on = entry.reviewed_on
    save_with_history(risk, by)
    return review


def _action_title(risk: Risk) -> str:
    text = " ".join((risk.further_action or risk.risk).split())
    return text if len(text) <= 200 else text[:199].rstrip() + "…"


def risk_raise_action(*, risk: Risk, by, owner=None, due_date: date | None = None) -> Action:
    """Turn the further action into an owned action in the plan; twice gives the same action."""
    if not risk.further_action.strip():
        raise ValidationError({"further_action": gettext("Write the further action needed first.")})
    owner = owner or risk.owner
    due_date = due_date or risk.action_due
    if owner is None:
        raise ValidationError({"owner": gettext("Choose who owns the action.")})
    if due_date is None:
        raise ValidationError({"due_date": gettext("Give the date for completion.")})
    source_key = f"risk:{risk.code}"
    try:
        with transaction.atomic():
            locked = Risk.objects.select_for_update().get(pk=risk.pk)
            if locked.action_id:
                return locked.action
            action = action_create(
                organisation=risk.organisation,
                title=_action_title(risk),
                description=f"Further action for the Prevent risk “{risk.risk}”.",
                owner=owner,
                due_date=due_date,
                priority=Priority.HIGH if risk.residual_rating == "high" else Priority.MEDIUM,
                by=by,
                source_key=source_key,
            )
            locked.action = action
            save_with_history(locked, by)
    except IntegrityError:  # someone else raised it at the same moment
        action = Action.objects.for_organisation(risk.organisation_id).get(source_key=source_key)
        Risk.objects.filter(pk=risk.pk, action=None).update(action=action)
    risk.action = action
    return action
