"""A subcontractor's documents: adding them, downloading (the only way files are served) and
archiving."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from core.files import stored_file_response
from core.forms import add_service_errors
from subcontractors.forms import DocumentForm
from subcontractors.models import SubcontractorDocument
from subcontractors.services import document_add, document_archive
from subcontractors.views.common import get_document, get_subcontractor, page_context
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


def file_response(document: SubcontractorDocument) -> FileResponse:
    """The stored file as an attachment, under the name it was uploaded with."""
    return stored_file_response(
        document.file,
        filename=document.original_filename or f"document-{document.code}",
        content_type=document.content_type,
    )


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def document_add_view(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID
) -> HttpResponse:
    subcontractor = get_subcontractor(subcontractor_code)
    organisation = access.organisation
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES, organisation=organisation)
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = document_add(
                    subcontractor=subcontractor,
                    by=request.user,
                    kind=data["kind"],
                    title=data["title"],
                    file=data["file"],
                    owner=data["owner"],
                    expires_on=data.get("expires_on"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, gettext("“%(title)s” is added.") % {"title": document.title}
                )
                return redirect(f"{subcontractor.get_absolute_url()}#documents")
        status = 400
    else:
        owner = subcontractor.owner_id or (request.user.pk if access.membership else None)
        form = DocumentForm(organisation=organisation, initial={"owner": owner})
        status = 200
    context = page_context(access, subcontractor=subcontractor, form=form)
    return render(request, "subcontractors/document_form.html", context, status=status)


@org_view(Perm.VIEW_CONTENT)
def document_download(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID, document_code: UUID
) -> HttpResponse:
    document = get_document(get_subcontractor(subcontractor_code), document_code)
    return file_response(document)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def document_archive_view(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID, document_code: UUID
) -> HttpResponse:
    subcontractor = get_subcontractor(subcontractor_code)
    document = get_document(subcontractor, document_code)
    document_archive(document=document, by=request.user)
    messages.success(
        request,
        gettext(
            "“%(title)s” is archived. It is kept for the record but no longer shows here "
            "or sends reminders."
        )
        % {"title": document.title},
    )
    return redirect(f"{subcontractor.get_absolute_url()}#documents")
