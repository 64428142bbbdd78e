"""Each signed-in person sees the interface in the language they chose (`User.language`).

Django's LocaleMiddleware, earlier in the stack, has already picked the browser's language
(Accept-Language) for everyone; this replaces it with a signed-in person's own choice, for the
view and the response (LocaleMiddleware's process_response then sets Content-Language from it).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SUPPORTED = {code for code, _ in settings.LANGUAGES}


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None else ""
        if user is not None and user.is_authenticated and language in SUPPORTED:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
