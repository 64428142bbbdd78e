"""Account managers' pages: onboarding a new provider.

The list of their providers is the cockpit (`reporting:cockpit`, at the same /portfolio/ address).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from core.access import user_view
from core.forms import add_service_errors
from frameworks.services import default_frameworks, subscription_set
from portfolio.forms import OnboardForm
from tenancy.services import organisation_onboard


def _require_account_manager(request: HttpRequest) -> None:
    if not request.user.is_account_manager:
        raise Http404("Only account managers have a portfolio.")


@user_view
def onboard(request: HttpRequest) -> HttpResponse:
    _require_account_manager(request)
    form = OnboardForm(request.POST or None, initial={"frameworks": default_frameworks()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        frameworks = data.pop("frameworks")
        try:
            with transaction.atomic():
                organisation, invitation = organisation_onboard(
                    account_manager=request.user, **data
                )
                subscription_set(organisation=organisation, frameworks=frameworks, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                gettext("%(name)s is onboarded. We have emailed an invitation to %(email)s.")
                % {"name": organisation.name, "email": invitation.email},
            )
            return redirect(organisation)
    return render(request, "portfolio/onboard.html", {"form": form})
