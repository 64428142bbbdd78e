"""allauth's social account adapter: which identity provider a sign-in uses, and who it admits.

A sign-in starts at `sso.views.sso_start`, which finds the connection from the email's domain and
remembers it in the session; allauth then only knows that one connection's app. When the
provider answers, `pre_social_login` admits the person only if the provider verified an address
in the connection's domain and an account with that address is a member of the connection's
organisation. It links that account on first use. Nothing here creates an account or a
membership: invitations decide who is a member.
"""

import logging
from typing import Any

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from django.http import HttpRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from sso.apps_for import social_app_for
from sso.domains import email_domain
from sso.identity import verified_email
from sso.models import SsoConnection
from sso.selectors import connection_by_code, is_member

logger = logging.getLogger(__name__)

SESSION_KEY = "sso_connection"
REFUSALS: dict[str, Any] = {
    "expired": _("This single sign-on attempt has expired. Start again from the sign-in page."),
    "unverified": _(
        "%(provider)s did not confirm your email address, so we cannot tell who you are. "
        "Ask your IT team to check your account, or sign in with your password."
    ),
    "wrong_domain": _(
        "You signed in to %(provider)s as %(email)s. %(organisation)s signs in with "
        "%(domain)s addresses only. Sign in to %(provider)s with your %(domain)s account, or "
        "sign in with your password."
    ),
    "not_member": _(
        "%(email)s is not a member of %(organisation)s. Single sign-on does not create "
        "accounts: ask %(organisation)s's quality manager to invite you, accept the invitation, "
        "then sign in again."
    ),
    "other_account": _(
        "This %(provider)s account is linked to a different account here. Sign in "
        "with your password, or ask your account manager for help."
    ),
}


def remember_pending(request: HttpRequest, connection: SsoConnection) -> None:
    request.session[SESSION_KEY] = str(connection.code)
    request._sso_connection = connection  # type: ignore[attr-defined]


def pending_connection(request: HttpRequest | None) -> SsoConnection | None:
    if request is None:
        return None
    cached: SsoConnection | None = getattr(request, "_sso_connection", None)
    if cached is not None:
        return cached
    code = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    connection = connection_by_code(code) if code else None
    if connection is not None and connection.enabled:
        request._sso_connection = connection  # type: ignore[attr-defined]
        return connection
    return None


def refuse(request: HttpRequest, reason: str, connection: SsoConnection | None, **facts: str):
    values = dict(facts)
    if connection is not None:
        values.update(
            organisation=connection.organisation.name,
            domain=connection.domain,
            provider=connection.get_provider_display(),
        )
    logger.info("Single sign-on refused (%s) for domain %s", reason, values.get("domain", "-"))
    message = REFUSALS[reason] % values
    response = render(request, "sso/refused.html", {"message": message}, status=403)
    return ImmediateHttpResponse(response)


def admit(request: HttpRequest, connection: SsoConnection, sociallogin: SocialLogin) -> None:
    """Refuse (raise) unless this sign-in belongs to a member; link their account on first use."""
    email = verified_email(connection, sociallogin)
    if not email:
        raise refuse(request, "unverified", connection)
    if email_domain(email) != connection.domain:
        raise refuse(request, "wrong_domain", connection, email=email)
    user = User.objects.filter(email__iexact=email).first()
    if user is None or not is_member(organisation=connection.organisation, user=user):
        raise refuse(request, "not_member", connection, email=email)
    if sociallogin.is_existing:
        if sociallogin.user != user:
            raise refuse(request, "other_account", connection)
    else:
        sociallogin.connect(request, user)
    SsoConnection.objects.for_organisation(connection.organisation).filter(pk=connection.pk).update(
        last_sign_in_at=timezone.now()
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False  # accounts come from invitations only

    def list_apps(
        self, request: HttpRequest, provider: Any = None, client_id: Any = None
    ) -> list[SocialApp]:
        connection = pending_connection(request)
        if connection is None:
            return []
        if provider and provider not in {connection.provider, connection.provider_id}:
            return []
        if client_id and client_id != connection.client_id:
            return []
        return [social_app_for(connection)]

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        connection = pending_connection(request)
        if connection is None:
            raise refuse(request, "expired", None)
        admit(request, connection, sociallogin)
        request.session.pop(SESSION_KEY, None)
