"""One page with everything assigned to the signed-in person: criteria to rate, actions to do."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from actionplans.my_action_cards import my_action_cards
from actionplans.selectors import my_actions, my_actions_mark, my_actions_overdue_count
from assessments.selectors import my_items
from core.pagination import paginate_wide
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.UPDATE_ASSIGNED_WORK)
def my_work(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    page = paginate_wide(request, my_actions(organisation=organisation, user=request.user))
    my_actions_mark(
        actions=page, user=request.user, can_manage=access.can(Perm.MANAGE_COMPLIANCE_WORK)
    )
    context = {
        "access": access,
        "organisation": organisation,
        "items": my_items(organisation=organisation, user=request.user),
        "page": page,
        "action_cards": my_action_cards(
            page, org_slug=organisation.slug, today=timezone.localdate()
        ),
        "overdue": my_actions_overdue_count(organisation=organisation, user=request.user),
    }
    return render(request, "reporting/my_work.html", context)
