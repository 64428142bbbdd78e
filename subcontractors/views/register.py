"""The subcontractor register: the filtered list, its CSV export, and adding and editing."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from core.downloads import csv_response
from core.forms import add_service_errors
from core.pagination import paginate_wide
from subcontractors.forms import RegisterFilterForm, SubcontractorForm
from subcontractors.models import ReviewStatus
from subcontractors.register_rows import register_rows
from subcontractors.selectors import (
    register_summary,
    subcontractor_documents,
    subcontractor_history,
    subcontractor_list,
    subcontractor_reviews,
)
from subcontractors.services import subcontractor_create, subcontractor_update
from subcontractors.views.common import get_subcontractor, page_context
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


def filtered_register(request: HttpRequest, access: OrgAccess):
    """The filter form and the register it selects: shared by the page and the CSV export."""
    form = RegisterFilterForm(request.GET or None)
    filters = form.filters()
    return form, filters, subcontractor_list(organisation=access.organisation, **filters)


@org_view(Perm.VIEW_ORGANISATION)
def subcontractor_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    form, filters, subcontractors = filtered_register(request, access)
    page = paginate_wide(request, subcontractors)
    context = page_context(
        access,
        page=page,
        register_rows=register_rows(page, org_slug=access.organisation.slug),
        filter_form=form,
        is_filtered=any(filters.values()),
        query=request.GET.urlencode() if any(filters.values()) else "",
        summary=register_summary(organisation=access.organisation),
    )
    return render(request, "subcontractors/index.html", context)


COLUMNS = [
    "Name",
    "UKPRN",
    "Status",
    "Risk rating",
    "Risk reasons",
    "Specified authority",
    "Contract value (£)",
    "Funding stream",
    "Contract start",
    "Contract end",
    "Delivery regions",
    "Main contact",
    "Main contact's email",
    "Prevent lead",
    "Prevent lead's email",
    "Responsible person",
    "Next review date",
    "Review overdue",
    "Latest review",
    "Last accepted review",
]
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _date(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "astimezone"):
        value = timezone.localtime(value).date()
    return value.isoformat()


def _authority(s) -> str:
    """The recorded status with how it was established, its basis and the date checked."""
    if s.specified_authority == "unknown":
        return s.get_specified_authority_display()
    return (
        f"{s.get_specified_authority_display()} ({s.get_authority_source_display().lower()} "
        f"{_date(s.authority_checked_on)}; {s.get_authority_basis_display()})"
    )


def register_row(s) -> list[str]:
    latest = ReviewStatus(s.latest_review_status).label if s.latest_review_status else ""
    return [
        safe_cell(value)
        for value in (
            s.name,
            s.ukprn,
            s.get_status_display(),
            s.get_risk_rating_display(),
            s.risk_reasons,
            _authority(s),
            f"{s.contract_value:.2f}",
            s.get_funding_stream_display(),
            _date(s.contract_start),
            _date(s.contract_end),
            "; ".join(s.delivery_region_labels),
            s.contact_name,
            s.contact_email,
            s.prevent_lead_name,
            s.prevent_lead_email,
            s.owner.display_name if s.owner else "",
            _date(s.next_review_date),
            "Yes" if s.review_overdue else "No",
            latest,
            _date(s.last_accepted_at),
        )
    ]


@org_view(Perm.VIEW_ORGANISATION)
def subcontractor_export(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    _form, _filters, subcontractors = filtered_register(request, access)
    today = timezone.localdate()
    filename = f"subcontractors-{access.organisation.slug}-{today.isoformat()}.csv"
    rows = (register_row(subcontractor) for subcontractor in subcontractors)
    return csv_response(filename, COLUMNS, rows)


def _form_page(request, access, form, subcontractor=None, status=200) -> HttpResponse:
    context = page_context(access, form=form, subcontractor=subcontractor)
    return render(request, "subcontractors/form.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def subcontractor_create_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    if request.method == "POST":
        form = SubcontractorForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                subcontractor = subcontractor_create(
                    organisation=organisation, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext("%(name)s is in the register.") % {"name": subcontractor.name},
                )
                return redirect(subcontractor)
        return _form_page(request, access, form, status=400)
    initial = {"owner": request.user.pk if access.membership else None}
    return _form_page(
        request, access, SubcontractorForm(organisation=organisation, initial=initial)
    )


@org_view(Perm.VIEW_ORGANISATION)
def subcontractor_detail(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID
) -> HttpResponse:
    subcontractor = get_subcontractor(subcontractor_code)
    today = timezone.localdate()
    reviews = list(subcontractor_reviews(subcontractor=subcontractor))
    open_review = next((r for r in reviews if r.is_open), None)
    context = page_context(
        access,
        subcontractor=subcontractor,
        reviews=reviews,
        open_review=open_review,
        review_overdue=subcontractor.review_is_overdue(today)
        or bool(open_review and open_review.is_overdue(today)),
        visits=list(subcontractor.visits.select_related("visitor").order_by("-visit_date")),
        documents=list(subcontractor_documents(subcontractor=subcontractor)),
        history=subcontractor_history(subcontractor=subcontractor),
        today=today,
    )
    return render(request, "subcontractors/detail.html", context)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def subcontractor_edit(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID
) -> HttpResponse:
    subcontractor = get_subcontractor(subcontractor_code)
    organisation = access.organisation
    if request.method == "POST":
        form = SubcontractorForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                subcontractor_update(
                    subcontractor=subcontractor, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                subcontractor.refresh_from_db()
            else:
                messages.success(
                    request,
                    gettext("Your changes to %(name)s are saved.") % {"name": subcontractor.name},
                )
                return redirect(subcontractor)
        return _form_page(request, access, form, subcontractor, status=400)
    form = SubcontractorForm(
        organisation=organisation, initial=SubcontractorForm.initial_for(subcontractor)
    )
    return _form_page(request, access, form, subcontractor)
