"""Drive real races on PostgreSQL: threads, each on its own database connection.

`at_the_same_moment(target, name, parties)` makes every caller of a function wait for the others
just before it runs, so the requests overlap exactly where the race is; a caller blocked by a
lock simply never arrives, and the others go on after `timeout` seconds.
"""

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from django.db import connection

from tests.markers import needs_postgres

needs_postgresql = [
    pytest.mark.services,
    needs_postgres,
    pytest.mark.django_db(transaction=True),
]


def run_in_threads(*calls: Callable[[], Any]) -> list[Any]:
    """Run each call in its own thread and connection; results (or the exception raised)."""
    results: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            results[i] = call()
        except BaseException as exc:
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a request never finished"
    return results


@contextmanager
def at_the_same_moment(
    target: Any, name: str, parties: int, timeout: float = 1.5
) -> Iterator[None]:
    barrier = threading.Barrier(parties, timeout=timeout)
    original = getattr(target, name)

    def waiting(*args: Any, **kwargs: Any) -> Any:
        # A broken barrier means someone is held up by a lock: that is the point of a fix.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return original(*args, **kwargs)

    with mock.patch.object(target, name, waiting):
        yield


def raised(results: list[Any]) -> list[BaseException]:
    return [r for r in results if isinstance(r, BaseException)]
