"""Answering a self-evaluation criterion by criterion, saving as you go (htmx).

Each benchmark's response is its own form. With htmx it saves on every change and shows the
result beside the form without replacing what the user is typing; without JavaScript the Save
button posts the same form and the page comes back. A save based on an out-of-date revision is
refused and both versions are shown, so nobody's typing is silently overwritten.
"""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from assessments.access import answerable_criteria, can_answer, get_assessment, get_response
from assessments.comments import comments_by_response
from assessments.forms import ResponseForm
from assessments.models import Assessment, Response
from assessments.selectors import progress, response_list
from assessments.services import ResponseChange, SaveConflict, response_save
from core.forms import add_service_errors
from evidence.forms import EvidenceQuickForm
from evidence.models import EvidenceItem
from frameworks.register_signals import registers_for, signals_for
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

# The fields with an error slot (`error-<code>-<field>`) beside them on the page; the save
# fragments clear or fill these out of band. "Not applicable" is a checkbox without a slot.
FIELDS = [
    "level",
    "confidence",
    "na_justification",
    "strengths",
    "improvements",
    "evidence",
    "registers_cited",
]


def _error_slots(form: ResponseForm) -> list[str]:
    """Only the slots this form has: htmx reports an out-of-band swap without a target as an
    error (frameworks without "not applicable" have no justification field)."""
    return [name for name in FIELDS if name in form.fields]


def hidden_evidence(response: Response, access: OrgAccess) -> list[EvidenceItem]:
    """The response's restricted evidence `access` may not see: counted on the page, never
    named, and kept linked when they save."""
    return [item for item in response.evidence.all() if not item.is_visible_to(access)]


def _form_for(response: Response, version, access: OrgAccess, data=None) -> ResponseForm:
    """The response's form; it offers the live registers whose signals inform the benchmark."""
    initial = {
        "revision": response.revision,
        "level": response.level,
        "confidence": response.confidence,
        "not_applicable": response.not_applicable,
        "na_justification": response.na_justification,
        "strengths": response.strengths,
        "improvements": response.improvements,
        "evidence": [e.code for e in response.evidence.all() if e.is_visible_to(access)],
        "registers_cited": response.registers_cited,
    }
    return ResponseForm(
        data,
        initial=initial,
        version=version,
        organisation=access.organisation,
        access=access,
        registers=registers_for(response.benchmark.signals),
        prefix=f"r-{response.code}",
    )


def add_form_id(response: Response) -> str:
    """The in-place add form's id (its controls sit in the card's picker, `form=` this id)."""
    return f"add-{response.code}"


def quick_form(response: Response, access: OrgAccess, data=None, files=None) -> EvidenceQuickForm:
    """The card's "upload a file or add a link" form (assessments.views.evidence_add)."""
    form_id = add_form_id(response)
    return EvidenceQuickForm(
        data,
        files,
        organisation=access.organisation,
        access=access,
        form_id=form_id,
        prefix=form_id,
    )


def linked_evidence(
    response: Response, form: ResponseForm | None, access: OrgAccess
) -> list[EvidenceItem]:
    """What the picker shows ticked: what was just sent when a save is shown back with an
    error (so nothing ticked is lost), otherwise the response's current evidence."""
    if form is not None and form.is_bound and "evidence" in getattr(form, "cleaned_data", {}):
        return list(form.cleaned_data["evidence"])
    return [
        item
        for item in response.evidence.all()
        if item.archived_at is None and item.is_visible_to(access)
    ]


