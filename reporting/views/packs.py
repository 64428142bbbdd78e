"""Evidence packs: generate (in Celery, with progress), download, share with inspectors."""

from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from assessments.access import get_assessment
from core.forms import add_service_errors
from reporting.copies import stamped_copy
from reporting.forms import PackOptionsForm, ShareForm
from reporting.guard import pack_places
from reporting.models import (
    IN_PROGRESS,
    AccessEvent,
    EvidencePack,
    PackShareLink,
    PackStatus,
)
from reporting.services import (
    PACK_MAX_ATTEMPTS,
    pack_is_overdue,
    pack_request,
    pack_retry,
    share_link_create,
    share_link_revoke,
)
from reporting.stamp import shared_with_line
from tenancy.access import OrgAccess, org_view
from tenancy.personal_data import confirmed_keys, personal_data_check
from tenancy.roles import Perm


def get_pack(code: UUID) -> EvidencePack:
    return get_object_or_404(
        EvidencePack.objects.select_related("assessment", "requested_by"), code=code
    )


@org_view(Perm.VIEW_PACKS, methods=("GET", "POST"))
def pack_list(request: HttpRequest, access: OrgAccess, assessment_code: UUID) -> HttpResponse:
    assessment = get_assessment(assessment_code, organisation=access.organisation)
    post = request.method == "POST"
    if post and not access.can(Perm.GENERATE_PACKS):
        raise PermissionDenied
    form = PackOptionsForm.with_defaults(request.POST) if post else PackOptionsForm.blank()
    personal = []
    if form.is_valid():
        # Nothing goes into a pack while its text holds unconfirmed personal data.
        personal = personal_data_check(
            organisation=access.organisation,
            places=pack_places(assessment),
            confirm=confirmed_keys(request.POST),
            by=request.user,
        )
        if not personal:
            pack = pack_request(
                assessment=assessment,
                by=request.user,
                staff_names=form.cleaned_data["staff_names"],
                include_history=form.cleaned_data["history"] == "include",
                language=form.cleaned_data["language"],
            )
            return redirect(
                "reporting:pack_detail", org_slug=access.organisation.slug, pack_code=pack.code
            )
    packs = EvidencePack.objects.filter(assessment=assessment).select_related("requested_by")
    context = {
        "access": access,
        "organisation": access.organisation,
        "assessment": assessment,
        "packs": packs,
        "form": form,
        "personal_data": personal,
        "retention_days": settings.PACK_RETENTION_DAYS,
    }
    status = 400 if form.is_bound else 200
    return render(request, "reporting/pack_list.html", context, status=status)


def pack_copy_response(pack: EvidencePack, line: str, *, inline: bool = False) -> HttpResponse:
    """The pack's PDF with `line` (who this copy is for) at the foot of every page."""
    pdf = stamped_copy(pack, line)
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{pack.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _status_context(access: OrgAccess, pack: EvidencePack) -> dict:
    """What the status fragment needs: poll briskly at first, then slower, then stop."""
    waited = timezone.now() - pack.queued_at
    overdue = pack_is_overdue(pack)
    return {
        "organisation": access.organisation,
        "pack": pack,
        "overdue": overdue,
        "polling": pack.status in IN_PROGRESS and not overdue,
        "poll_every": "1s" if waited < timedelta(seconds=30) else "3s",
        "waited_minutes": max(1, round(waited.total_seconds() / 60)),
        "max_attempts": PACK_MAX_ATTEMPTS,
        "retention_days": settings.PACK_RETENTION_DAYS,
    }


def _pack_context(access: OrgAccess, pack: EvidencePack, **extra) -> dict:
    links = list(
        PackShareLink.objects.filter(pack=pack)
        .select_related("created_by")
        .prefetch_related("accesses")
    )
    for link in links:
        opened = [a for a in link.accesses.all() if a.event == AccessEvent.OPENED]
        setattr(link, "opened", opened)  # noqa: B010  (for the template)
    return {
        **_status_context(access, pack),
        "access": access,
        "assessment": pack.assessment,
        "links": links,
        "share_form": extra.pop("share_form", None) or ShareForm(),
        **extra,
    }


@org_view(Perm.VIEW_PACKS)
def pack_detail(request: HttpRequest, access: OrgAccess, pack_code: UUID) -> HttpResponse:
    pack = get_pack(pack_code)
    return render(request, "reporting/pack_detail.html", _pack_context(access, pack))


@org_view(Perm.VIEW_PACKS)
def pack_status(request: HttpRequest, access: OrgAccess, pack_code: UUID) -> HttpResponse:
    """The progress fragment the pack page polls (htmx) until the PDF is ready or failed, or
    it has waited too long (then it says so and offers "Try again")."""
    pack = get_pack(pack_code)
    return render(request, "reporting/_pack_status.html", _status_context(access, pack))


@org_view(Perm.GENERATE_PACKS, methods=("POST",))
def pack_retry_view(request: HttpRequest, access: OrgAccess, pack_code: UUID) -> HttpResponse:
    pack = get_pack(pack_code)
    if pack_retry(pack=pack):
        messages.success(request, gettext("The pack was started again."))
    return redirect("reporting:pack_detail", org_slug=access.organisation.slug, pack_code=pack.code)


@org_view(Perm.VIEW_PACKS)
def pack_download(request: HttpRequest, access: OrgAccess, pack_code: UUID) -> HttpResponse:
    pack = get_pack(pack_code)
    if pack.status != PackStatus.READY or not pack.file:
        raise Http404("This pack has no PDF yet.")
    return pack_copy_response(pack, shared_with_line(language=pack.language))


@org_view(Perm.GENERATE_PACKS, methods=("POST",))
def share_create(request: HttpRequest, access: OrgAccess, pack_code: UUID) -> HttpResponse:
    pack = get_pack(pack_code)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            link, token = share_link_create(
                pack=pack,
                by=request.user,
                recipient=form.cleaned_data["recipient"],
                days=form.cleaned_data["days"],
                recipient_name=form.cleaned_data["recipient_name"],
                recipient_email=form.cleaned_data["recipient_email"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            url = request.build_absolute_uri(reverse("reporting:shared_pack", args=[token]))
            check = request.build_absolute_uri(reverse("reporting:shared_pack_check", args=[token]))
            context = _pack_context(access, pack, new_link=link, new_url=url, check_url=check)
            return render(request, "reporting/pack_detail.html", context, status=201)
    context = _pack_context(access, pack, share_form=form)
    return render(request, "reporting/pack_detail.html", context, status=400)


@org_view(Perm.GENERATE_PACKS, methods=("POST",))
def share_revoke(
    request: HttpRequest, access: OrgAccess, pack_code: UUID, share_code: UUID
) -> HttpResponse:
    pack = get_pack(pack_code)
    link = get_object_or_404(PackShareLink.objects, pack=pack, code=share_code)
    share_link_revoke(link=link, by=request.user)
    messages.success(request, gettext("The link no longer works."))
    return redirect("reporting:pack_detail", org_slug=access.organisation.slug, pack_code=pack.code)
