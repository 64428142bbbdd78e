"""Changes to an organisation's single sign-on connection. Views call these."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from sso.crypto import encrypt_secret
from sso.domains import PUBLIC_DOMAINS, email_domain, is_valid_domain
from sso.models import SsoConnection

PUBLIC_DOMAIN = _("%(domain)s is a public email service; link your organisation's own domain.")
NOT_YOUR_DOMAIN = _(
    "You can link only your own email's domain (%(own)s). Ask your account manager to link "
    "another domain your organisation owns."
)
NEEDS_A_SIGN_IN = _(
    "Sign in with single sign-on yourself first, so we know it works, then turn this on."
)


def check_domain_claim(*, domain: str, by: User, any_domain: bool) -> None:
    """Who may claim which domain.

    A quality manager may claim only the domain of their own account's email, which the
    invitation flow has verified. Account managers (our staff) check ownership with the
    organisation themselves and may claim any other domain. Nobody may claim a public mailbox
    service's domain. The database keeps each domain to one organisation.
    """
    if not is_valid_domain(domain):
        raise ValidationError({"domain": gettext("Enter a domain such as northbeck.ac.uk.")})
    if domain in PUBLIC_DOMAINS:
        raise ValidationError({"domain": PUBLIC_DOMAIN % {"domain": domain}})
    own = email_domain(by.email)
    if not any_domain and domain != own:
        raise ValidationError({"domain": NOT_YOUR_DOMAIN % {"own": own}})


def sso_connection_save(*, connection: SsoConnection, secret: str, by: User) -> SsoConnection:
    """Save `connection` (its fields already set); a non-empty `secret` replaces the stored one."""
    if secret:
        connection.client_secret_encrypted = encrypt_secret(secret)
    if not connection.client_secret_encrypted:
        raise ValidationError({"client_secret": gettext("Enter the client secret.")})
    if not connection.enabled:
        connection.sso_only = False
    if connection.sso_only and connection.last_sign_in_at is None:
        raise ValidationError({"sso_only": NEEDS_A_SIGN_IN})
    connection._history_user = by  # type: ignore[attr-defined]
    connection.full_clean(exclude=["organisation"])
    connection.save()
    return connection


def sso_only_turn_off(*, connection: SsoConnection, by: User) -> None:
    """The way back in: an account manager (or quality manager) lets passwords work again."""
    connection.sso_only = False
    connection._history_user = by  # type: ignore[attr-defined]
    connection.save(update_fields=["sso_only", "updated_at"])


def sso_connection_remove(*, connection: SsoConnection, by: User) -> None:
    """Take the connection away: members sign in with their passwords again, the domain is free
    to link again, and the history keeps who removed it and when. People's own links to their
    identity-provider accounts stay on their accounts (they start nothing without a connection)."""
    connection._history_user = by  # type: ignore[attr-defined]
    connection.delete()
