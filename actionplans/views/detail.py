"""One action: its plan, links, evidence, progress timeline and change history; recording
progress is for quality managers and the action's owner."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from actionplans.forms import ProgressForm
from actionplans.history import action_history
from actionplans.models import Action
from actionplans.selectors import action_updates
from actionplans.services import Progress, action_add_evidence, action_record_progress
from actionplans.views.common import can_update, get_action, page_context
from core.forms import add_service_errors
from evidence.forms import EvidenceQuickForm
from tenancy.access import OrgAccess, org_view
from tenancy.personal_data import guard_form
from tenancy.roles import Perm


def response_url(action: Action) -> str:
    """The self-evaluation judgement the action addresses, on its respond page."""
    response = action.response
    if response is None:
        return ""
    url = reverse(
        "assessments:respond",
        kwargs={
            "org_slug": action.organisation.slug,
            "assessment_code": response.assessment.code,
        },
    )
    return f"{url}?criterion={response.benchmark.criterion.code}#response-{response.code}"


def quick_form(access: OrgAccess, data=None, files=None) -> EvidenceQuickForm:
    organisation = access.organisation
    return EvidenceQuickForm(data, files, organisation=organisation, access=access, prefix="add")


def evidence_panel(
    access: OrgAccess, action: Action, allowed: bool, add_form: EvidenceQuickForm | None = None
) -> dict:
    """The evidence panel's context: what `access` may see of the action's evidence, how many
    restricted items it may not, and (to those who may update it) the in-place add form."""
    evidence = list(action.completion_evidence.order_by("title"))
    shown = [item for item in evidence if item.is_visible_to(access)]
    return {
        "evidence": shown,
        "restricted_count": len(evidence) - len(shown),
        "add_form": (add_form or quick_form(access)) if allowed else None,
    }


def _detail_page(
    request: HttpRequest,
    access: OrgAccess,
    action: Action,
    progress_form: ProgressForm | None = None,
    status: int = 200,
    add_form: EvidenceQuickForm | None = None,
) -> HttpResponse:
    allowed = can_update(access, action, request.user)
    if allowed and progress_form is None:
        progress_form = ProgressForm(organisation=access.organisation, action=action, access=access)
    context = page_context(
        access,
        action=action,
        overdue_days=action.days_overdue(timezone.localdate()),
        **evidence_panel(access, action, allowed, add_form),
        updates=list(action_updates(action=action)),
        history=action_history(action=action, access=access),
        response_url=response_url(action),
        can_update=allowed,
        can_edit=access.can(Perm.MANAGE_COMPLIANCE_WORK),
        progress_form=progress_form if allowed else None,
    )
    return render(request, "actionplans/detail.html", context, status=status)


@org_view(Perm.VIEW_ORGANISATION)
def action_detail(request: HttpRequest, access: OrgAccess, action_code: UUID) -> HttpResponse:
    return _detail_page(request, access, get_action(action_code))


@org_view(Perm.UPDATE_ASSIGNED_WORK, methods=("POST",), object_rule="owners only")
def action_progress(request: HttpRequest, access: OrgAccess, action_code: UUID) -> HttpResponse:
    action = get_action(action_code)
    if not can_update(access, action, request.user):
        raise PermissionDenied
    form = ProgressForm(
        request.POST, organisation=access.organisation, action=action, access=access
    )
    clean = form.is_valid() and guard_form(
        form,
        organisation=access.organisation,
        fields=("comment", "impact_note"),
        data=request.POST,
        by=request.user,
        where=f"Progress on “{action.title}” · ",
    )
    if clean:
        data = form.cleaned_data
        progress = Progress(
            comment=data["comment"],
            status=data["status"],
            completed_on=data["completed_on"],
            impact_note=data["impact_note"],
            completion_evidence=list(data["completion_evidence"]) + form.hidden_evidence,
        )
        try:
            action_record_progress(action=action, by=request.user, progress=progress)
        except ValidationError as exc:
            add_service_errors(form, exc)
            action.refresh_from_db()  # show the action as stored, not as the attempt left it
        else:
            messages.success(
                request,
                gettext("Progress recorded: “%(title)s” is %(status)s.")
                % {"title": action.title, "status": action.get_status_display().lower()},
            )
            return redirect(action)
    return _detail_page(request, access, action, progress_form=form, status=400)


@org_view(Perm.UPDATE_ASSIGNED_WORK, methods=("POST",), object_rule="owners only")
def action_evidence_add(request: HttpRequest, access: OrgAccess, action_code: UUID) -> HttpResponse:
    """A new file or link added to the library and linked to the action in one step. htmx gets
    the evidence panel (and the item ticked in the progress form's picker, so saving progress
    keeps it); a plain post goes back to the page."""
    action = get_action(action_code)
    if not can_update(access, action, request.user):
        raise PermissionDenied
    form = quick_form(access, request.POST, request.FILES)
    if form.is_valid():
        try:
            item = action_add_evidence(
                action=action, by=request.user, **form.service_kwargs(owner=request.user)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if request.headers.get("HX-Request") != "true":
                messages.success(
                    request,
                    gettext("“%(title)s” is in the evidence library and linked.")
                    % {"title": item.title},
                )
                return redirect(action)
            context = page_context(access, action=action, added=item, field="completion_evidence")
            context.update(evidence_panel(access, action, True))
            return render(request, "actionplans/_evidence_added.html", context)
    if request.headers.get("HX-Request") == "true":
        context = page_context(access, action=action, **evidence_panel(access, action, True, form))
        return render(request, "actionplans/_evidence_panel.html", context, status=400)
    return _detail_page(request, access, action, status=400, add_form=form)
