"""Demo partners and advice: delivery areas, partner contacts and a year of engagements for
each provider, built through the real services from `demo.partner_specs` (see there for the
story). Idempotent: a provider that already has a delivery area is left alone.
"""

from datetime import timedelta

from django.utils import timezone

from demo.helpers import person
from demo.partner_specs import (
    NORTHFIELD_AREAS,
    NORTHFIELD_CONTACTS,
    NORTHFIELD_ENGAGEMENTS,
    RIVERSIDE_AREAS,
    RIVERSIDE_CONTACTS,
    RIVERSIDE_ENGAGEMENTS,
    ContactSpec,
    EngagementSpec,
)
from partners.models import DeliveryArea, PartnerContact
from partners.services import ActionRequest, area_create, contact_create, engagement_record
from registers.models import Risk
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

STORIES = {
    "northfield-training": (NORTHFIELD_AREAS, NORTHFIELD_CONTACTS, NORTHFIELD_ENGAGEMENTS),
    "riverside-college": (RIVERSIDE_AREAS, RIVERSIDE_CONTACTS, RIVERSIDE_ENGAGEMENTS),
}


def _contacts(organisation, areas, specs: list[ContactSpec]) -> dict[str, PartnerContact]:
    qm = person(organisation, "qm")
    today = timezone.localdate()
    made = {}
    for spec in specs:
        made[spec.key] = contact_create(
            organisation=organisation,
            by=qm,
            area=areas[spec.area],
            kind=spec.kind,
            organisation_name=spec.organisation_name,
            contact_name=spec.contact_name,
            role=spec.role,
            email=spec.email,
            phone=spec.phone,
            owner=qm,
            next_review_date=today + timedelta(days=spec.next_contact_in),
        )
    return made


def _engagements(organisation, contacts, specs: list[EngagementSpec]) -> int:
    qm = person(organisation, "qm")
    today = timezone.localdate()
    for spec in specs:
        action = None
        if spec.action:
            due = today + timedelta(days=spec.action_due_in)
            action = ActionRequest(spec.action, qm, due)
        risk = Risk.objects.filter(risk=spec.risk).first() if spec.risk else None
        engagement_record(
            organisation=organisation,
            by=qm,
            action=action,
            contact=contacts[spec.contact],
            occurred_on=today - timedelta(days=spec.days_ago),
            kind=spec.kind,
            summary=spec.summary,
            what_changed=spec.what_changed,
            received_by=person(organisation, spec.received_by) if spec.received_by else None,
            risk=risk,
        )
    return len(specs)


def seed_partners() -> list[str]:
    made = 0
    for slug, (area_names, contact_specs, engagement_specs) in STORIES.items():
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            if DeliveryArea.objects.exists():
                continue
            qm = person(organisation, "qm")
            areas = {
                name: area_create(organisation=organisation, by=qm, name=name)
                for name in area_names
            }
            contacts = _contacts(organisation, areas, contact_specs)
            made += _engagements(organisation, contacts, engagement_specs)
    return [f"Partners and advice: {made} engagements with partners added"]
