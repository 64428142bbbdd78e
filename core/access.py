"""How each view declares who may reach it.

Every view of ours carries an `access_kind` attribute set by one of these decorators (or by
`tenancy.access.org_view`). The tenant-isolation test reads it from the URL resolver, so a new view
that forgets to declare its access fails the test suite.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])

PUBLIC = "public"
USER = "user"
ORGANISATION = "organisation"
TOKEN = "token"  # noqa: S105 (a kind of access, not a secret)
# The REST API under /api/v1/o/<org_slug>/: an organisation's API key, never a session
# (api.access.OrgApiView: no key 401, another organisation's 404, a scope without it 403).
API = "api"


def public_view(view: ViewFunc) -> ViewFunc:
    """Reachable by anyone; must reveal nothing tenant-specific."""
    view.access_kind = PUBLIC  # type: ignore[attr-defined]
    return view


def token_view(view: ViewFunc) -> ViewFunc:
    """Reachable without an account by whoever holds a secret token in the URL."""
    view.access_kind = TOKEN  # type: ignore[attr-defined]
    return view


def user_view(view: ViewFunc) -> ViewFunc:
    """Needs a logged-in user; shows only that user's own data."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.access_kind = USER  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def access_kind_of(view: Callable[..., Any] | None) -> str | None:
    """The kind a view declared with one of these decorators (through any wrappers), if any."""
    while view is not None:
        kind: str | None = getattr(view, "access_kind", None)
        if kind:
            return kind
        view = getattr(view, "__wrapped__", None)
    return None
