import hmac

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from core.access import public_view, token_view
from core.health import check_broker, check_database
from core.metrics import exposition


@public_view
@never_cache
@require_GET
@transaction.non_atomic_requests  # ATOMIC_REQUESTS would connect first, and fail as a 500
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": check_database(), "broker": check_broker()}
    down = [service for service, check in checks.items() if not check["ok"]]
    body = {"status": "error" if down else "ok", "down": down, **checks}
    return JsonResponse(body, status=503 if down else 200)


def _authorised(request: HttpRequest) -> bool:
    expected = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(expected) and hmac.compare_digest(given.encode(), f"Bearer {expected}".encode())


@token_view
@never_cache
@transaction.non_atomic_requests  # a scrape needs no database
def metrics_view(request: HttpRequest) -> HttpResponse:
    if request.method != "GET" or not _authorised(request):
        raise Http404
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
