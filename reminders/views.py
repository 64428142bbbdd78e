from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from core.access import user_view
from core.pagination import paginate_wide
from reminders.forms import ReminderSettingsForm
from reminders.handoff_messages import HANDOFF_RELATED
from reminders.models import ReminderSettings
from reminders.notification_rows import notification_items
from reminders.selectors import notifications_for
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


def _mine(request: HttpRequest):
    return notifications_for(request.user)


@user_view
def notification_list(request: HttpRequest) -> HttpResponse:
    # Most notifications are reminders about an action; the rarer kinds' rows are prefetched
    # (a query only when the page holds one): joined in one query, fourteen tables took
    # PostgreSQL 10 ms to plan on every page.
    rare = ("evidence", "risk", "subcontractor_document__subcontractor", "pack_share_link__pack")
    notifications = (
        _mine(request)
        .select_related("organisation", "action")
        .prefetch_related(*rare, *HANDOFF_RELATED)  # what is selected already is not fetched
        .order_by("-created_at", "-pk")
    )
    page = paginate_wide(request, notifications)
    context = {"page": page, "notification_items": notification_items(page)}
    return render(request, "reminders/list.html", context)


@user_view
@require_POST
def notification_mark_all_read(request: HttpRequest) -> HttpResponse:
    count = _mine(request).filter(read_at=None).update(read_at=timezone.now())
    messages.success(
        request,
        ngettext(
            "Marked %(count)d notification as read.",
            "Marked %(count)d notifications as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("reminders:list")


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def reminder_settings(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """When this organisation's reminders go out (the defaults until someone saves)."""
    organisation = access.organisation
    current = ReminderSettings.objects.for_organisation(organisation).first()
    form = ReminderSettingsForm(
        request.POST or None, instance=current or ReminderSettings(organisation=organisation)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, gettext("Reminder settings saved. The next daily sweep uses them.")
        )
        return redirect("reminders:settings", org_slug=organisation.slug)
    context = {"access": access, "organisation": organisation, "form": form}
    return render(request, "reminders/settings.html", context, status=400 if form.errors else 200)
