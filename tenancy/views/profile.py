"""The organisation's profile: its type, main contact and the facts that decide which
benchmarks apply to it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from tenancy.access import OrgAccess, org_view
from tenancy.forms import OrganisationProfileForm
from tenancy.roles import Perm


@org_view(Perm.EDIT_PROFILE, methods=("GET", "POST"))
def organisation_profile(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    form = OrganisationProfileForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, gettext("Profile saved. New self-evaluations use it to decide what applies.")
        )
        return redirect("tenancy:org_home", org_slug=organisation.slug)
    context = {"access": access, "organisation": organisation, "form": form}
    return render(request, "tenancy/profile.html", context, status=400 if form.errors else 200)
