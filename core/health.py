"""Checks behind GET /healthz."""

from typing import TypedDict

import redis
from django.conf import settings
from django.db import connection


class Check(TypedDict):
    ok: bool
    detail: str


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"
        return {"ok": False, "detail": f"{type(exc).__name__}: {exc}"[:200]}
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
        return {"ok": False, "detail": f"{type(exc).__name__}: {exc}"[:200]}
    return {"ok": True, "detail": "redis"}
