"""The account manager's cockpit: every provider they look after, those needing help first.

It replaces the portfolio list; onboarding a provider stays in the portfolio app.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.access import user_view
from core.pagination import paginate
from reporting.cockpit import (
    ATTENTION_WEIGHTS,
    STALE_AFTER_DAYS,
    cockpit_rows,
    cockpit_rows_detail,
    subcontractors_in_use,
)


@user_view
def cockpit(request: HttpRequest) -> HttpResponse:
    if not request.user.is_account_manager:
        raise Http404("Only account managers have a portfolio.")
    rows = cockpit_rows(user=request.user)
    page = paginate(request, rows)
    cockpit_rows_detail(page.object_list)
    context = {
        "rows": rows,
        "page": page,
        "organisations": [row.organisation for row in rows],
        "needing_attention": sum(1 for row in rows if row.score),
        "show_reviews": subcontractors_in_use(),
        "weights": ATTENTION_WEIGHTS,
        "stale_after_days": STALE_AFTER_DAYS,
    }
    return render(request, "reporting/cockpit.html", context)
