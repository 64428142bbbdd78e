"""The referral figures' pages.

`index` is for every member and the account manager: the suppressed trend. The DSL's pages
(`Perm.RECORD_REFERRAL_FIGURES`) show and take the exact figures.
"""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from core.forms import add_service_errors
from referrals.forms import CountsForm, RecordForm, SiteForm
from referrals.models import MEASURES, TermFigures
from referrals.rules import recent_terms
from referrals.selectors import exact_totals, figures_list, public_trend, site_list
from referrals.services import figures_record, figures_update, site_create
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

PER_PAGE = 25
HISTORY_SHOWN = 20


def _context(access: OrgAccess, **extra) -> dict:
    return {
        "access": access,
        "organisation": access.organisation,
        "is_dsl": access.can(Perm.RECORD_REFERRAL_FIGURES),
        "measures": MEASURES,
        **extra,
    }


def _labelled(counts: dict[str, int] | None) -> list[tuple[str, int]] | None:
    return [(str(m.label), counts[m.field]) for m in MEASURES] if counts else None


def _figures_url(access: OrgAccess) -> str:
    return reverse("referrals:figures", kwargs={"org_slug": access.organisation.slug})


@org_view(Perm.VIEW_ORGANISATION)
def index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    trend = public_trend(organisation=access.organisation, today=timezone.localdate())
    return render(request, "referrals/index.html", _context(access, trend=trend))


@org_view(Perm.RECORD_REFERRAL_FIGURES)
def figures(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    page = Paginator(figures_list(organisation=organisation), PER_PAGE).get_page(
        request.GET.get("page")
    )
    terms = recent_terms(timezone.localdate())
    totals = exact_totals(organisation=organisation, terms=terms)
    term_rows = [(t, _labelled(totals.get(t.start))) for t in terms]
    for row in page.object_list:
        row.labelled = _labelled(row.counts())
    context = _context(access, page=page, query="", term_rows=term_rows)
    return render(request, "referrals/figures.html", context)


def _record_page(request, access, form, status=200) -> HttpResponse:
    context = _context(access, form=form, has_sites=site_list(organisation=access.organisation))
    return render(request, "referrals/record.html", context, status=status)


@org_view(Perm.RECORD_REFERRAL_FIGURES, methods=("GET", "POST"))
def record(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    today = timezone.localdate()
    organisation = access.organisation
    if request.method != "POST":
        initial = {"term": request.GET.get("term", "")}  # from "Record" beside a missing term
        form = RecordForm(initial=initial, organisation=organisation, today=today)
        return _record_page(request, access, form)
    form = RecordForm(request.POST, organisation=organisation, today=today)
    if form.is_valid():
        try:
            row = figures_record(
                organisation=access.organisation,
                term=form.chosen_term(),
                site=form.cleaned_data["site"],
                counts=dict(form.counts()),
                today=today,
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if row.site:
                text = gettext("Figures for %(term)s for %(site)s recorded.") % {
                    "term": row.term.label,
                    "site": row.site.name,
                }
            else:
                text = gettext("Figures for %(term)s recorded.") % {"term": row.term.label}
            messages.success(request, text)
            return redirect(_figures_url(access))
    return _record_page(request, access, form, status=400)


def _history(row: TermFigures) -> list:
    return list(
        row.history.select_related("history_user").order_by("-history_date")[:HISTORY_SHOWN]
    )


def _edit_page(request, access, row, form, status=200) -> HttpResponse:
    context = _context(access, row=row, form=form, history=_history(row))
    return render(request, "referrals/edit.html", context, status=status)


@org_view(Perm.RECORD_REFERRAL_FIGURES, methods=("GET", "POST"))
def edit(request: HttpRequest, access: OrgAccess, figures_code: UUID) -> HttpResponse:
    row = get_object_or_404(TermFigures.objects.select_related("site"), code=figures_code)
    if request.method != "POST":
        return _edit_page(request, access, row, CountsForm(initial=row.counts()))
    form = CountsForm(request.POST)
    if form.is_valid():
        try:
            figures_update(figures=row, counts=dict(form.counts()), by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, gettext("Figures for %(term)s saved.") % {"term": row.term.label}
            )
            return redirect(_figures_url(access))
    return _edit_page(request, access, row, form, status=400)


def _sites_page(request, access, form, status=200) -> HttpResponse:
    sites = list(site_list(organisation=access.organisation)[:200])
    return render(
        request, "referrals/sites.html", _context(access, form=form, sites=sites), status=status
    )


@org_view(Perm.RECORD_REFERRAL_FIGURES, methods=("GET", "POST"))
def sites(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    if request.method != "POST":
        return _sites_page(request, access, SiteForm())
    form = SiteForm(request.POST)
    if form.is_valid():
        try:
            site = site_create(
                organisation=access.organisation, name=form.cleaned_data["name"], by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, gettext("%(name)s added to your sites.") % {"name": site.name}
            )
            return redirect(
                reverse("referrals:sites", kwargs={"org_slug": access.organisation.slug})
            )
    return _sites_page(request, access, form, status=400)
