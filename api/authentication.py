"""Who is asking: an organisation's API key (`Authorization: Bearer pck_...`), and whether its
scope allows the request. Kept apart from `api.access` so DRF's settings can import it."""

from typing import Any

from django.utils.translation import gettext
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from api.models import ApiKey
from api.services import api_key_note_use, creator_may_hold_keys
from tenancy.access import OrgAccess

KEYWORD = "Bearer"


class ApiKeyAuthentication(BaseAuthentication):
    """`Authorization: Bearer <key>`: the key's creator is the user, the key is `request.auth`."""

    def authenticate(self, request: Request) -> tuple[Any, ApiKey] | None:
        parts = get_authorization_header(request).split()
        if not parts:
            return None
        if parts[0].decode("latin-1").lower() != KEYWORD.lower() or len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                gettext("Send the key as “Authorization: Bearer <key>”.")
            )
        token = parts[1].decode("latin-1")
        key = ApiKey.unscoped.select_related("organisation", "created_by").live().for_token(token)
        if key is None:
            raise exceptions.AuthenticationFailed(
                gettext("This key does not work: unknown or revoked.")
            )
        if not creator_may_hold_keys(organisation=key.organisation, user=key.created_by):
            raise exceptions.AuthenticationFailed(
                gettext(
                    "This key stopped working: the person who created it is no longer one of the "
                    "organisation's quality managers. Ask a quality manager for a new key."
                )
            )
        api_key_note_use(key)
        return key.created_by, key

    def authenticate_header(self, request: Request) -> str:
        return f'{KEYWORD} realm="api"'


def key_access(key: ApiKey) -> OrgAccess:
    """The key as a holder in the role table: its scope's permissions, no membership."""
    return OrgAccess(key.organisation, None, key.scope)


class KeyScopePermission(BasePermission):
    """The organisation in the URL must be the key's (else 404); the scope must hold the
    method's permission (else 403). A method the view lacks falls through to 405."""

    def has_permission(self, request: Request, view: Any) -> bool:
        key = request.auth
        if not isinstance(key, ApiKey):
            return False  # no key: DRF answers 401 with the WWW-Authenticate challenge
        if view.kwargs.get("org_slug") != key.organisation.slug:
            raise exceptions.NotFound(gettext("No such organisation."))
        view.access = key_access(key)
        perm = view.required_perms.get("GET" if request.method == "HEAD" else request.method)
        return perm is None or view.access.can(perm)
