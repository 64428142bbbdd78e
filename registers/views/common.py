from uuid import UUID

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from registers.models import EventSample, EventSampleItem, ExternalEvent, Risk
from tenancy.access import OrgAccess
from tenancy.roles import Perm

PER_PAGE = 25


def page_context(access: OrgAccess, **extra) -> dict:
    return {
        "access": access,
        "organisation": access.organisation,
        "can_manage": access.can(Perm.MANAGE_COMPLIANCE_WORK),
        "can_request": access.can(Perm.REQUEST_EVENTS),
        "can_approve": access.can(Perm.APPROVE_EVENTS),
        "can_verify": access.can(Perm.VERIFY_EVENT_SAMPLES),
        **extra,
    }


def paginate(request: HttpRequest, queryset, per_page: int = PER_PAGE) -> tuple[Page, str]:
    """One page of a list and the query string (filters) its page links keep."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


# Each lookup runs inside the tenant scope: another organisation's code is simply not found.


def get_risk(code: UUID) -> Risk:
    return get_object_or_404(
        Risk.objects.select_related("organisation", "owner", "action"), code=code
    )


def get_event(code: UUID) -> ExternalEvent:
    return get_object_or_404(
        ExternalEvent.objects.select_related(
            "organisation", "requested_by", "checked_by", "decided_by", "outcome_by"
        ),
        code=code,
    )


def get_sample(code: UUID) -> EventSample:
    return get_object_or_404(
        EventSample.objects.select_related("organisation", "drawn_by"), code=code
    )


def get_sample_item(sample: EventSample, code: UUID) -> EventSampleItem:
    item = get_object_or_404(
        EventSampleItem.objects.select_related("event"), sample=sample, code=code
    )
    item.sample = sample
    return item
