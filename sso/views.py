"""Single sign-on pages: starting a sign-in (public) and the organisation's settings (QMs)."""

from allauth.account.utils import get_next_redirect_url
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.base import AuthProcess
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from core.access import public_view
from core.forms import add_service_errors
from sso.adapter import remember_pending
from sso.apps_for import auth_params_for, callback_path
from sso.domains import email_domain
from sso.forms import SsoConnectionForm, SsoStartForm
from sso.models import SsoConnection
from sso.selectors import organisation_connection
from sso.services import (
    check_domain_claim,
    sso_connection_remove,
    sso_connection_save,
    sso_only_turn_off,
)
from tenancy.access import OrgAccess, org_view
from tenancy.roles import ACCOUNT_MANAGER, Perm


@public_view
@require_http_methods(["GET", "POST"])
def sso_start(request: HttpRequest) -> HttpResponse:
    """Find the organisation's identity provider from the email's domain and go there."""
    form = SsoStartForm(request.POST or None)
    next_url = get_next_redirect_url(request) or ""
    if request.method == "POST" and form.is_valid() and form.connection is not None:
        connection = form.connection
        remember_pending(request, connection)
        provider = get_adapter().get_provider(request, connection.provider_id)
        redirect_to_provider: HttpResponse = provider.redirect(
            request,
            process=AuthProcess.LOGIN,
            next_url=next_url or None,
            auth_params=auth_params_for(connection, form.cleaned_data["email"]),
        )
        # Not a redirect: the sign-in page's CSP (form-action 'self') would stop the browser
        # following a form's redirect to another site. A page that moves on by itself is not.
        context = {"provider_url": redirect_to_provider["Location"], "connection": connection}
        return render(request, "sso/redirect.html", context)
    context = {"form": form, "next_url": next_url}
    return render(request, "sso/start.html", context, status=400 if form.errors else 200)


def _save(request: AuthenticatedHttpRequest, access: OrgAccess, form: SsoConnectionForm) -> bool:
    connection: SsoConnection = form.save(commit=False)
    connection.organisation = access.organisation
    user = request.user
    try:
        if connection.pk is None or "domain" in form.changed_data:  # a domain kept stays linked
            check_domain_claim(
                domain=connection.domain, by=user, any_domain=access.holder == ACCOUNT_MANAGER
            )
        sso_connection_save(
            connection=connection, secret=form.cleaned_data["client_secret"], by=user
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True


#: The settings page's buttons beside the form: what each does, and what it says it did.
ACTIONS = {"allow_passwords": sso_only_turn_off, "remove": sso_connection_remove}
ACTION_DONE = {
    "allow_passwords": _("Members can sign in with their password again."),
    "remove": _("Single sign-on is removed: members sign in with their password."),
}


@org_view(Perm.MANAGE_SSO, methods=("GET", "POST"))
def sso_settings(request: AuthenticatedHttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    connection = organisation_connection(organisation=organisation)
    action = request.POST.get("action") if request.method == "POST" else None
    if action in ACTIONS:
        if connection is not None:
            ACTIONS[action](connection=connection, by=request.user)
            messages.success(request, ACTION_DONE[action])
        return redirect("sso:settings", org_slug=organisation.slug)
    form = SsoConnectionForm(
        request.POST or None,
        instance=connection,
        has_secret=bool(connection and connection.has_secret),
        own_domain="" if access.holder == ACCOUNT_MANAGER else email_domain(request.user.email),
    )
    if request.method == "POST" and form.is_valid() and _save(request, access, form):
        messages.success(request, gettext("Single sign-on settings saved."))
        return redirect("sso:settings", org_slug=organisation.slug)
    saved = organisation_connection(organisation=organisation) if form.errors else connection
    context = {
        "access": access,
        "organisation": organisation,
        "form": form,
        "connection": saved,
        "callback_url": request.build_absolute_uri(callback_path(saved)) if saved else "",
    }
    return render(request, "sso/settings.html", context, status=400 if form.errors else 200)
