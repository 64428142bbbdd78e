"""Creating an action and changing its plan: quality managers only."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from actionplans.forms import ActionForm
from actionplans.services import action_create, action_update
from actionplans.views.common import get_action, page_context
from core.forms import add_service_errors
from tenancy.access import OrgAccess, org_view
from tenancy.personal_data import guard_form
from tenancy.roles import Perm

#: The action's free text the personal-data guard reads before saving.
GUARDED = ("title", "description")


def _guarded(request: HttpRequest, access: OrgAccess, form: ActionForm, where: str) -> bool:
    return guard_form(
        form,
        organisation=access.organisation,
        fields=GUARDED,
        data=request.POST,
        by=request.user,
        where=where,
    )


def _plan_fields(form: ActionForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "owner": data["owner"],
        "due_date": data["due_date"],
        "priority": data["priority"],
        "criterion": data["criterion"],
        "benchmark": data["benchmark"],
    }


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def action_create_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    if request.method == "POST":
        form = ActionForm(request.POST, organisation=organisation)
        if form.is_valid() and _guarded(request, access, form, "New action · "):
            try:
                action = action_create(
                    organisation=organisation, by=request.user, **_plan_fields(form)
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext("“%(title)s” is in the action plan.") % {"title": action.title},
                )
                return redirect(action)
        status = 400
    else:
        is_member = access.membership is not None
        form = ActionForm(
            organisation=organisation, initial={"owner": request.user.pk if is_member else None}
        )
        status = 200
    return render(
        request,
        "actionplans/form.html",
        page_context(access, form=form, action=None),
        status=status,
    )


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def action_edit(request: HttpRequest, access: OrgAccess, action_code: UUID) -> HttpResponse:
    action = get_action(action_code)
    organisation = access.organisation
    if request.method == "POST":
        form = ActionForm(request.POST, organisation=organisation, action=action)
        if form.is_valid() and _guarded(request, access, form, f"Action “{action.title}” · "):
            try:
                action_update(action=action, by=request.user, **_plan_fields(form))
            except ValidationError as exc:
                add_service_errors(form, exc)
                action.refresh_from_db()
            else:
                messages.success(
                    request,
                    gettext("Your changes to “%(title)s” are saved.") % {"title": action.title},
                )
                return redirect(action)
        status = 400
    else:
        form = ActionForm(
            organisation=organisation, action=action, initial=ActionForm.initial_for(action)
        )
        status = 200
    return render(
        request,
        "actionplans/form.html",
        page_context(access, form=form, action=action),
        status=status,
    )
