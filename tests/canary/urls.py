"""Deliberately leaky URLconfs: the isolation harness and the role matrix must catch them."""

from uuid import UUID

from django.http import HttpResponse
from django.urls import include, path

from core.access import ORGANISATION
from tenancy.access import OrgAccess, org_view
from tenancy.models import Membership, Organisation
from tenancy.roles import Perm


def leaky_org_page(request, org_slug):
    organisation = Organisation.objects.get(slug=org_slug)  # no membership check: a leak
    return HttpResponse(f"Secret of {organisation.name}")


leaky_org_page.access_kind = ORGANISATION


def unclassified_page(request, org_slug):
    return HttpResponse("Nobody said who may see this")


@org_view(Perm.VIEW_ORGANISATION, methods=("GET", "POST"))
def leaky_object_page(request, access: OrgAccess, member_code: UUID):
    # The organisation check passed, but the object is looked up without the tenant scope:
    # the one-line mistake `EvidencePack.unscoped` in a pack view would make.
    membership = Membership.unscoped.select_related("user").get(code=member_code)
    return HttpResponse(f"Email of {membership.user.email}")


@org_view(Perm.VIEW_ORGANISATION, methods=("GET", "POST"))
def loosened_page(request, access: OrgAccess):
    # The canary table expects MANAGE_COMPLIANCE_WORK: the decorator was quietly loosened.
    return HttpResponse("Everybody may change this now")


urlpatterns = [
    path("o/<slug:org_slug>/leaky/", leaky_org_page, name="leaky"),
    path("o/<slug:org_slug>/unclassified/", unclassified_page, name="unclassified"),
    path("o/<slug:org_slug>/people/<uuid:member_code>/", leaky_object_page, name="leaky_object"),
    path("o/<slug:org_slug>/settings/", loosened_page, name="loosened"),
    path("", include("prevent_compliance.urls")),  # the pages' templates link to these
]

# What the hand-written table says about the canary pages.
EXPECTED_ACCESS = {
    "leaky_object": Perm.VIEW_ORGANISATION,
    "loosened": Perm.MANAGE_COMPLIANCE_WORK,
}
