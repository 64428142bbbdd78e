"""The request a signed-in view receives: `user_view` and `org_view` let no one else through."""

from django.http import HttpRequest

from accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """Annotate a view's request with this when its decorator guarantees a signed-in user, so
    `request.user` is a `User` (never `AnonymousUser`) to the type checker."""

    user: User
