from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.http import AuthenticatedHttpRequest
from core.access import user_view
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm, role_description
from tenancy.selectors import invitation_list_open, membership_list, membership_list_for_user


@user_view
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Send the user to where their work is: one organisation, a choice, or the portfolio."""
    memberships = list(membership_list_for_user(user=request.user))
    if len(memberships) == 1 and not request.user.is_account_manager:
        return redirect(memberships[0].organisation)
    if not memberships and request.user.is_account_manager:
        return redirect("reporting:cockpit")
    return render(request, "tenancy/choose_organisation.html", {"memberships": memberships})


@org_view(Perm.VIEW_ORGANISATION)
def org_home(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    member_count = membership_list(organisation=organisation).count()
    invitations = list(invitation_list_open(organisation=organisation))
    context = {
        "access": access,
        "organisation": organisation,
        "member_count": member_count,
        "open_invitations": invitations,
        "role_description": role_description(access.holder),
        "needs_colleagues": member_count < 2,
    }
    return render(request, "tenancy/org_home.html", context)
