"""Adding a new file or link to the library from a benchmark's card, linked to its response in
one step (the library's own checks: `evidence.forms.EvidenceQuickForm`, `evidence_create`).

The card's picker sits inside the autosave form, so the add form's controls sit there too but
belong, by HTML's `form` attribute, to a form of their own after it. With htmx the reply
replaces the add panel (a fresh form, or the sent one with its errors beside the fields) and
adds the item, ticked, to the card's linked evidence and the new revision to the autosave
form; without JavaScript the page comes back (400 with the errors) or the post redirects.

The panel is drawn closed and empty on the page; opening it fetches its form here (GET).
"""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from assessments.access import can_answer, get_assessment, get_response
from assessments.models import Assessment, Response
from assessments.services import response_add_evidence
from assessments.views.respond import (
    _closed,
    _is_htmx,
    _respond_page,
    _respond_url,
    add_form_id,
    quick_form,
)
from core.forms import add_service_errors
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.UPDATE_ASSIGNED_WORK, methods=("GET", "POST"), object_rule="assigned criteria only")
def response_evidence_add(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID, response_code: UUID
) -> HttpResponse:
    assessment = get_assessment(assessment_code, organisation=access.organisation)
    response = get_response(assessment, response_code)
    if request.method != "POST":
        return _empty_panel(request, access, assessment, response)
    if not assessment.is_editable:
        return _closed(request, assessment, response)
    if not can_answer(access, assessment, response.benchmark.criterion_id):
        raise PermissionDenied
    form = quick_form(response, access, request.POST, request.FILES)
    if form.is_valid():
        try:
            item, saved = response_add_evidence(
                response=response, by=request.user, **form.service_kwargs(owner=request.user)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if _is_htmx(request):
                context = {
                    "response": saved,
                    "form": quick_form(saved, access),
                    "form_id": add_form_id(saved),
                    "added": item,
                    "added_to_code": response.benchmark.code,
                    "field": f"r-{saved.code}-evidence",
                }
                return render(request, "assessments/_evidence_added.html", context)
            messages.success(
                request,
                gettext("“%(title)s” is in the evidence library and linked to %(code)s.")
                % {"title": item.title, "code": response.benchmark.code},
            )
            return redirect(_respond_url(assessment, response.benchmark.criterion.code, response))
    if _is_htmx(request):
        context = {"response": response, "form": form, "form_id": add_form_id(response)}
        return render(request, "assessments/_evidence_added.html", context, status=400)
    bound = {response.pk: {"add_form": form}}
    criterion_code = response.benchmark.criterion.code
    return _respond_page(request, access, assessment, criterion_code, bound, status=400)


def _empty_panel(
    request: HttpRequest, access: OrgAccess, assessment: Assessment, response: Response
) -> HttpResponse:
    """The card's add panel, fetched when it is opened (htmx), or the respond page with that
    panel open and filled in (a plain GET of this address). Once the self-evaluation is closed
    the panel says so, and the page shows the card read-only."""
    editable = assessment.is_editable
    if editable and not can_answer(access, assessment, response.benchmark.criterion_id):
        raise PermissionDenied
    if not _is_htmx(request):
        criterion_code = response.benchmark.criterion.code
        return redirect(_respond_url(assessment, criterion_code, response, open_add=editable))
    if not editable:
        message = gettext("This self-evaluation is no longer open for changes.")
        return render(request, "assessments/_panel_closed.html", {"message": message}, status=409)
    context = {"form": quick_form(response, access), "form_id": add_form_id(response)}
    return render(request, "evidence/_add_fields.html", context)
