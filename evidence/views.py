from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from core.files import stored_file_response
from core.forms import add_service_errors
from core.pagination import paginate_wide
from evidence.forms import EvidenceFilterForm, EvidenceForm
from evidence.list_rows import evidence_rows
from evidence.models import EvidenceItem, only_visible, sees_restricted
from evidence.selectors import evidence_downloads, evidence_history, evidence_list
from evidence.services import (
    evidence_archive,
    evidence_create,
    evidence_record_download,
    evidence_update,
    is_web_address,
    link_host,
)
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


def get_evidence_item(code: UUID, access: OrgAccess) -> EvidenceItem:
    """The item by its code, for anyone who may see it: a restricted item is a 404 (not a 403,
    which would say it exists) to everyone without VIEW_RESTRICTED_EVIDENCE."""
    items = only_visible(EvidenceItem.objects.all(), access)
    return get_object_or_404(
        items.select_related("owner", "uploaded_by", "organisation"), code=code
    )


def can_edit(access: OrgAccess, item: EvidenceItem, user) -> bool:
    """Quality managers edit anything; contributors only what they own or uploaded."""
    if not access.can(Perm.UPDATE_ASSIGNED_WORK):
        return False
    if access.can(Perm.MANAGE_COMPLIANCE_WORK):
        return True
    return user.pk is not None and user.pk in (item.owner_id, item.uploaded_by_id)


def _context(access: OrgAccess, **extra) -> dict:
    return {"access": access, "organisation": access.organisation, **extra}


def _service_kwargs(form: EvidenceForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "kind": data["kind"],
        "file": data.get("file"),
        "url": data.get("url", ""),
        "owner": data["owner"],
        "effective_date": data["effective_date"],
        "valid_until": data.get("valid_until"),
        "sensitivity": data.get("sensitivity") or None,  # None: the field was not offered
    }


@org_view(Perm.VIEW_CONTENT)
def evidence_list_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    filter_form = EvidenceFilterForm(request.GET or None, organisation=organisation)
    filters = filter_form.filters()
    page = paginate_wide(
        request, evidence_list(organisation=organisation, access=access, **filters)
    )
    context = _context(
        access,
        page=page,
        evidence_rows=evidence_rows(page, org_slug=organisation.slug),
        filter_form=filter_form,
        is_filtered=any(filters.values()),
        can_add=access.can(Perm.UPDATE_ASSIGNED_WORK),
        sees_restricted=sees_restricted(access),
    )
    return render(request, "evidence/list.html", context)


@org_view(Perm.UPDATE_ASSIGNED_WORK, methods=("GET", "POST"))
def evidence_add(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    if request.method == "POST":
        form = EvidenceForm(request.POST, request.FILES, organisation=organisation, access=access)
        if form.is_valid():
            try:
                item = evidence_create(
                    organisation=organisation, by=request.user, **_service_kwargs(form)
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext("“%(title)s” is in the evidence library.") % {"title": item.title},
                )
                return redirect(item)
        status = 400
    else:
        is_member = access.membership is not None
        form = EvidenceForm(
            organisation=organisation,
            access=access,
            initial={"owner": request.user.pk if is_member else None},
        )
        status = 200
    context = _context(access, form=form, item=None)
    return render(request, "evidence/form.html", context, status=status)


@org_view(Perm.VIEW_CONTENT)
def evidence_detail(request: HttpRequest, access: OrgAccess, evidence_code: UUID) -> HttpResponse:
    item = get_evidence_item(evidence_code, access)
    downloads, download_count = evidence_downloads(item=item) if item.is_restricted else ([], 0)
    context = _context(
        access,
        item=item,
        history=evidence_history(item=item),
        downloads=downloads,
        download_count=download_count,
        can_edit=can_edit(access, item, request.user) and not item.is_archived,
        can_archive=access.can(Perm.MANAGE_COMPLIANCE_WORK) and not item.is_archived,
        link_is_safe=item.is_link and is_web_address(item.url),
    )
    return render(request, "evidence/detail.html", context)


@org_view(Perm.UPDATE_ASSIGNED_WORK, methods=("GET", "POST"))
def evidence_edit(request: HttpRequest, access: OrgAccess, evidence_code: UUID) -> HttpResponse:
    item = get_evidence_item(evidence_code, access)
    if not can_edit(access, item, request.user):
        raise PermissionDenied
    if item.is_archived:
        messages.error(request, gettext("This item is archived, so it can no longer be changed."))
        return redirect(item)
    organisation = access.organisation
    if request.method == "POST":
        form = EvidenceForm(
            request.POST, request.FILES, organisation=organisation, access=access, item=item
        )
        if form.is_valid():
            try:
                evidence_update(item=item, by=request.user, **_service_kwargs(form))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext("Your changes to “%(title)s” are saved.") % {"title": item.title},
                )
                return redirect(item)
        status = 400
    else:
        form = EvidenceForm(
            organisation=organisation,
            access=access,
            item=item,
            initial=EvidenceForm.initial_for(item),
        )
        status = 200
    context = _context(access, form=form, item=item)
    return render(request, "evidence/form.html", context, status=status)


@org_view(Perm.VIEW_CONTENT)
def evidence_download(request: HttpRequest, access: OrgAccess, evidence_code: UUID) -> HttpResponse:
    item = get_evidence_item(evidence_code, access)
    if item.is_link:
        if not is_web_address(item.url):
            raise Http404("This link is not a web address.")
        evidence_record_download(item=item, by=request.user)
        # Never a bare redirect: say where the link goes, and let the person choose.
        context = {
            "access": access,
            "organisation": access.organisation,
            "item": item,
            "host": link_host(item.url),
        }
        return render(request, "evidence/leaving.html", context)
    if not item.file:
        raise Http404("This item has no file.")
    response = stored_file_response(
        item.file,
        filename=item.original_filename or f"evidence-{item.code}",
        content_type=item.content_type,
    )
    evidence_record_download(item=item, by=request.user)  # once the file is found
    return response


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def evidence_archive_view(
    request: HttpRequest, access: OrgAccess, evidence_code: UUID
) -> HttpResponse:
    item = get_evidence_item(evidence_code, access)
    evidence_archive(item=item, by=request.user)
    messages.success(
        request,
        gettext(
            "“%(title)s” is archived. It no longer shows in the library; "
            "choose “Archived” to find it."
        )
        % {"title": item.title},
    )
    return redirect("evidence:list", org_slug=access.organisation.slug)
