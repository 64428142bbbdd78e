"""One page with everything assigned to the signed-in person: criteria to rate, actions to do."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from actionplans.selectors import my_actions
from assessments.selectors import my_items
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.UPDATE_ASSIGNED_WORK)
def my_work(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    today = timezone.localdate()
    actions = list(my_actions(organisation=access.organisation, user=request.user))
    for action in actions:
        action.overdue_days = action.days_overdue(today)
    context = {
        "access": access,
        "organisation": access.organisation,
        "items": my_items(organisation=access.organisation, user=request.user),
        "actions": actions,
        "overdue": sum(1 for a in actions if a.overdue_days),
    }
    return render(request, "reporting/my_work.html", context)
