"""Who must use two-factor authentication, and the middleware that holds them to it.

Platform admins and account managers reach many providers, so they always must; a quality manager
can require it for everyone in their organisation. Until such a person has set it up, every page
but allauth's two-factor pages (and signing out) sends them to set it up. Someone who has set it
up has already passed the second step at sign-in, which allauth enforces.
"""

from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from accounts.adapters import MFAAdapter
from tenancy.models import Membership

# Pages a person who must set up two-factor authentication can still reach.
REACHABLE_BEFORE_SETUP = frozenset(
    {
        "account_logout",
        "account_reauthenticate",
        "mfa_reauthenticate",
        "healthz",
    }
)
SETUP_MESSAGE = _(
    "Your role needs two-factor authentication. Set up an authenticator app to continue."
)


def mfa_required(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff or user.is_account_manager:
        return True
    return Membership.unscoped.filter(user=user, organisation__require_mfa=True).exists()


def _reachable(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    return match.url_name in REACHABLE_BEFORE_SETUP or match.view_name.startswith("mfa_")


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or _reachable(request):
            return None
        if not mfa_required(user) or is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return None
        messages.warning(request, SETUP_MESSAGE)
        return redirect("mfa_activate_totp")


class RequiredMFAAdapter(MFAAdapter):
    """Someone who must use two-factor authentication cannot turn it off."""

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type == Authenticator.Type.TOTP and mfa_required(authenticator.user):
            return False
        allowed: bool = super().can_delete_authenticator(authenticator)
        return allowed
