"""The training matrix's old import address: staff and completions now come in through the
shared spreadsheet import (`imports`, with `training.importers`), so this sends the person
there with the staff list chosen. Its own upload, batches and confirm are gone."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.http import AuthenticatedHttpRequest
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.MANAGE_COMPLIANCE_WORK)
def import_redirect(request: AuthenticatedHttpRequest, access: OrgAccess) -> HttpResponse:
    """GET: the shared import's upload page with "Staff" preselected (or "completions" when
    asked with ?kind=completions)."""
    kind = "completions" if request.GET.get("kind") == "completions" else "staff"
    url = reverse("imports:start", kwargs={"org_slug": access.organisation.slug})
    return redirect(f"{url}?{urlencode({'kind': kind})}")
