"""Each signed-in person sees the interface in the language they chose (`User.language`).

Django's LocaleMiddleware, earlier in the stack, has already picked the browser's language
(Accept-Language) for everyone; this replaces it with a signed-in person's own choice, for the
view and the response (LocaleMiddleware's process_response then sets Content-Language from it).
The request that signs someone in switches when they are signed in (`activate_on_sign_in`, on
Django's user_logged_in signal), so its "signed in" message is in their language too.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SUPPORTED = {code for code, _ in settings.LANGUAGES}


def _activate(request: HttpRequest, language: str) -> None:
    if language in SUPPORTED:
        translation.activate(language)
        request.LANGUAGE_CODE = language


def activate_on_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None:
        _activate(request, getattr(user, "language", ""))


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            _activate(request, getattr(user, "language", ""))
        return self.get_response(request)
