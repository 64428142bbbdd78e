"""The email address an identity provider vouches for, by kind of provider.

An address is only used when the provider has verified it: OpenID Connect's `email_verified`
claim (and, for Google, the Workspace's hosted domain `hd`); for Microsoft, the user principal
name, whose domain Entra ID only allows when the tenant has verified it, in the organisation's own
tenant (the connection pins it). Microsoft's `mail` attribute is not used: a tenant's
administrator can set it to anything.
"""

from typing import Any

from allauth.socialaccount.models import SocialLogin

from sso.domains import email_domain
from sso.models import IdentityProvider, SsoConnection


def _claims(sociallogin: SocialLogin) -> dict[str, Any]:
    data: dict[str, Any] = sociallogin.account.extra_data or {}
    if "userinfo" in data or "id_token" in data:  # openid_connect keeps both
        merged = dict(data.get("id_token") or {})
        merged.update(data.get("userinfo") or {})
        return merged
    return data


def _is_true(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def verified_email(connection: SsoConnection, sociallogin: SocialLogin) -> str | None:
    claims = _claims(sociallogin)
    if connection.provider == IdentityProvider.MICROSOFT:
        if not connection.tenant_id:
            return None
        email = str(claims.get("userPrincipalName") or "")
    else:
        if not _is_true(claims.get("email_verified", claims.get("verified_email"))):
            return None
        email = str(claims.get("email") or "")
        if connection.provider == IdentityProvider.GOOGLE and claims.get("hd") != email_domain(
            email
        ):
            return None
    return email.strip().lower() or None
