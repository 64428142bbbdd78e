"""Partner contacts: list (searchable, paginated), adding, editing and each contact's log."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from core.forms import add_service_errors
from partners.forms import ContactForm, FilterForm
from partners.models import PartnerKind
from partners.selectors import contact_history, contact_list, engagement_list
from partners.services import contact_create, contact_update
from partners.views.common import get_contact, page_context, paginate
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.VIEW_ORGANISATION)
def contact_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    form = FilterForm(request.GET or None, organisation=organisation, kinds=PartnerKind.choices)
    filters = form.filters()
    show_past = request.GET.get("past") == "1"
    contacts = contact_list(
        organisation=organisation, current=None if show_past else True, **filters
    )
    page, query = paginate(request, contacts)
    context = page_context(
        access,
        page=page,
        query=query,
        filter_form=form,
        show_past=show_past,
        is_filtered=any(filters.values()) or show_past,
    )
    return render(request, "partners/contacts.html", context)


def _form_page(request, access, form, contact=None, status=200) -> HttpResponse:
    context = page_context(access, form=form, contact=contact)
    return render(request, "partners/contact_form.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def contact_create_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    if request.method == "POST":
        form = ContactForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                contact = contact_create(
                    organisation=organisation, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext("%(name)s is in the partner register.")
                    % {"name": contact.organisation_name},
                )
                return redirect(contact)
        return _form_page(request, access, form, status=400)
    initial = {"is_current": True, "owner": request.user.pk if access.membership else None}
    area = request.GET.get("area")
    if area:
        initial["area"] = form_area_pk(organisation, area)
    return _form_page(request, access, ContactForm(organisation=organisation, initial=initial))


def form_area_pk(organisation, code: str) -> int | None:
    """The area a "add a partner for this area" link names, if it is one of ours."""
    field = FilterForm(organisation=organisation, kinds=[]).fields["area"]
    try:
        return field.clean(code).pk
    except ValidationError:
        return None


@org_view(Perm.VIEW_ORGANISATION)
def contact_detail(request: HttpRequest, access: OrgAccess, contact_code: UUID) -> HttpResponse:
    contact = get_contact(contact_code)
    engagements = engagement_list(organisation=access.organisation, contact=contact)
    page, query = paginate(request, engagements)
    context = page_context(
        access,
        contact=contact,
        page=page,
        query=query,
        history=contact_history(contact=contact),
    )
    return render(request, "partners/contact_detail.html", context)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def contact_edit(request: HttpRequest, access: OrgAccess, contact_code: UUID) -> HttpResponse:
    contact = get_contact(contact_code)
    organisation = access.organisation
    if request.method == "POST":
        form = ContactForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                contact_update(contact=contact, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
                contact.refresh_from_db()
            else:
                messages.success(request, gettext("Your changes to the partner are saved."))
                return redirect(contact)
        return _form_page(request, access, form, contact, status=400)
    form = ContactForm(organisation=organisation, initial=ContactForm.initial_for(contact))
    return _form_page(request, access, form, contact)
