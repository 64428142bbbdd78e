"""The advice log: engagements with partners (list, recording one, each one's page) and the
action an engagement led to."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from core.forms import add_service_errors
from partners.forms import EngagementForm, FilterForm, RaiseActionForm
from partners.models import EngagementKind
from partners.selectors import engagement_history, engagement_list
from partners.services import ActionRequest, engagement_raise_action, engagement_record
from partners.views.common import get_contact, get_engagement, page_context, paginate
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

ENGAGEMENT_FIELDS = ("contact", "occurred_on", "kind", "summary", "what_changed", "received_by")
ACTION_ERRORS = {"owner": "action_owner", "due_date": "action_due", "title": "action_title"}


@org_view(Perm.VIEW_ORGANISATION)
def engagement_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    form = FilterForm(request.GET or None, organisation=organisation, kinds=EngagementKind.choices)
    filters = form.filters()
    page, query = paginate(request, engagement_list(organisation=organisation, **filters))
    context = page_context(
        access, page=page, query=query, filter_form=form, is_filtered=any(filters.values())
    )
    return render(request, "partners/engagements.html", context)


def _service_errors(form, exc: ValidationError) -> None:
    """The action's errors (owner, due_date) belong beside the form's action fields."""
    if hasattr(exc, "error_dict"):
        exc = ValidationError({ACTION_ERRORS.get(k, k): v for k, v in exc.error_dict.items()})
    add_service_errors(form, exc)


def _record(request, access, form) -> HttpResponse | None:
    data = form.cleaned_data
    action = None
    if data["raise_action"]:
        action = ActionRequest(data["action_title"], data["action_owner"], data["action_due"])
    fields = {name: data[name] for name in ENGAGEMENT_FIELDS}
    fields["risk"], fields["evidence"] = data.get("risk"), data.get("evidence")
    try:
        engagement = engagement_record(
            organisation=access.organisation, by=request.user, action=action, **fields
        )
    except ValidationError as exc:
        _service_errors(form, exc)
        return None
    kind = engagement.get_kind_display().lower()
    if engagement.action is None:
        text = gettext("The %(kind)s is in the log.") % {"kind": kind}
    else:
        text = gettext("The %(kind)s is in the log, and “%(title)s” is in the action plan.") % {
            "kind": kind,
            "title": engagement.action.title,
        }
    messages.success(request, text)
    return redirect(engagement)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def engagement_create_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    if request.method == "POST":
        form = EngagementForm(request.POST, organisation=organisation)
        if form.is_valid():
            done = _record(request, access, form)
            if done is not None:
                return done
        status = 400
    else:
        initial = {
            "occurred_on": timezone.localdate(),
            "kind": request.GET.get("kind")
            if request.GET.get("kind") in EngagementKind.values
            else EngagementKind.MEETING,
            "received_by": request.user.pk if access.membership else None,
            "action_owner": request.user.pk if access.membership else None,
        }
        contact_code = request.GET.get("contact")
        if contact_code:
            initial["contact"] = _contact_pk(contact_code)
        form = EngagementForm(organisation=organisation, initial=initial)
        status = 200
    context = page_context(access, form=form)
    return render(request, "partners/engagement_form.html", context, status=status)


def _contact_pk(code: str) -> int | None:
    try:
        return get_contact(UUID(code)).pk
    except (ValueError, Http404):  # a bad or foreign code in a link leaves the choice empty
        return None


def _detail_page(request, access, engagement, action_form=None, status=200) -> HttpResponse:
    context = page_context(
        access,
        engagement=engagement,
        history=engagement_history(engagement=engagement),
        action_form=action_form
        or RaiseActionForm(
            organisation=access.organisation,
            initial={"action_owner": request.user.pk if access.membership else None},
            prefix="action",
        ),
    )
    return render(request, "partners/engagement_detail.html", context, status=status)


@org_view(Perm.VIEW_ORGANISATION)
def engagement_detail(
    request: HttpRequest, access: OrgAccess, engagement_code: UUID
) -> HttpResponse:
    return _detail_page(request, access, get_engagement(engagement_code))


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def engagement_raise_action_view(
    request: HttpRequest, access: OrgAccess, engagement_code: UUID
) -> HttpResponse:
    engagement = get_engagement(engagement_code)
    form = RaiseActionForm(request.POST, organisation=access.organisation, prefix="action")
    if form.is_valid():
        data = form.cleaned_data
        request_ = ActionRequest(data["action_title"], data["action_owner"], data["action_due"])
        try:
            action = engagement_raise_action(
                engagement=engagement, by=request.user, request=request_
            )
        except ValidationError as exc:
            _service_errors(form, exc)
        else:
            messages.success(
                request, gettext("“%(title)s” is in the action plan.") % {"title": action.title}
            )
            return redirect(engagement)
    return _detail_page(request, access, engagement, action_form=form, status=400)
