"""What every training page shares: its context, lookups by code, the default catalogue."""

from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from tenancy.access import OrgAccess
from tenancy.roles import Perm
from training.models import Completion, Course, StaffMember
from training.services import courses_seed_defaults

PER_PAGE = 25


def page_context(access: OrgAccess, **extra) -> dict:
    return {
        "access": access,
        "organisation": access.organisation,
        "can_manage": access.can(Perm.MANAGE_COMPLIANCE_WORK),
        **extra,
    }


def ensure_catalogue(request: HttpRequest, access: OrgAccess) -> None:
    """An organisation's first visit gives it the default courses, as editable rows."""
    organisation = access.organisation
    if not Course.objects.for_organisation(organisation).exists():
        courses_seed_defaults(organisation=organisation, by=None)


# Each lookup runs inside the tenant scope: another organisation's code is simply not found.


def get_staff(code: UUID) -> StaffMember:
    return get_object_or_404(StaffMember.objects.select_related("organisation"), code=code)


def get_course(code: UUID) -> Course:
    return get_object_or_404(Course.objects.select_related("organisation"), code=code)


def get_completion(code: UUID) -> Completion:
    return get_object_or_404(
        Completion.objects.select_related("organisation", "staff", "course"), code=code
    )