def _row(
    r: Response,
    access: OrgAccess,
    version,
    form: ResponseForm | None,
    conflict: Response | None,
    live: dict[str, Any],
    sources: dict[str, dict],
    add_form: EvidenceQuickForm | None = None,
    open_add: bool = False,
) -> dict[str, Any]:
    """One benchmark on the respond page: its response, form, live signals and any conflict.

    The "upload a file or add a link" panel is drawn closed and empty: its form (a third of
    the page's rendering) is fetched when it is opened (`evidence_add`, GET). It is drawn
    filled when it was sent back with errors or asked for (`open_add`, without JavaScript)."""
    return {
        "response": r,
        "can_add": form is not None,
        "add_form": add_form or (quick_form(r, access) if form is not None and open_add else None),
        "add_form_id": add_form_id(r),
        "signals": [live[key] for key in r.benchmark.signals if key in live],
        "cited": registers_for(r.registers_cited),
        "form": form,
        "linked": linked_evidence(r, form, access),
        "shown_evidence": [e for e in r.evidence.all() if e.is_visible_to(access)],
        "restricted_count": len(hidden_evidence(r, access)),
        "conflict": conflict,
        "conflict_level": version.level(getattr(conflict, "level", None)),
        "conflict_confidence": version.confidence(getattr(conflict, "confidence", "")),
        "level": version.level(r.level),
        "previous_level": version.level(r.previous_level),
        "confidence": version.confidence(r.confidence),
        "previous_confidence": version.confidence(r.previous_confidence),
        "provenance": version.provenance(r.benchmark, sources),
    }


def _respond_page(
    request: HttpRequest,
    access: OrgAccess,
    assessment: Assessment,
    criterion_code: str | None,
    bound: dict[int, dict[str, Any]] | None = None,
    status: int = 200,
    open_add: str = "",
) -> HttpResponse:
    version = assessment.framework_version
    criteria = list(version.criteria.all())
    criterion = next((c for c in criteria if c.code == (criterion_code or criteria[0].code)), None)
    if criterion is None:
        raise Http404("No such criterion in this framework.")
    answerable = answerable_criteria(access, assessment)
    editable = answerable is None or criterion.pk in answerable
    bound = bound or {}
    sources = version.sources_by_key
    rows = []
    responses = list(response_list(assessment=assessment).filter(benchmark__criterion=criterion))
    live = signals_for(
        access.organisation,
        [key for r in responses for key in r.benchmark.signals],
        timezone.localdate(),
    )
    comments = comments_by_response(responses)
    for r in responses:
        extra = bound.get(r.pk, {})
        form = extra.get("form") or (_form_for(r, version, access) if editable else None)
        conflict = extra.get("conflict")
        add_form, opened = extra.get("add_form"), str(r.code) == open_add
        rows.append(_row(r, access, version, form, conflict, live, sources, add_form, opened))
        rows[-1]["comments"] = comments.get(r.pk, [])
    index = criteria.index(criterion)
    answered, total = progress(assessment=assessment)
    context = {
        "access": access,
        "organisation": access.organisation,
        "assessment": assessment,
        "version": version,
        "criterion": criterion,
        "criteria": criteria,
        "rows": rows,
        "editable": editable,
        "previous_criterion": criteria[index - 1] if index > 0 else None,
        "next_criterion": criteria[index + 1] if index + 1 < len(criteria) else None,
        "answered": answered,
        "total": total,
        "can_resolve": access.can(Perm.MANAGE_COMPLIANCE_WORK) and assessment.is_editable,
    }
    return render(request, "assessments/respond.html", context, status=status)


@org_view(Perm.VIEW_CONTENT)
def assessment_respond(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID
) -> HttpResponse:
    assessment = get_assessment(assessment_code, organisation=access.organisation)
    criterion_code, open_add = request.GET.get("criterion"), request.GET.get("add", "")
    return _respond_page(request, access, assessment, criterion_code, open_add=open_add)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@org_view(Perm.UPDATE_ASSIGNED_WORK, methods=("POST",), object_rule="assigned criteria only")
