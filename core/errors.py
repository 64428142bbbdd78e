"""Error reporting to Sentry, only when SENTRY_DSN is set (nothing is sent otherwise).

What leaves the building is kept to what a developer needs to fix a crash: no cookies, no request
bodies and no stack frames' variables (either may hold a narrative or a name), no user's email
or IP address, and secret link tokens cut out of every URL, query string, header, log message and
breadcrumb (core.redaction).
"""

from typing import Any

from core.redaction import redact

_DROPPED_HEADERS = {"cookie", "authorization", "x-csrftoken"}


def scrub_event(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        request.pop("data", None)
        if isinstance(request.get("url"), str):
            request["url"] = redact(request["url"])
        if isinstance(request.get("query_string"), str):  # without its "?", which redact() needs
            request["query_string"] = redact("?" + request["query_string"])[1:]
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: redact(value) if isinstance(value, str) else value
                for name, value in headers.items()
                if name.lower() not in _DROPPED_HEADERS
            }
    breadcrumbs = event.get("breadcrumbs")
    values = breadcrumbs.get("values", []) if isinstance(breadcrumbs, dict) else []
    for crumb in values:
        if isinstance(crumb.get("message"), str):
            crumb["message"] = redact(crumb["message"])
    if isinstance(event.get("logentry"), dict) and isinstance(
        event["logentry"].get("message"), str
    ):
        event["logentry"]["message"] = redact(event["logentry"]["message"])
    event.pop("user", None)
    return event


def init_sentry(dsn: str, *, environment: str, release: str, traces_sample_rate: float) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,  # a frame's variables may hold narratives, names, tokens
        traces_sample_rate=traces_sample_rate,
        before_send=scrub_event,  # type: ignore[arg-type]
    )
