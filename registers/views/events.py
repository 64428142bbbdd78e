"""The external speaker and event log: search, request, checks, decision, post-event note."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from core.forms import add_service_errors
from registers.forms import (
    EventChecksForm,
    EventDecisionForm,
    EventFilterForm,
    EventOutcomeForm,
    EventRequestForm,
)
from registers.selectors import (
    event_history,
    event_list,
    event_summary,
    refusals_of_speaker,
    refused_before,
    refused_speaker_keys,
)
from registers.services import (
    event_decide,
    event_record_checks,
    event_record_outcome,
    event_request,
)
from registers.services.events import Checks
from registers.tabular import export_response
from registers.views.common import get_event, page_context, paginate
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

# The export's column headers stay in English whatever the language, like the risk register's
# (a file's layout does not change with who downloads it); its cells are in the reader's language.
EXPORT_COLUMNS = [
    "Date",
    "Event",
    "Speaker",
    "Speaker's organisation",
    "Topic",
    "Where",
    "Venue or platform",
    "Audience",
    "Expected numbers",
    "Requested by",
    "Checks made",
    "What the checks found",
    "Risk level",
    "Conditions",
    "Decision",
    "Reasons",
    "Decided by",
    "Decided on",
    "How it went",
    "Concern raised",
]


def _checks_made(event) -> str:
    made = [
        label
        for flag, label in (
            (event.checked_open_source, gettext("open-source search")),
            (event.checked_references, gettext("references")),
            (event.checked_previous_events, gettext("previous events")),
        )
        if flag
    ]
    return "; ".join(made)


def event_row(event) -> list:
    return [
        event.event_date,
        event.title,
        event.speaker_name,
        event.speaker_organisation,
        event.topic,
        event.get_format_display(),
        event.venue,
        event.audience,
        event.expected_numbers,
        event.requested_by.display_name if event.requested_by else "",
        _checks_made(event),
        event.check_notes,
        event.get_risk_level_display(),
        "; ".join(event.condition_labels),
        event.get_status_display(),
        event.decision_reasons,
        event.decided_by.display_name if event.decided_by else "",
        event.decided_at,
        event.outcome_note,
        event.concern_raised,
    ]


def _filtered(request: HttpRequest, access: OrgAccess):
    form = EventFilterForm(request.GET or None)
    filters = form.filters()
    return form, filters, event_list(organisation=access.organisation, **filters)


@org_view(Perm.VIEW_ORGANISATION)
def event_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    form, filters, events = _filtered(request, access)
    page, query = paginate(request, events)
    refused = refused_speaker_keys(
        organisation=access.organisation, keys={e.speaker_key for e in page}
    )
    for event in page:
        event.refused_before = event.speaker_key in refused and event.status != "refused"
    context = page_context(
        access,
        page=page,
        query=query,
        filter_form=form,
        is_filtered=any(filters.values()),
        export_query=request.GET.urlencode(),
        summary=event_summary(organisation=access.organisation),
    )
    return render(request, "registers/events.html", context)


@org_view(Perm.VIEW_ORGANISATION)
def event_export(request: HttpRequest, access: OrgAccess, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format.")
    _form, _filters, events = _filtered(request, access)
    events = events.select_related("decided_by")
    return export_response(
        stem=f"speaker-event-log-{access.organisation.slug}",
        fmt=fmt,
        headers=EXPORT_COLUMNS,
        rows=(event_row(e) for e in events.iterator(chunk_size=500)),
        sheet="Speakers and events",
    )


@org_view(Perm.REQUEST_EVENTS, methods=("GET", "POST"))
def event_request_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    form = EventRequestForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                event = event_request(
                    organisation=access.organisation, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, gettext("Your request is in the log for the Prevent lead.")
                )
                return redirect(event)
        context = page_context(access, form=form, refused=_refusals_for(form, access.organisation))
        return render(request, "registers/event_form.html", context, status=400)
    return render(request, "registers/event_form.html", page_context(access, form=form))


def _refusals_for(form: EventRequestForm, organisation) -> list:
    name = form.data.get("speaker_name", "")
    return refusals_of_speaker(organisation=organisation, name=name) if name.strip() else []


def _detail_page(request, access, event, forms=None, status=200) -> HttpResponse:
    forms = forms or {}
    today = timezone.localdate()
    initial_checks = {
        "open_source": event.checked_open_source,
        "references": event.checked_references,
        "previous_events": event.checked_previous_events,
        "notes": event.check_notes,
        "risk_level": event.risk_level,
        "conditions": event.conditions,
        "other_conditions": event.other_conditions,
    }
    context = page_context(
        access,
        event=event,
        refused=refused_before(event=event),
        checks_form=forms.get("checks") or EventChecksForm(initial=initial_checks, prefix="checks"),
        decision_form=forms.get("decision") or EventDecisionForm(prefix="decision"),
        outcome_form=forms.get("outcome") or EventOutcomeForm(prefix="outcome"),
        has_happened=event.event_date <= today,
        history=event_history(event=event),
    )
    return render(request, "registers/event_detail.html", context, status=status)


@org_view(Perm.VIEW_ORGANISATION)
def event_detail(request: HttpRequest, access: OrgAccess, event_code: UUID) -> HttpResponse:
    return _detail_page(request, access, get_event(event_code))


def _step(request, access, event, key, form, apply) -> HttpResponse:
    if form.is_valid():
        try:
            apply(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(event)
    return _detail_page(request, access, event, {key: form}, status=400)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def event_checks(request: HttpRequest, access: OrgAccess, event_code: UUID) -> HttpResponse:
    event = get_event(event_code)
    form = EventChecksForm(request.POST, prefix="checks")

    def apply(data):
        event_record_checks(event=event, by=request.user, checks=Checks(**data))
        messages.success(
            request, gettext("The checks are recorded; the request awaits a decision.")
        )

    return _step(request, access, event, "checks", form, apply)


@org_view(Perm.APPROVE_EVENTS, methods=("POST",))
def event_decision(request: HttpRequest, access: OrgAccess, event_code: UUID) -> HttpResponse:
    event = get_event(event_code)
    form = EventDecisionForm(request.POST, prefix="decision")

    def apply(data):
        decided = event_decide(event=event, by=request.user, **data)
        status = decided.get_status_display().lower()
        messages.success(request, gettext("Decision recorded: %(status)s.") % {"status": status})

    return _step(request, access, event, "decision", form, apply)


@org_view(Perm.REQUEST_EVENTS, methods=("POST",))
def event_outcome(request: HttpRequest, access: OrgAccess, event_code: UUID) -> HttpResponse:
    event = get_event(event_code)
    form = EventOutcomeForm(request.POST, prefix="outcome")

    def apply(data):
        event_record_outcome(event=event, by=request.user, **data)
        messages.success(request, gettext("The post-event note is recorded."))

    return _step(request, access, event, "outcome", form, apply)
