"""The quality manager's API key pages: create (the key is shown once), list, revoke."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from accounts.http import AuthenticatedHttpRequest
from api.forms import ApiKeyForm
from api.models import ApiKey
from api.services import api_key_create, api_key_revoke
from core.forms import add_service_errors
from core.links import protect_secret_response
from core.pagination import paginate
from tenancy.access import OrgAccess, org_view
from tenancy.models import Membership
from tenancy.roles import Perm, roles_that_can


def _page(request: AuthenticatedHttpRequest, access: OrgAccess, form: ApiKeyForm, **extra) -> dict:
    keys = ApiKey.objects.select_related("created_by", "revoked_by").order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at", "pk"
    )  # the working keys first, newest first; then the revoked ones
    page = paginate(request, keys)
    # One query: who may still hold keys (a key whose creator may not has stopped working).
    holders = set(
        Membership.objects.filter(
            role__in=roles_that_can(Perm.MANAGE_API_KEYS), user__is_active=True
        ).values_list("user_id", flat=True)
    )
    for key in page.object_list:
        key.stopped = key.revoked_at is None and key.created_by_id not in holders
    return {
        "access": access,
        "organisation": access.organisation,
        "form": form,
        "page": page,
        "base_url": request.build_absolute_uri(
            reverse("api:actions", kwargs={"org_slug": access.organisation.slug})
        ).removesuffix("actions/"),
        **extra,
    }


@org_view(Perm.MANAGE_API_KEYS, methods=("GET", "POST"))
def keys(request: AuthenticatedHttpRequest, access: OrgAccess) -> HttpResponse:
    """The organisation's keys, newest first, and the form for a new one."""
    form = ApiKeyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            key, secret = api_key_create(
                organisation=access.organisation,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            context = _page(request, access, ApiKeyForm(), new_key=key, secret=secret)
            response = render(request, "api/keys.html", context)
            return protect_secret_response(response, referrer_policy="strict-origin")
    status = 400 if form.is_bound else 200
    return render(request, "api/keys.html", _page(request, access, form), status=status)


@org_view(Perm.MANAGE_API_KEYS, methods=("POST",))
def key_revoke(request: AuthenticatedHttpRequest, access: OrgAccess, key_code) -> HttpResponse:
    key = get_object_or_404(ApiKey.objects, code=key_code)
    if api_key_revoke(key=key, by=request.user):
        messages.success(
            request,
            gettext("The key “%(name)s” is revoked: it stops working at once.")
            % {"name": key.name},
        )
    return redirect("api:keys", org_slug=access.organisation.slug)
