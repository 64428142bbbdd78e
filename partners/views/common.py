from uuid import UUID

from django.shortcuts import get_object_or_404

from partners.models import DeliveryArea, Engagement, PartnerContact
from registers.views.common import paginate
from tenancy.access import OrgAccess
from tenancy.roles import Perm

__all__ = ["get_area", "get_contact", "get_engagement", "page_context", "paginate"]


def page_context(access: OrgAccess, **extra) -> dict:
    return {
        "access": access,
        "organisation": access.organisation,
        "can_manage": access.can(Perm.MANAGE_COMPLIANCE_WORK),
        **extra,
    }


# Each lookup runs inside the tenant scope: another organisation's code is simply not found.


def get_area(code: UUID) -> DeliveryArea:
    return get_object_or_404(DeliveryArea.objects.select_related("organisation"), code=code)


def get_contact(code: UUID) -> PartnerContact:
    return get_object_or_404(
        PartnerContact.objects.select_related("organisation", "area", "owner"), code=code
    )


def get_engagement(code: UUID) -> Engagement:
    return get_object_or_404(
        Engagement.objects.select_related(
            "organisation",
            "contact__area",
            "received_by",
            "created_by",
            "action__organisation",
            "action__owner",
            "risk__organisation",
            "evidence__organisation",
        ),
        code=code,
    )
