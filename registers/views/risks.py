"""The Prevent risk register: list, export, adding, editing, reviews and further actions."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from core.forms import add_service_errors
from registers.base import a_year_after
from registers.forms import RaiseActionForm, RiskFilterForm, RiskForm, RiskReviewForm
from registers.risk_sheet import EXPORT_COLUMNS, risk_export_row
from registers.selectors import risk_history, risk_list, risk_reviews, risk_summary
from registers.services import risk_create, risk_raise_action, risk_review, risk_update
from registers.services.risks import ReviewEntry
from registers.tabular import export_response
from registers.views.common import get_risk, page_context, paginate
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.VIEW_ORGANISATION)
def registers_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    return redirect("registers:risks", org_slug=access.organisation.slug)


def _filtered(request: HttpRequest, access: OrgAccess):
    form = RiskFilterForm(request.GET or None)
    filters = form.filters()
    return form, filters, risk_list(organisation=access.organisation, **filters)


@org_view(Perm.VIEW_ORGANISATION)
def risk_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    form, filters, risks = _filtered(request, access)
    page, query = paginate(request, risks)
    filtered = any(v for k, v in filters.items() if k != "status") or filters["status"] != "open"
    context = page_context(
        access,
        page=page,
        query=query,
        filter_form=form,
        is_filtered=filtered,
        export_query=request.GET.urlencode(),
        summary=risk_summary(organisation=access.organisation),
        today=timezone.localdate(),
    )
    return render(request, "registers/risks.html", context)


@org_view(Perm.VIEW_ORGANISATION)
def risk_export(request: HttpRequest, access: OrgAccess, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format.")
    _form, _filters, risks = _filtered(request, access)
    return export_response(
        stem=f"prevent-risk-register-{access.organisation.slug}",
        fmt=fmt,
        headers=EXPORT_COLUMNS,  # English whatever the language: the import reads them back
        rows=(risk_export_row(r) for r in risks.iterator(chunk_size=500)),
        sheet="Prevent risk assessment",
    )


def _form_page(request, access, form, risk=None, status=200) -> HttpResponse:
    context = page_context(access, form=form, risk=risk)
    return render(request, "registers/risk_form.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def risk_create_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    if request.method == "POST":
        form = RiskForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                risk = risk_create(organisation=organisation, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, gettext("The risk is in the register."))
                return redirect(risk)
        return _form_page(request, access, form, status=400)
    today = timezone.localdate()
    initial = {
        "owner": request.user.pk if access.membership else None,
        "next_review_date": a_year_after(today),
    }
    return _form_page(request, access, RiskForm(organisation=organisation, initial=initial))


@org_view(Perm.VIEW_ORGANISATION)
def risk_detail(request: HttpRequest, access: OrgAccess, risk_code: UUID) -> HttpResponse:
    risk = get_risk(risk_code)
    return _detail_page(request, access, risk)


def _detail_page(request, access, risk, review_form=None, action_form=None, status=200):
    today = timezone.localdate()
    organisation = access.organisation
    context = page_context(
        access,
        risk=risk,
        reviews=list(risk_reviews(risk=risk)),
        history=risk_history(risk=risk),
        review_form=review_form
        or RiskReviewForm(
            initial={
                "reviewed_on": today,
                "likelihood": risk.likelihood,
                "impact": risk.impact,
                "residual_likelihood": risk.residual_likelihood,
                "residual_impact": risk.residual_impact,
            },
            prefix="review",
        ),
        action_form=action_form
        or RaiseActionForm(
            organisation=organisation,
            initial={"owner": risk.owner_id, "due_date": risk.action_due},
            prefix="action",
        ),
        review_state=risk.review_state(today),
        today=today,
    )
    return render(request, "registers/risk_detail.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def risk_edit(request: HttpRequest, access: OrgAccess, risk_code: UUID) -> HttpResponse:
    risk = get_risk(risk_code)
    organisation = access.organisation
    if request.method == "POST":
        form = RiskForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                risk_update(risk=risk, by=request.user, changes=form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
                risk.refresh_from_db()
            else:
                messages.success(request, gettext("Your changes to the risk are saved."))
                return redirect(risk)
        return _form_page(request, access, form, risk, status=400)
    form = RiskForm(organisation=organisation, initial=RiskForm.initial_for(risk))
    return _form_page(request, access, form, risk)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def risk_review_view(request: HttpRequest, access: OrgAccess, risk_code: UUID) -> HttpResponse:
    risk = get_risk(risk_code)
    form = RiskReviewForm(request.POST, prefix="review")
    if form.is_valid():
        try:
            risk_review(risk=risk, by=request.user, entry=ReviewEntry(**form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, gettext("The review is recorded."))
            return redirect(f"{risk.get_absolute_url()}#reviews")
    return _detail_page(request, access, risk, review_form=form, status=400)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def risk_raise_action_view(
    request: HttpRequest, access: OrgAccess, risk_code: UUID
) -> HttpResponse:
    risk = get_risk(risk_code)
    form = RaiseActionForm(request.POST, organisation=access.organisation, prefix="action")
    if form.is_valid():
        try:
            action = risk_raise_action(risk=risk, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, gettext("“%(title)s” is in the action plan.") % {"title": action.title}
            )
            return redirect(f"{risk.get_absolute_url()}#further-action")
    return _detail_page(request, access, risk, action_form=form, status=400)
