"""Checks behind GET /healthz. Each says whether its service answers, never where it lives:
driver errors name the host and port, so they go to the log, not into the public answer."""

import logging
from typing import TypedDict

import redis
from django.conf import settings
from django.db import connection

from core.db import client_deadline

logger = logging.getLogger(__name__)


class Check(TypedDict):
    ok: bool
    detail: str


def _down(service: str, exc: Exception) -> Check:
    logger.error("Health check: the %s is unreachable", service, exc_info=exc)
    return {"ok": False, "detail": f"the {service} is unreachable ({type(exc).__name__})"}


DATABASE_CHECK_SECONDS = 3


def check_database() -> Check:
    try:
        with client_deadline(DATABASE_CHECK_SECONDS), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"
        return _down("database", exc)
    return {"ok": True, "detail": connection.vendor}


def check_broker() -> Check:
    if not settings.REDIS_URL:
        return {"ok": True, "detail": "in-process tasks (no broker configured)"}
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except Exception as exc:
        return _down("broker", exc)
    return {"ok": True, "detail": "redis"}