def response_update(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID, response_code: UUID
) -> HttpResponse:
    assessment = get_assessment(assessment_code, organisation=access.organisation)
    response = get_response(assessment, response_code)
    if not assessment.is_editable:
        return _closed(request, assessment, response)
    if not can_answer(access, assessment, response.benchmark.criterion_id):
        raise PermissionDenied

    form = _form_for(response, assessment.framework_version, access, request.POST)
    conflict = None
    if form.is_valid():
        keep_mine = request.POST.get("resolve") == "mine"
        try:
            saved = response_save(
                response=response,
                change=_change_from(form.cleaned_data, hidden_evidence(response, access)),
                expected_revision=None if keep_mine else form.cleaned_data["revision"],
                by=request.user,
            )
        except SaveConflict as exc:
            conflict = exc.current
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, assessment, response, saved, form)
    if _is_htmx(request):
        return _save_problem(request, access, assessment, response, form, conflict)
    bound = {response.pk: {"form": form, "conflict": conflict}}
    criterion_code = response.benchmark.criterion.code
    status = 409 if conflict else 400
    return _respond_page(request, access, assessment, criterion_code, bound, status=status)


def _change_from(data: dict[str, Any], hidden: list[EvidenceItem]) -> ResponseChange:
    """The save; `hidden` (restricted evidence the saver cannot see) stays linked."""
    return ResponseChange(
        level=data["level"],
        confidence=data["confidence"] or "",
        not_applicable=data.get("not_applicable", False),
        na_justification=data.get("na_justification", ""),
        strengths=data["strengths"],
        improvements=data["improvements"],
        evidence=list(data["evidence"]) + hidden,
        registers_cited=data.get("registers_cited", []),
    )


def _closed(request: HttpRequest, assessment: Assessment, response: Response) -> HttpResponse:
    """A save sent after the self-evaluation was submitted or signed off."""
    message = gettext("This self-evaluation is no longer open for changes; nothing was saved.")
    if _is_htmx(request):
        context = {"response": response, "message": message}
        return render(request, "assessments/_save_refused.html", context, status=409)
    messages.error(request, message)
    return redirect(_respond_url(assessment, response.benchmark.criterion.code, response))


def _saved(
    request: HttpRequest,
    assessment: Assessment,
    response: Response,
    saved: Response,
    form: ResponseForm,
) -> HttpResponse:
    """htmx gets the "saved" fragment (clearing the field errors); a plain post goes back."""
    if _is_htmx(request):
        answered, total = progress(assessment=assessment)
        context = {
            "response": saved,
            "fields": _error_slots(form),
            "answered": answered,
            "total": total,
        }
        return render(request, "assessments/_save_ok.html", context)
    messages.success(request, gettext("%(code)s saved.") % {"code": response.benchmark.code})
    return redirect(_respond_url(assessment, response.benchmark.criterion.code, response))


def _save_problem(
    request: HttpRequest,
    access: OrgAccess,
    assessment: Assessment,
    response: Response,
    form: ResponseForm,
    conflict: Response | None,
) -> HttpResponse:
    """htmx's fragment for a refused save: the field errors, or both versions on a conflict."""
    version = assessment.framework_version
    context = {
        "organisation": access.organisation,
        "assessment": assessment,
        "response": response,
        "form": form,
        "fields": _error_slots(form),
        "conflict": conflict,
        "conflict_level": version.level(conflict.level) if conflict else None,
        "conflict_confidence": version.confidence(conflict.confidence) if conflict else None,
    }
    reply = render(
        request, "assessments/_save_problem.html", context, status=409 if conflict else 400
    )
    if conflict and request.POST.get("conflict_shown") == str(conflict.revision):
        # The panel already shows this version. Leave it in place: replacing it would detach
        # its "Keep my version" button, and htmx would then send a submit queued behind this
        # save (a click made straight from a field) without the button's choice.
        reply["HX-Reswap"] = "none"
    return reply


def _respond_url(
    assessment: Assessment, criterion_code: str, response: Response, *, open_add: bool = False
) -> str:
    """The respond page at `response`'s card (with its add panel open and filled: `open_add`)."""
    url = reverse(
        "assessments:respond",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )
    add = f"&add={response.code}" if open_add else ""
    return f"{url}?criterion={criterion_code}{add}#response-{response.code}"
