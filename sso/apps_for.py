"""The allauth `SocialApp` a connection stands for, built in memory (never saved).

Each kind uses allauth's own provider: `microsoft` pinned to the organisation's tenant, `google`
with its hosted domain, and `openid_connect` with the connection's own sub-provider id.
"""

from allauth.socialaccount.models import SocialApp

from sso.crypto import decrypt_secret
from sso.models import IdentityProvider, SsoConnection


def social_app_for(connection: SsoConnection) -> SocialApp:
    settings: dict[str, object] = {"oauth_pkce_enabled": True}
    if connection.provider == IdentityProvider.MICROSOFT:
        settings["tenant"] = connection.tenant_id
    elif connection.provider == IdentityProvider.OPENID_CONNECT:
        settings["server_url"] = connection.issuer_url
    is_oidc = connection.provider == IdentityProvider.OPENID_CONNECT
    return SocialApp(
        provider=str(connection.provider),
        provider_id=connection.provider_id if is_oidc else "",
        name=connection.organisation.name,
        client_id=connection.client_id,
        secret=decrypt_secret(connection.client_secret_encrypted),
        settings=settings,
    )


def auth_params_for(connection: SsoConnection, email: str) -> dict[str, str]:
    """Extra parameters for the identity provider's sign-in page: who is signing in."""
    params = {"login_hint": email}
    if connection.provider == IdentityProvider.GOOGLE:
        params["hd"] = connection.domain  # Google shows only that Workspace's accounts
    return params


def callback_path(connection: SsoConnection) -> str:
    """The redirect URI to register with the identity provider (a path; the site adds its host)."""
    from django.urls import reverse

    if connection.provider == IdentityProvider.OPENID_CONNECT:
        return reverse("openid_connect_callback", kwargs={"provider_id": connection.provider_id})
    return reverse(f"{connection.provider}_callback")
