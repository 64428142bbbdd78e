"""Monitoring: each term's alerts in counts, listed and recorded (a term recorded again is
corrected, with the history keeping what it said before)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from core.forms import add_service_errors
from filtering.forms import MonitoringForm, recent_terms
from filtering.selectors import monitoring_list, monitoring_year
from filtering.services import MonitoringCounts, monitoring_record
from filtering.views.common import page_context
from registers.views.common import paginate
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

COUNT_FIELDS = (
    "alerts_reviewed",
    "escalated_to_dsl",
    "false_positives",
    "followed_up_by_staff",
    "rule_changes",
    "changes_made",
)


@org_view(Perm.VIEW_ORGANISATION)
def monitoring_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    page, query = paginate(request, monitoring_list(organisation=organisation))
    year = monitoring_year(organisation=organisation, today=timezone.localdate())
    context = page_context(access, page=page, query=query, year=year)
    return render(request, "filtering/monitoring.html", context)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def monitoring_record_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    today = timezone.localdate()
    if request.method == "POST":
        form = MonitoringForm(request.POST, today=today)
        if form.is_valid():
            counts = MonitoringCounts(**{k: form.cleaned_data[k] for k in COUNT_FIELDS})
            term = form.chosen_term()
            try:
                monitoring_record(
                    organisation=organisation, by=request.user, term=term, counts=counts
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext("The monitoring figures for %(term)s are saved.")
                    % {"term": term.label},
                )
                return redirect("filtering:monitoring", org_slug=organisation.slug)
        context = page_context(access, form=form)
        return render(request, "filtering/monitoring_form.html", context, status=400)
    form = MonitoringForm(today=today, initial=_initial(request, organisation, today))
    return render(request, "filtering/monitoring_form.html", page_context(access, form=form))


def _initial(request: HttpRequest, organisation, today) -> dict:
    """The term asked for (?term=<start>), with its figures if recorded, else last term."""
    terms = {t.start.isoformat(): t for t in recent_terms(today)}
    chosen = request.GET.get("term", "")
    if chosen not in terms:
        chosen = list(terms)[1]
    record = monitoring_list(organisation=organisation).filter(term_start=chosen).first()
    initial: dict = {"term": chosen}
    if record is not None:
        initial.update({k: getattr(record, k) for k in COUNT_FIELDS})
    return initial
