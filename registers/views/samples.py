"""Leaders check the log in practice: each term's random sample of approved events."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from core.forms import add_service_errors
from registers.forms import SampleDrawForm, SampleItemForm
from registers.selectors import sample_items, sample_list
from registers.services import sample_draw, sample_item_verify
from registers.views.common import get_sample, get_sample_item, page_context, paginate
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


def _index_page(request, access, form, status=200) -> HttpResponse:
    page, query = paginate(request, sample_list(organisation=access.organisation))
    context = page_context(access, page=page, query=query, draw_form=form)
    return render(request, "registers/samples.html", context, status=status)


@org_view(Perm.VIEW_ORGANISATION)
def sample_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    return _index_page(request, access, SampleDrawForm(today=timezone.localdate()))


@org_view(Perm.VERIFY_EVENT_SAMPLES, methods=("POST",))
def sample_draw_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    form = SampleDrawForm(request.POST, today=timezone.localdate())
    if form.is_valid():
        try:
            sample = sample_draw(
                organisation=access.organisation, by=request.user, term=form.chosen_term()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                gettext("%(term)s: sample drawn. Check each event.") % {"term": sample.term.label},
            )
            return redirect(sample)
    return _index_page(request, access, form, status=400)


def _detail_page(request, access, sample, bound=None, status=200) -> HttpResponse:
    bound = bound or {}
    items = list(sample_items(sample=sample))
    for item in items:
        item.form = bound.get(item.pk) or SampleItemForm(
            initial={"finding": item.finding, "note": item.note}, prefix=f"i-{item.code}"
        )
    context = page_context(
        access,
        sample=sample,
        items=items,
        remaining=sum(1 for i in items if not i.finding),
        history=list(sample.history.select_related("history_user").order_by("-history_date")[:20]),
    )
    return render(request, "registers/sample_detail.html", context, status=status)


@org_view(Perm.VIEW_ORGANISATION)
def sample_detail(request: HttpRequest, access: OrgAccess, sample_code: UUID) -> HttpResponse:
    return _detail_page(request, access, get_sample(sample_code))


@org_view(Perm.VERIFY_EVENT_SAMPLES, methods=("POST",))
def sample_item_verify_view(
    request: HttpRequest, access: OrgAccess, sample_code: UUID, sample_item_code: UUID
) -> HttpResponse:
    sample = get_sample(sample_code)
    item = get_sample_item(sample, sample_item_code)
    form = SampleItemForm(request.POST, prefix=f"i-{item.code}")
    if form.is_valid():
        try:
            sample_item_verify(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, gettext("Finding recorded for “%(title)s”.") % {"title": item.event.title}
            )
            return redirect(f"{sample.get_absolute_url()}#item-{item.code}")
    return _detail_page(request, access, sample, {item.pk: form}, status=400)
