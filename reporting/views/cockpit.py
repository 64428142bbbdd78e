"""The account manager's cockpit: every provider they look after, those needing help first.

It replaces the portfolio list; onboarding a provider stays in the portfolio app.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.access import user_view
from core.pagination import paginate
from reporting.attention import providers_by_attention, providers_needing_attention
from reporting.cockpit import (
    ATTENTION_WEIGHTS,
    STALE_AFTER_DAYS,
    cockpit_rows_detail,
    provider_rows,
    subcontractors_in_use,
)
from reporting.cockpit_html import provider_row


@user_view
def cockpit(request: HttpRequest) -> HttpResponse:
    if not request.user.is_account_manager:
        raise Http404("Only account managers have a portfolio.")
    providers = providers_by_attention(user=request.user)
    page = paginate(request, providers)
    # The providers of this page only, their figures computed now, in the page's order.
    rows = provider_rows(providers.filter(pk__in=[o.pk for o in page.object_list]))
    cockpit_rows_detail(rows)
    page.object_list = rows
    show_reviews = subcontractors_in_use()
    context = {
        "page": page,
        "rows": [provider_row(row, show_reviews=show_reviews) for row in rows],
        "total": page.paginator.count,
        "needing_attention": providers_needing_attention(providers),
        "show_reviews": show_reviews,
        "weights": ATTENTION_WEIGHTS,
        "stale_after_days": STALE_AFTER_DAYS,
    }
    return render(request, "reporting/cockpit.html", context)
