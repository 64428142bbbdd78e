from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from frameworks.forms import SubscriptionForm
from frameworks.models import Benchmark, Criterion
from frameworks.selectors import framework_list_for_organisation
from frameworks.services import subscription_set
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.VIEW_ORGANISATION)
def framework_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """The frameworks the provider uses, with their criteria and benchmarks to read."""
    frameworks = []
    for framework in framework_list_for_organisation(organisation=access.organisation):
        version = framework.latest_version()
        criteria = (
            Criterion.objects.filter(version=version).prefetch_related(
                Prefetch("benchmarks", queryset=Benchmark.objects.order_by("position"))
            )
            if version
            else []
        )
        frameworks.append({"framework": framework, "version": version, "criteria": criteria})
    context = {
        "access": access,
        "organisation": access.organisation,
        "frameworks": frameworks,
        "can_manage": access.can(Perm.MANAGE_SUBSCRIPTIONS),
    }
    return render(request, "frameworks/index.html", context)


@org_view(Perm.MANAGE_SUBSCRIPTIONS, methods=("GET", "POST"))
def subscription_edit(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    current = framework_list_for_organisation(organisation=organisation)
    form = SubscriptionForm(request.POST or None, initial={"frameworks": list(current)})
    if request.method == "POST" and form.is_valid():
        subscription_set(
            organisation=organisation, frameworks=form.cleaned_data["frameworks"], by=request.user
        )
        messages.success(
            request,
            gettext("Frameworks for %(organisation)s updated.")
            % {"organisation": organisation.name},
        )
        return redirect("frameworks:index", org_slug=organisation.slug)
    context = {"access": access, "organisation": organisation, "form": form}
    return render(request, "frameworks/subscriptions.html", context)
