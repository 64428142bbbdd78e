"""The partner register's front page (when each kind of partner was last engaged, per area) and
the delivery areas."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from core.forms import add_service_errors
from partners.forms import AreaForm
from partners.models import PartnerKind
from partners.selectors import area_list, last_contact, partner_summary
from partners.services import area_create, area_rename
from partners.views.common import get_area, page_context, paginate
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

AREAS_PER_PAGE = 20


@org_view(Perm.VIEW_ORGANISATION)
def partner_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    today = timezone.localdate()
    page, query = paginate(request, area_list(organisation=organisation), AREAS_PER_PAGE)
    context = page_context(
        access,
        page=page,
        query=query,
        rows=last_contact(organisation=organisation, areas=page.object_list, today=today),
        summary=partner_summary(organisation=organisation, today=today),
        kinds=PartnerKind,
        today=today,
        area_form=AreaForm(),
    )
    return render(request, "partners/index.html", context)


def _area_page(request, access, form, area=None, status=200) -> HttpResponse:
    context = page_context(access, form=form, area=area)
    return render(request, "partners/area_form.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def area_create_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    if request.method != "POST":
        return _area_page(request, access, AreaForm())
    form = AreaForm(request.POST)
    if form.is_valid():
        try:
            area = area_create(
                organisation=access.organisation, by=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                gettext("%(name)s is a delivery area. Add its partners next.")
                % {"name": area.name},
            )
            return redirect("partners:index", org_slug=access.organisation.slug)
    return _area_page(request, access, form, status=400)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def area_edit(request: HttpRequest, access: OrgAccess, area_code: UUID) -> HttpResponse:
    area = get_area(area_code)
    if request.method != "POST":
        return _area_page(request, access, AreaForm(initial={"name": area.name}), area)
    form = AreaForm(request.POST)
    if form.is_valid():
        old_name = area.name
        try:
            area_rename(area=area, by=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            area.name = old_name
        else:
            messages.success(
                request, gettext("The area is now called %(name)s.") % {"name": area.name}
            )
            return redirect("partners:index", org_slug=access.organisation.slug)
    return _area_page(request, access, form, area, status=400)
