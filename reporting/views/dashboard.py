"""The organisation dashboard: where a provider stands, for its leaders and quality managers."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reporting.dashboard import organisation_dashboard
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.VIEW_DASHBOARD)
def dashboard(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    context = {
        "access": access,
        "organisation": organisation,
        "dashboard": organisation_dashboard(organisation=organisation, access=access),
    }
    return render(request, "reporting/dashboard.html", context)
