"""Django's PostgreSQL backend, with a short check of a reused connection.

Django checks a persistent connection (`CONN_HEALTH_CHECKS`) with `SELECT 1` before a request
uses it; against a frozen server that check would wait the whole statement deadline before
reconnecting, so it gets a deadline of its own.
"""

from django.db.backends.postgresql import base

from core.db import client_deadline

HEALTH_CHECK_SECONDS = 2


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        with client_deadline(HEALTH_CHECK_SECONDS):
            return super().is_usable()
