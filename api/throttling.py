"""Per-key rate limits, counted in the project's cache (shared by every web process)."""

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


class ApiKeyThrottle(SimpleRateThrottle):
    """`settings.API_RATE_LIMIT` requests per key (e.g. "120/min"); over it, 429 and Retry-After."""

    scope = "api_key"

    def get_rate(self) -> str:
        return str(settings.API_RATE_LIMIT)  # read per request, so tests and ops can change it

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        key = request.auth
        if key is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": key.pk}
