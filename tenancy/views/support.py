"""The "Support access" page: grants to the account manager, and every page they opened."""

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import add_service_errors
from core.pagination import paginate
from tenancy.access import OrgAccess, org_view
from tenancy.models import Organisation, SupportGrant, SupportPageView
from tenancy.roles import Perm
from tenancy.support import (
    SUPPORT_MAX_DAYS,
    assigned_account_managers,
    support_grant_create,
    support_grant_end,
)


class SupportGrantForm(forms.Form):
    account_manager = forms.ChoiceField(label=_("Account manager"))
    reason = forms.CharField(
        label=_("Why they need to see your content"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example “Help setting up the evidence library”. Shown with every page "
            "they open. Do not name learners."
        ),
    )
    days = forms.IntegerField(
        label=_("For how many days"),
        min_value=1,
        max_value=SUPPORT_MAX_DAYS,
        initial=3,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"].help_text = gettext(
            "Up to %(days)s. It ends by itself; you can end it sooner."
        ) % {"days": SUPPORT_MAX_DAYS}
        self.managers = {str(u.pk): u for u in assigned_account_managers(organisation)}
        field = self.fields["account_manager"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(pk, f"{u.display_name} ({u.email})") for pk, u in self.managers.items()]


def _page(
    request: HttpRequest, access: OrgAccess, form: SupportGrantForm, status: int = 200
) -> HttpResponse:
    organisation = access.organisation
    grants = list(SupportGrant.objects.select_related("account_manager", "granted_by", "ended_by"))
    views = SupportPageView.objects.select_related("grant__account_manager").order_by(
        "-created_at", "-pk"
    )
    context = {
        "access": access,
        "organisation": organisation,
        "grants": grants,
        "page": paginate(request, views),
        "form": form,
        "can_manage": access.can(Perm.MANAGE_SUPPORT_ACCESS),
    }
    response: HttpResponse = render(request, "tenancy/support_access.html", context, status=status)
    return response


@org_view(Perm.VIEW_MEMBERS)
def support_access(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    return _page(request, access, SupportGrantForm(organisation=access.organisation))


@org_view(Perm.MANAGE_SUPPORT_ACCESS, methods=("POST",))
def support_grant(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    form = SupportGrantForm(request.POST, organisation=access.organisation)
    if form.is_valid():
        try:
            support_grant_create(
                organisation=access.organisation,
                account_manager=form.managers[form.cleaned_data["account_manager"]],
                reason=form.cleaned_data["reason"],
                days=form.cleaned_data["days"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, gettext("Support access granted. Every page they open is listed.")
            )
            return redirect("tenancy:support_access", org_slug=access.organisation.slug)
    return _page(request, access, form, status=400)


@org_view(Perm.MANAGE_SUPPORT_ACCESS, methods=("POST",))
def support_end(request: HttpRequest, access: OrgAccess, grant_code: UUID) -> HttpResponse:
    grant = get_object_or_404(SupportGrant.objects, code=grant_code)
    if support_grant_end(grant=grant, by=request.user):
        messages.success(request, gettext("Support access ended."))
    return redirect("tenancy:support_access", org_slug=access.organisation.slug)
