"""The risk register's old import address: the register now imports through the shared
spreadsheet import (`imports`, with `registers.importers.RiskImporter`), so this sends the
person there with the risks chosen. Its own upload, session staging and confirm are gone."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.MANAGE_COMPLIANCE_WORK)
def risk_import_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """GET: the shared import's upload page with "Risks" preselected."""
    url = reverse("imports:start", kwargs={"org_slug": access.organisation.slug})
    return redirect(f"{url}?{urlencode({'kind': 'risks'})}")
