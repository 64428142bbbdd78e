"""Adding a subcontractor to the register and changing its entry."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from subcontractors.models import SUBCONTRACTOR_FIELDS, Region, Subcontractor
from subcontractors.services.audit import save_as
from tenancy.models import Organisation
from tenancy.services import organisation_record_subcontracting, require_assignable

STRIPPED_FIELDS = ("name", "contact_name", "prevent_lead_name", "risk_reasons", "ukprn")


def _subcontractor_save(subcontractor: Subcontractor, *, by, fields: dict) -> Subcontractor:
    unknown = set(fields) - set(SUBCONTRACTOR_FIELDS)
    if unknown:
        raise TypeError(f"Unknown subcontractor fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(subcontractor, name, value)
    for name in STRIPPED_FIELDS:
        setattr(subcontractor, name, (getattr(subcontractor, name) or "").strip())
    chosen = set(subcontractor.delivery_regions or [])
    subcontractor.delivery_regions = [r for r in Region.values if r in chosen] or list(chosen)
    organisation = subcontractor.organisation
    require_assignable(organisation=organisation, user=subcontractor.owner, field="owner")
    duplicate = (
        Subcontractor.objects.for_organisation(organisation)
        .filter(ukprn=subcontractor.ukprn)
        .exclude(pk=subcontractor.pk)
        .first()
        if subcontractor.ukprn
        else None
    )
    if duplicate is not None:
        raise ValidationError(
            {
                "ukprn": gettext("%(name)s already has this UKPRN in your register.")
                % {"name": duplicate.name}
            }
        )
    subcontractor.full_clean()
    save_as(subcontractor, by=by)
    return subcontractor


@transaction.atomic
def subcontractor_create(*, organisation: Organisation, by, **fields) -> Subcontractor:
    subcontractor = Subcontractor(organisation=organisation, created_by=by)
    subcontractor = _subcontractor_save(subcontractor, by=by, fields=fields)
    organisation_record_subcontracting(organisation=organisation)
    return subcontractor


@transaction.atomic
def subcontractor_update(*, subcontractor: Subcontractor, by, **fields) -> Subcontractor:
    return _subcontractor_save(subcontractor, by=by, fields=fields)
