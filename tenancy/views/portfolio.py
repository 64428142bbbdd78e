from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from core.access import user_view
from core.forms import add_service_errors
from tenancy.forms import OnboardProviderForm
from tenancy.selectors import organisation_list_for_account_manager
from tenancy.services import organisation_onboard


def _require_account_manager(request: HttpRequest) -> None:
    if not request.user.is_account_manager:
        raise Http404("Only account managers have a portfolio.")


@user_view
def portfolio(request: HttpRequest) -> HttpResponse:
    _require_account_manager(request)
    organisations = organisation_list_for_account_manager(user=request.user)
    return render(request, "tenancy/portfolio.html", {"organisations": organisations})


@user_view
def onboard(request: HttpRequest) -> HttpResponse:
    _require_account_manager(request)
    form = OnboardProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation, invitation = organisation_onboard(
                account_manager=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"{organisation.name} is onboarded. We have emailed an invitation to "
                f"{invitation.email}.",
            )
            return redirect(organisation)
    return render(request, "tenancy/onboard.html", {"form": form})
