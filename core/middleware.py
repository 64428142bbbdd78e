"""Last lines of defence: errors a view could not turn into a message become a clear page."""

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

from core.forms import NUL_CHARACTER_MESSAGE

logger = logging.getLogger(__name__)


class NulCharacterMiddleware:
    """PostgreSQL refuses text containing NUL; answer 400 with an explanation, never a 500.

    Every form field already refuses NUL with a message beside it (Django's CharField validator,
    worded by `core.forms.NUL_CHARACTER_MESSAGE`); this catches anything a view read itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ValueError) and "NUL (0x00)" in str(exception):
            context = {"message": NUL_CHARACTER_MESSAGE}
            return render(request, "400_nul_character.html", context, status=400)
        return None


class DatabaseUnavailableMiddleware:
    """A database that is unreachable, or a statement that timed out, gives the branded 503
    page (rendered without the database) instead of a bare 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable for %s", request.path, exc_info=exception)
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
