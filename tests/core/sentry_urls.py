"""A URL that fails, for tests/core/test_observability.py's Sentry check (not in the real URLs)."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path

from core.access import public_view


@public_view
@transaction.non_atomic_requests  # no database in that test's process
def boom(request: HttpRequest, token: str) -> HttpResponse:
    raise RuntimeError("a view that fails on purpose")


urlpatterns = [path("q/<str:token>/boom", boom)]
