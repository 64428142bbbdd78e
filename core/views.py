from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.access import public_view
from core.health import check_broker, check_database


@public_view
@never_cache
@require_GET
@transaction.non_atomic_requests  # ATOMIC_REQUESTS would connect first, and fail as a 500
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": check_database(), "broker": check_broker()}
    down = [service for service, check in checks.items() if not check["ok"]]
    body = {"status": "error" if down else "ok", "down": down, **checks}
    return JsonResponse(body, status=503 if down else 200)
