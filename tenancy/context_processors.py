from typing import Any

from django.http import HttpRequest

from tenancy.models import Membership
from tenancy.navigation import organisation_nav
from tenancy.selectors import membership_list_for_user


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the app shell needs: the current organisation (if any) and where else to go."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = getattr(request, "org_access", None)

    def switchable() -> list[Membership]:  # evaluated only by templates showing the switcher
        return list(membership_list_for_user(user=user))

    nav = organisation_nav(access, request.path) if access else []
    return {"org_access": access, "org_nav": nav, "switchable_memberships": switchable}
