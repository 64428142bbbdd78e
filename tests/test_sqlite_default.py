"""The embedded default (SQLite) queues concurrent writers instead of failing them.

Each test opens its own connections to a throwaway database file with Django's SQLite backend,
the way runserver's threads do, and runs the pattern every save has: a transaction that reads,
then writes.
"""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import OperationalError
from django.db.backends.sqlite3.base import DatabaseWrapper

from prevent_compliance.sqlite import sqlite_options

ROOT = Path(__file__).resolve().parent.parent


def connect(path: Path, options: dict) -> DatabaseWrapper:
    settings_dict = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": options,
        "ATOMIC_REQUESTS": True,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    return DatabaseWrapper(settings_dict, alias=f"sqlite-test-{threading.get_ident()}")


def begin(connection: DatabaseWrapper) -> None:
    """What transaction.atomic() does first (BEGIN, or BEGIN IMMEDIATE when configured)."""
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def end(connection: DatabaseWrapper, commit: bool = True) -> None:
    if commit:
        connection.commit()
    else:
        connection.rollback()
    connection.set_autocommit(True)


def read(connection: DatabaseWrapper) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        return cursor.fetchone()[0]


def write(connection: DatabaseWrapper, n: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE counter SET n = %s", [n])


@pytest.fixture
def database(tmp_path, django_db_blocker):
    """A file of our own, outside the test database (so pytest-django is told it's allowed)."""
    path = tmp_path / "db.sqlite3"
    with django_db_blocker.unblock():
        setup = connect(path, sqlite_options())
        with setup.cursor() as cursor:
            cursor.execute("CREATE TABLE counter (n integer NOT NULL)")
            cursor.execute("INSERT INTO counter (n) VALUES (0)")
        setup.close()
        yield path


def test_without_the_options_a_read_then_write_fails_at_once(database):
    """The failure `make run` had: Django's default DEFERRED transaction cannot take the write
    lock once another writer has committed since it read; SQLite does not wait (busy timeout
    or not), it fails."""
    first, second = connect(database, {"timeout": 5}), connect(database, {"timeout": 5})
    begin(first)
    read(first)
    begin(second)
    write(second, read(second) + 1)
    end(second)
    started = time.monotonic()
    with pytest.raises(OperationalError, match="database is locked"):
        write(first, 1)
    assert time.monotonic() - started < 1  # refused, not queued
    end(first, commit=False)
    first.close()
    second.close()


def test_with_the_options_concurrent_read_then_write_transactions_all_succeed(database):
    threads, increments = 6, 15
    errors: list[Exception] = []

    def worker() -> None:
        connection = connect(database, sqlite_options())
        try:
            for _ in range(increments):
                begin(connection)
                n = read(connection)
                time.sleep(0.002)  # the rest of the request, while holding the transaction
                write(connection, n + 1)
                end(connection)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    running = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()

    assert errors == []
    check = connect(database, sqlite_options())
    assert read(check) == threads * increments  # every write kept, none lost
    with check.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL
    check.close()


def test_a_second_writer_waits_for_the_first_instead_of_failing(database):
    first = connect(database, sqlite_options())
    begin(first)
    write(first, read(first) + 1)
    done = threading.Event()
    seen: list[int] = []

    def second_writer() -> None:
        second = connect(database, sqlite_options())
        begin(second)  # waits here until `first` commits
        seen.append(read(second))
        write(second, seen[0] + 1)
        end(second)
        second.close()
        done.set()

    thread = threading.Thread(target=second_writer)
    thread.start()
    time.sleep(0.3)
    assert not done.is_set()  # queued behind the first writer
    end(first)
    thread.join(timeout=10)
    assert done.is_set() and seen == [1]  # it saw the first writer's commit
    assert read(first) == 2
    first.close()


def test_the_default_settings_use_these_options_on_sqlite():
    """`make run` (no DATABASE_URL) gets them; checked in a fresh process so it holds in CI,
    where the suite itself runs on PostgreSQL."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DEBUG="true", DJANGO_SETTINGS_MODULE="prevent_compliance.settings")
    script = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['ATOMIC_REQUESTS'], sorted(d['OPTIONS'].items()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    expected = f"django.db.backends.sqlite3 True {sorted(sqlite_options().items())}"
    assert out.stdout.strip() == expected
