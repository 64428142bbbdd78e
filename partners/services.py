"""Changes to the partner register and the advice log (`<entity>_<action>(..., by=user)`)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actionplans.models import Action, Priority
from actionplans.services import action_create
from partners.models import DeliveryArea, Engagement, EngagementKind, PartnerContact
from registers.services.common import save_with_history
from tenancy.models import Organisation
from tenancy.services import require_assignable

CONTACT_FIELDS = (
    "area",
    "kind",
    "organisation_name",
    "contact_name",
    "role",
    "email",
    "phone",
    "owner",
    "next_review_date",
    "is_current",
)
ENGAGEMENT_FIELDS = (
    "contact",
    "occurred_on",
    "kind",
    "summary",
    "what_changed",
    "received_by",
    "risk",
    "evidence",
)
# Words in an action's description, which is stored: kept in English like the rest of it.
WHAT_HAPPENED: dict[str, str] = {
    EngagementKind.MEETING: "meeting with",
    EngagementKind.BRIEFING: "briefing received from",
    EngagementKind.ADVICE: "advice sought from",
    EngagementKind.TRAINING: "training delivered with",
}
NO_UPLOAD_FOR_BRIEFINGS = _(
    "A briefing is recorded, not attached: restricted partner material stays with the partner. "
    "Leave the evidence empty and say what changed instead."
)


def _check(fields: dict, allowed: tuple[str, ...], what: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Not {what} fields: {sorted(unknown)}")


def _same_organisation(organisation: Organisation, **related) -> None:
    for name, obj in related.items():
        if obj is not None and obj.organisation_id != organisation.pk:
            raise ValidationError({name: gettext("Choose one of this organisation’s own records.")})


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": gettext("Give the delivery area a name.")})
    return name


def _save_area(area: DeliveryArea, by) -> DeliveryArea:
    taken = DeliveryArea.objects.for_organisation(area.organisation_id).filter(
        name__iexact=area.name
    )
    if taken.exclude(pk=area.pk).exists():
        raise ValidationError({"name": gettext("There is already a delivery area with this name.")})
    try:
        with transaction.atomic():
            save_with_history(area, by)
    except IntegrityError:  # the same name saved at the same moment
        raise ValidationError(
            {"name": gettext("There is already a delivery area with this name.")}
        ) from None
    return area


def area_create(*, organisation: Organisation, by, name: str) -> DeliveryArea:
    area = DeliveryArea(organisation=organisation, name=_clean_name(name), created_by=by)
    return _save_area(area, by)


def area_rename(*, area: DeliveryArea, by, name: str) -> DeliveryArea:
    area.name = _clean_name(name)
    return _save_area(area, by)


@transaction.atomic
def contact_create(*, organisation: Organisation, by, **fields) -> PartnerContact:
    _check(fields, CONTACT_FIELDS, "contact")
    _same_organisation(organisation, area=fields.get("area"))
    require_assignable(organisation=organisation, user=fields.get("owner"))
    contact = PartnerContact(organisation=organisation, created_by=by, **fields)
    save_with_history(contact, by)
    return contact


@transaction.atomic
def contact_update(*, contact: PartnerContact, by, **fields) -> PartnerContact:
    _check(fields, CONTACT_FIELDS, "contact")
    organisation = contact.organisation
    _same_organisation(organisation, area=fields.get("area"))
    if "owner" in fields:
        require_assignable(organisation=organisation, user=fields["owner"])
    for name, value in fields.items():
        setattr(contact, name, value)
    save_with_history(contact, by)
    return contact


@dataclass
class ActionRequest:
    """An action to raise with the engagement, in the same step."""

    title: str
    owner: object
    due_date: date


def _check_engagement(engagement: Engagement) -> None:
    errors: dict[str, str] = {}
    if engagement.occurred_on and engagement.occurred_on > timezone.localdate():
        errors["occurred_on"] = gettext(
            "Record an engagement once it has happened: the date is in the future."
        )
    if engagement.kind == EngagementKind.BRIEFING:
        if engagement.received_by_id is None:
            errors["received_by"] = gettext("Say who received the briefing.")
        if not engagement.what_changed.strip():
            errors["what_changed"] = gettext(
                "Say what the briefing changed (the risk assessment, training, an action), "
                "or that nothing needed to change and why."
            )
        if engagement.evidence_id is not None:
            errors["evidence"] = str(NO_UPLOAD_FOR_BRIEFINGS)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def engagement_record(
    *, organisation: Organisation, by, action: ActionRequest | None = None, **fields
) -> Engagement:
    """Record a contact with a partner; with `action`, raise the owned action it led to too."""
    _check(fields, ENGAGEMENT_FIELDS, "engagement")
    _same_organisation(
        organisation,
        contact=fields.get("contact"),
        risk=fields.get("risk"),
        evidence=fields.get("evidence"),
    )
    require_assignable(
        organisation=organisation, user=fields.get("received_by"), field="received_by"
    )
    engagement = Engagement(organisation=organisation, created_by=by, **fields)
    engagement.summary = engagement.summary.strip()
    engagement.what_changed = engagement.what_changed.strip()
    _check_engagement(engagement)
    save_with_history(engagement, by)
    if action is not None:
        engagement_raise_action(engagement=engagement, by=by, request=action)
    return engagement


def _action_title(title: str) -> str:
    text = " ".join(title.split())
    if not text:
        raise ValidationError({"action_title": gettext("Say what the action is.")})
    return text if len(text) <= 200 else text[:199].rstrip() + "…"


def engagement_raise_action(*, engagement: Engagement, by, request: ActionRequest) -> Action:
    """Turn what the engagement changed into an owned action; twice gives the same action."""
    title = _action_title(request.title)
    if request.owner is None:
        raise ValidationError({"action_owner": gettext("Choose who owns the action.")})
    if request.due_date is None:
        raise ValidationError({"action_due": gettext("Give the date the action is due.")})
    source_key = f"engagement:{engagement.code}"
    contact = engagement.contact
    try:
        with transaction.atomic():
            rows = Engagement.objects.for_organisation(engagement.organisation_id)
            locked = rows.select_for_update().get(pk=engagement.pk)
            if locked.action is not None:
                return locked.action
            action = action_create(
                organisation=engagement.organisation,
                title=title,
                description=(
                    f"Raised from the {WHAT_HAPPENED[engagement.kind]} "
                    f"{contact.organisation_name} ({contact.area.name}) on "
                    f"{engagement.occurred_on.day} {engagement.occurred_on:%B %Y}."
                ),
                owner=request.owner,
                due_date=request.due_date,
                priority=Priority.MEDIUM,
                by=by,
                source_key=source_key,
            )
            locked.action = action
            save_with_history(locked, by)
    except IntegrityError:  # someone else raised it at the same moment
        action = Action.objects.for_organisation(engagement.organisation_id).get(
            source_key=source_key
        )
        Engagement.objects.for_organisation(engagement.organisation_id).filter(
            pk=engagement.pk, action=None
        ).update(action=action)
    engagement.action = action
    return action
