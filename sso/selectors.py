"""Reads of single sign-on connections.

Signing in comes before any organisation is known, so the domain lookups cross tenants
(`SsoConnection.unscoped`, listed in tests/unscoped_allowlist.py); a domain names at most one
connection.
"""

from typing import Any

from sso.domains import email_domain
from sso.models import SsoConnection
from tenancy.models import Membership, Organisation


def connection_for_domain(domain: str) -> SsoConnection | None:
    """The enabled connection that claims `domain`, with its organisation."""
    if not domain:
        return None
    return (
        SsoConnection.unscoped.select_related("organisation")
        .filter(domain=domain, enabled=True)
        .first()
    )


def connection_by_code(code: str) -> SsoConnection | None:
    return SsoConnection.unscoped.select_related("organisation").filter(code=code).first()


def organisation_connection(*, organisation: Organisation) -> SsoConnection | None:
    return SsoConnection.objects.for_organisation(organisation).first()


def is_member(*, organisation: Organisation, user: Any) -> bool:
    return Membership.objects.for_organisation(organisation).filter(user=user).exists()


def sso_only_connection_for(user: Any) -> SsoConnection | None:
    """The connection that stops `user` signing in with a password, if any.

    That is the connection claiming their email's domain, when it is on with "single sign-on
    only" and they are a member of its organisation. Our staff (account managers and
    administrators) always keep their password, so they can repair a broken connection.
    """
    if user.is_staff or user.is_superuser or getattr(user, "is_account_manager", False):
        return None
    connection = connection_for_domain(email_domain(user.email))
    if connection is None or not connection.sso_only:
        return None
    if not is_member(organisation=connection.organisation, user=user):
        return None
    return connection
