"""Request-wide safeguards: refuse oversized bodies before reading them, and keep pages with
personal or tenant data out of every cache."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from core.access import ORGANISATION, TOKEN, USER, access_kind_of

MB = 1024 * 1024


def max_body_bytes() -> int:
    """The largest request body read: the upload limit plus room for the form around it.

    The slack lets a file a little over the limit reach the form, which refuses it next to the
    field with everything else typed kept; anything larger is refused unread.
    """
    return (settings.EVIDENCE_MAX_UPLOAD_MB + settings.REQUEST_BODY_SLACK_MB) * MB


class RequestSizeLimitMiddleware:
    """Answers 413 from the Content-Length header alone, so a 400 MB upload is never streamed
    to disk before the size check (the proxy in front should refuse it even earlier)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_body_bytes():
            context = {
                "sent_mb": round(length / MB),
                "limit_mb": settings.EVIDENCE_MAX_UPLOAD_MB,
            }
            response = render(request, "413.html", context, status=413)
            response["Connection"] = "close"  # do not read the rest of the body
            return response
        return self.get_response(request)


def _private(request: HttpRequest, response: HttpResponse) -> bool:
    if response.has_header("Content-Disposition"):
        return True  # every export and download
    match = getattr(request, "resolver_match", None)
    kind = access_kind_of(match.func) if match else None
    if kind in {ORGANISATION, TOKEN, USER}:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on logged-in pages, secret-link pages and every export."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", "") and _private(request, response):
            add_never_cache_headers(response)
        return response
