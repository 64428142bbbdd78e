"""The review calendar (month and list views, filters) and each person's iCalendar feed."""

import calendar as month_calendar
from datetime import date, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.access import token_view
from core.links import LinkProblem, link_problem_response, protect_secret_response
from core.secret_links import live_q
from reviewcalendar.ics import entries_to_ics
from reviewcalendar.models import CalendarFeed
from reviewcalendar.selectors import KIND_LABELS, EntryKind, calendar_entries
from reviewcalendar.services import feed_create, feed_for_token, feed_revoke
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm
from tenancy.scope import tenant_scope

LIST_DAYS = 90
# 404 whatever the reason: a calendar app shows nobody this page, and a revoked or replaced
# address should look like one that never existed.
FEED_GONE = LinkProblem(
    404,
    _("This calendar address does not work"),
    _(
        "It may have been switched off or replaced by a newer one. Make a new address on the "
        "calendar feed page of Prevent Compliance and subscribe to that instead."
    ),
)
FEED_PAST_DAYS = 60
FEED_FUTURE_DAYS = 400


def _month(text: str, today: date) -> date:
    try:
        year, month = (int(p) for p in text.split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return today.replace(day=1)


def _filters(request: HttpRequest) -> tuple[set[str], bool]:
    kinds = {k for k in request.GET.getlist("kind") if k in EntryKind.__members__.values()}
    return kinds or set(EntryKind), request.GET.get("mine") == "on"


def _weeks(first: date, entries) -> list[list[dict]]:
    by_day: dict[date, list] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry)
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    return [
        [{"day": d, "in_month": d.month == first.month, "entries": by_day.get(d, [])} for d in week]
        for week in weeks
    ]


@org_view(Perm.VIEW_ORGANISATION)
def calendar_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    today = timezone.localdate()
    kinds, mine = _filters(request)
    person = request.user if mine else None
    view = "list" if request.GET.get("view") == "list" else "month"
    context = {
        "access": access,
        "organisation": access.organisation,
        "today": today,
        "view": view,
        "kind_choices": [(k.value, str(KIND_LABELS[k])) for k in EntryKind],
        "chosen_kinds": kinds,
        "mine": mine,
    }
    query = request.GET.copy()
    for key in ("month", "page", "view"):
        query.pop(key, None)
    context["filter_query"] = query.urlencode()
    if view == "month":
        first = _month(request.GET.get("month", ""), today)
        last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
        weeks = _weeks(first, [])
        start, end = weeks[0][0]["day"], weeks[-1][-1]["day"]
        entries = calendar_entries(
            organisation=access.organisation,
            start=start,
            end=end,
            person=person,
            kinds=kinds,
            access=access,
        )
        context.update(
            month=first,
            weeks=_weeks(first, entries),
            month_entries=[e for e in entries if first <= e.day <= last],
            previous_month=(first - timedelta(days=1)).replace(day=1),
            next_month=last + timedelta(days=1),
        )
    else:
        start = today - timedelta(days=7)
        entries = calendar_entries(
            organisation=access.organisation,
            start=start,
            end=today + timedelta(days=LIST_DAYS),
            person=person,
            kinds=kinds,
            access=access,
        )
        context.update(
            page=Paginator(entries, 50).get_page(request.GET.get("page")),
            list_days=LIST_DAYS,
            page_query="&".join(q for q in (context["filter_query"], "view=list") if q),
        )
    return render(request, "reviewcalendar/calendar.html", context)


@org_view(Perm.VIEW_ORGANISATION, methods=("GET", "POST"))
def feed_settings(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """Make, replace or revoke my feed. The address is shown once, straight after it is made."""
    organisation = access.organisation
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            feed_revoke(organisation=organisation, user=request.user)
            messages.success(
                request, gettext("Your calendar feed is switched off; its address is dead.")
            )
            return redirect("reviewcalendar:feed", org_slug=organisation.slug)
        _feed, token = feed_create(organisation=organisation, user=request.user)
        url = request.build_absolute_uri(reverse("calendar_feed", kwargs={"token": token}))
        context = {"access": access, "organisation": organisation, "new_url": url}
        return render(request, "reviewcalendar/feed.html", context)
    live = CalendarFeed.objects.filter(live_q(), user=request.user).first()
    context = {"access": access, "organisation": organisation, "feed": live}
    return render(request, "reviewcalendar/feed.html", context)


@token_view
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's own dates, from two months back to a year ahead, as iCalendar."""
    if request.method not in ("GET", "HEAD"):
        raise Http404
    feed = feed_for_token(token)
    if feed is None:
        return link_problem_response(request, FEED_GONE)
    today = timezone.localdate()
    with tenant_scope(feed.organisation):
        entries = calendar_entries(
            organisation=feed.organisation,
            start=today - timedelta(days=FEED_PAST_DAYS),
            end=today + timedelta(days=FEED_FUTURE_DAYS),
            person=feed.user,
            access=None,  # calendar apps are outside the product: never restricted evidence
        )
        feed.mark_used()
    body = entries_to_ics(
        entries,
        name=gettext("%(organisation)s: my reviews") % {"organisation": feed.organisation.name},
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="reviews.ics"'
    return protect_secret_response(response, referrer_policy="no-referrer")
