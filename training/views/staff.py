"""The staff list, adding and editing a member of staff, their record and their completions."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from accounts.http import AuthenticatedHttpRequest
from core.forms import add_service_errors
from core.pagination import paginate
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm
from training.forms import CompletionForm, StaffForm
from training.selectors import matrix_rows, required_courses, sites, staff_completions, staff_list
from training.services import completion_record, completion_remove, staff_create, staff_update
from training.views.common import (
    PER_PAGE,
    get_completion,
    get_staff,
    page_context,
)
from training.views.matrix import filter_form


@org_view(Perm.VIEW_ORGANISATION)
def staff_index(request: AuthenticatedHttpRequest, access: OrgAccess) -> HttpResponse:
    today = timezone.localdate()
    form = filter_form(request, access)
    filters = form.filters()
    leavers = request.GET.get("leavers") == "1"
    people = staff_list(organisation=access.organisation, today=today, leavers=leavers, **filters)
    page = paginate(request, people, per_page=PER_PAGE)
    courses = required_courses(organisation=access.organisation)
    rows = matrix_rows(
        organisation=access.organisation, staff=list(page), courses=courses, today=today
    )
    context = page_context(
        access,
        page=page,
        rows=rows,
        filter_form=form,
        leavers=leavers,
        is_filtered=any(filters.values()) or leavers,
        today=today,
    )
    return render(request, "training/staff_list.html", context)


def _form_page(request, access, form, staff=None, status=200) -> HttpResponse:
    context = page_context(
        access, form=form, staff=staff, sites=sites(organisation=access.organisation)
    )
    return render(request, "training/staff_form.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def staff_create_view(request: AuthenticatedHttpRequest, access: OrgAccess) -> HttpResponse:
    if request.method == "POST":
        form = StaffForm(request.POST)
        if form.is_valid():
            try:
                staff = staff_create(
                    organisation=access.organisation, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, gettext("%(name)s is on the training matrix.") % {"name": staff.name}
                )
                return redirect(staff)
        return _form_page(request, access, form, status=400)
    return _form_page(request, access, StaffForm(initial={"start_date": timezone.localdate()}))


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def staff_edit(
    request: AuthenticatedHttpRequest, access: OrgAccess, staff_code: UUID
) -> HttpResponse:
    staff = get_staff(staff_code)
    if request.method == "POST":
        form = StaffForm(request.POST)
        if form.is_valid():
            try:
                staff_update(staff, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, gettext("Changes saved."))
                return redirect(staff)
        return _form_page(request, access, form, staff, status=400)
    return _form_page(request, access, StaffForm(initial=StaffForm.initial_for(staff)), staff)


@org_view(Perm.VIEW_ORGANISATION)
def staff_detail(
    request: AuthenticatedHttpRequest, access: OrgAccess, staff_code: UUID
) -> HttpResponse:
    staff = get_staff(staff_code)
    form = CompletionForm(
        organisation=access.organisation, initial={"completed_on": timezone.localdate()}
    )
    return _detail_page(request, access, staff, form)


def _detail_page(request, access, staff, form, status=200) -> HttpResponse:
    today = timezone.localdate()
    courses = required_courses(organisation=access.organisation)
    row = matrix_rows(organisation=access.organisation, staff=[staff], courses=courses, today=today)
    cells = [(c, cell) for c, cell in zip(courses, row[0].cells, strict=True) if cell.needed]
    page = paginate(request, staff_completions(staff=staff), per_page=PER_PAGE)
    context = page_context(
        access,
        staff=staff,
        cells=cells,
        page=page,
        form=form,
        left=bool(staff.leaving_date and staff.leaving_date < today),
        today=today,
    )
    return render(request, "training/staff_detail.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def completion_create(
    request: AuthenticatedHttpRequest, access: OrgAccess, staff_code: UUID
) -> HttpResponse:
    staff = get_staff(staff_code)
    form = CompletionForm(request.POST, organisation=access.organisation)
    if form.is_valid():
        try:
            _completion, created = completion_record(
                organisation=access.organisation, staff=staff, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            course = form.cleaned_data["course"]
            if created:
                messages.success(
                    request,
                    gettext("%(course)s recorded for %(name)s.")
                    % {"course": course, "name": staff.name},
                )
            else:
                messages.info(
                    request,
                    gettext("%(course)s on that date was already recorded.") % {"course": course},
                )
            return redirect(staff)
    return _detail_page(request, access, staff, form, status=400)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def completion_delete(
    request: AuthenticatedHttpRequest, access: OrgAccess, completion_code: UUID
) -> HttpResponse:
    completion = get_completion(completion_code)
    staff = completion.staff
    completion_remove(completion, by=request.user)
    messages.success(
        request,
        gettext("The %(course)s completion was removed.") % {"course": completion.course},
    )
    return redirect(staff)
