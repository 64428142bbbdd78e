"""The training matrix (people x required courses) with its figures, the overdue list and the
new starters still to do their induction training."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.pagination import paginate
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm
from training.forms import StaffFilterForm
from training.selectors import matrix_rows, sites, staff_list, training_overview
from training.views.common import PER_PAGE, ensure_catalogue, page_context


def filter_form(request: HttpRequest, access: OrgAccess) -> StaffFilterForm:
    return StaffFilterForm(request.GET or None, sites=sites(organisation=access.organisation))


@org_view(Perm.VIEW_ORGANISATION)
def matrix(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    ensure_catalogue(request, access)
    organisation, today = access.organisation, timezone.localdate()
    overview = training_overview(organisation=organisation, today=today)
    form = filter_form(request, access)
    filters = form.filters()
    people = staff_list(organisation=organisation, today=today, **filters).filter(
        start_date__lte=today
    )
    page = paginate(request, people, per_page=PER_PAGE)
    rows = matrix_rows(
        organisation=organisation, staff=list(page), courses=overview.courses, today=today
    )
    context = page_context(
        access,
        overview=overview,
        page=page,
        rows=rows,
        filter_form=form,
        is_filtered=any(filters.values()),
        today=today,
    )
    return render(request, "training/matrix.html", context)


@org_view(Perm.VIEW_ORGANISATION)
def overdue(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    overview = training_overview(organisation=access.organisation, today=timezone.localdate())
    page = paginate(request, overview.overdue, per_page=PER_PAGE)
    context = page_context(access, overview=overview, page=page)
    return render(request, "training/overdue.html", context)


@org_view(Perm.VIEW_ORGANISATION)
def new_starters(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    overview = training_overview(organisation=access.organisation, today=timezone.localdate())
    page = paginate(request, overview.new_starters, per_page=PER_PAGE)
    context = page_context(access, overview=overview, page=page)
    return render(request, "training/new_starters.html", context)
