"""A sick database gives an answer, not a hang.

PostgreSQL is given a connect timeout and a statement timeout (settings `DATABASE_CONNECT_TIMEOUT`
and `DATABASE_STATEMENT_TIMEOUT`). The server enforces the statement timeout; a frozen server
enforces nothing, so `wait_with_deadline` also bounds every wait on the client side: psycopg2
calls it whenever it would block, and it gives up (closing the connection) once the statement's
timeout and a grace period have passed. Either way Django sees an `OperationalError`, which
`core.middleware` turns into the branded 503 page.
"""

import re
import select
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psycopg2.extensions import connection

CLIENT_GRACE_SECONDS = 5  # beyond the server's statement timeout, before the client gives up
_shorter_limit: ContextVar[float | None] = ContextVar("shorter_limit", default=None)


@contextmanager
def client_deadline(seconds: float) -> Iterator[None]:
    """Wait at most `seconds` for each database operation inside the block (e.g. /healthz)."""
    token = _shorter_limit.set(seconds)
    try:
        yield
    finally:
        _shorter_limit.reset(token)


def postgres_timeout_options(
    options: dict[str, Any], *, connect_seconds: int, statement_seconds: int
) -> dict[str, Any]:
    """`options` (a PostgreSQL DATABASES entry's OPTIONS) with both timeouts added."""
    server_options = options.get("options", "")
    if statement_seconds:
        server_options = f"{server_options} -c statement_timeout={statement_seconds * 1000}"
    merged = {**options, "connect_timeout": connect_seconds}
    if server_options.strip():
        merged["options"] = server_options.strip()
    return merged


def _wait_limit(conn: "connection") -> float | None:
    """Seconds this wait may take: the connect timeout while connecting, else the statement
    timeout plus a grace period (None when the statement timeout is off); or less inside
    `client_deadline`."""
    from psycopg2 import extensions

    params = conn.get_dsn_parameters()
    limit: float | None = None
    if conn.status == extensions.STATUS_SETUP:
        limit = float(params.get("connect_timeout") or 0) or None
    else:
        match = re.search(r"statement_timeout=(\d+)", params.get("options", ""))
        if match and match.group(1) != "0":
            limit = int(match.group(1)) / 1000 + CLIENT_GRACE_SECONDS
    shorter = _shorter_limit.get()
    return shorter if shorter is not None and (limit is None or shorter < limit) else limit


def wait_with_deadline(conn: "connection") -> None:
    """psycopg2's wait callback: wait for the server as psycopg2 would, but not for ever."""
    from psycopg2 import OperationalError, extensions

    limit = _wait_limit(conn)
    deadline = None if limit is None else time.monotonic() + limit
    while True:
        state = conn.poll()
        if state == extensions.POLL_OK:
            return
        if state not in (extensions.POLL_READ, extensions.POLL_WRITE):
            raise OperationalError(f"unexpected poll state {state}")
        reading = [conn.fileno()] if state == extensions.POLL_READ else []
        writing = [] if reading else [conn.fileno()]
        remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
        if not any(select.select(reading, writing, [], remaining)):
            # psycopg2 closes the connection when its wait callback raises ("green panic"),
            # so the next request reconnects rather than reusing it.
            raise OperationalError(f"the database did not answer within {limit:g} seconds")


def install_client_deadline() -> None:
    """Make psycopg2 wait through `wait_with_deadline` (once per process, for PostgreSQL)."""
    from psycopg2 import extensions

    extensions.set_wait_callback(wait_with_deadline)
