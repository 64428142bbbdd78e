"""Monitoring visits, their findings, and raising actions from the findings in one step."""

from datetime import timedelta
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from core.forms import add_service_errors
from subcontractors.forms import FindingFormSet, RaiseActionsForm, VisitForm, findings_initial
from subcontractors.models import MonitoringVisit, Subcontractor
from subcontractors.selectors import visit_actions, visit_findings_with_actions
from subcontractors.services import (
    FindingChange,
    visit_create,
    visit_raise_actions,
    visit_update,
)
from subcontractors.views.common import get_subcontractor, get_visit, page_context
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

DEFAULT_DAYS_TO_ACT = 30


def _findings(formset) -> list[FindingChange]:
    return [
        FindingChange(
            number=form.cleaned_data.get("number"), text=form.cleaned_data.get("text", "")
        )
        for form in formset.forms
        if form.cleaned_data
    ]


def _visit_form_page(
    request, access, subcontractor: Subcontractor, visit: MonitoringVisit | None = None
) -> HttpResponse:
    organisation = access.organisation
    existing = list(visit.findings.order_by("number")) if visit else []
    if request.method == "POST":
        form = VisitForm(request.POST, organisation=organisation)
        formset = FindingFormSet(request.POST, prefix="findings")
        if form.is_valid() and formset.is_valid():
            fields = form.cleaned_data
            try:
                if visit is None:
                    visit = visit_create(
                        subcontractor=subcontractor,
                        by=request.user,
                        findings=_findings(formset),
                        **fields,
                    )
                    messages.success(request, gettext("The visit is recorded."))
                else:
                    visit_update(
                        visit=visit, by=request.user, findings=_findings(formset), **fields
                    )
                    messages.success(request, gettext("Your changes to the visit are saved."))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(visit)
        status = 400
    else:
        if visit is None:
            initial = {"visit_date": timezone.localdate()}
            if access.membership:
                initial["visitor"] = request.user.pk
        else:
            initial = VisitForm.initial_for(visit)
        form = VisitForm(organisation=organisation, initial=initial)
        formset = FindingFormSet(prefix="findings", initial=findings_initial(existing))
        status = 200
    context = page_context(
        access,
        subcontractor=subcontractor,
        visit=visit,
        form=form,
        formset=formset,
        all_forms=[form, *formset.forms],
    )
    return render(request, "subcontractors/visit_form.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def visit_create_view(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID
) -> HttpResponse:
    return _visit_form_page(request, access, get_subcontractor(subcontractor_code))


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def visit_edit(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID, visit_code: UUID
) -> HttpResponse:
    subcontractor = get_subcontractor(subcontractor_code)
    return _visit_form_page(request, access, subcontractor, get_visit(subcontractor, visit_code))


def _visit_page(request, access, visit: MonitoringVisit, form=None, status=200) -> HttpResponse:
    findings = list(visit.findings.order_by("number"))
    actions = list(visit_actions(visit))
    raised = visit_findings_with_actions(visit)
    open_findings = [f for f in findings if f.number not in raised]
    can_manage = access.can(Perm.MANAGE_COMPLIANCE_WORK)
    if form is None and can_manage and open_findings:
        form = RaiseActionsForm(
            organisation=access.organisation,
            findings=findings,
            initial={
                # The first time, every finding is ticked; after that the choice is yours.
                "findings": [] if raised else [f.number for f in open_findings],
                "owner": visit.visitor_id,
                "due_date": timezone.localdate() + timedelta(days=DEFAULT_DAYS_TO_ACT),
            },
        )
    by_number = {}
    for action in actions:
        number = action.source_key.removeprefix(visit.action_source_prefix)
        by_number[int(number)] = action
    context = page_context(
        access,
        subcontractor=visit.subcontractor,
        visit=visit,
        findings=[{"finding": f, "action": by_number.get(f.number)} for f in findings],
        actions=actions,
        form=form if can_manage and open_findings else None,
        raised=raised,
        today=timezone.localdate(),
    )
    return render(request, "subcontractors/visit.html", context, status=status)


@org_view(Perm.VIEW_ORGANISATION)
def visit_detail(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID, visit_code: UUID
) -> HttpResponse:
    visit = get_visit(get_subcontractor(subcontractor_code), visit_code)
    return _visit_page(request, access, visit)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def visit_raise_actions_view(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID, visit_code: UUID
) -> HttpResponse:
    visit = get_visit(get_subcontractor(subcontractor_code), visit_code)
    raised = visit_findings_with_actions(visit)
    open_findings = [f for f in visit.findings.order_by("number") if f.number not in raised]
    if not open_findings:
        messages.info(request, gettext("Every finding of this visit already has its action."))
        return redirect(visit)
    # Every finding is a valid choice, so a form sent twice (or from an older page) raises
    # only what is still missing instead of failing.
    findings = list(visit.findings.order_by("number"))
    form = RaiseActionsForm(request.POST, organisation=access.organisation, findings=findings)
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = visit_raise_actions(
                visit=visit,
                by=request.user,
                numbers=data["findings"],
                owner=data["owner"],
                due_date=data["due_date"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            count = len(created)
            if count:
                added = ngettext(
                    "%(count)s new action is in the action plan.",
                    "%(count)s new actions are in the action plan.",
                    count,
                )
                messages.success(request, added % {"count": count})
            else:
                messages.info(request, gettext("Those findings already have their actions."))
            return redirect(visit)
    return _visit_page(request, access, visit, form=form, status=400)
