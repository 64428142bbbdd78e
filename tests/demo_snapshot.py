"""The demo world (`demo.world.seed_all`), seeded once per test process and then copied back.

A seed costs seconds of CPU (its two PDFs as much again), and a dozen modules and every browser
test start from that same world. So the first `demo_world_build` in a process (an xdist worker
is one) seeds for real and keeps a copy: every table's rows, as JSON written by PostgreSQL
itself, and the media files the seed wrote. Each later call deletes all rows and inserts the copy:
the same rows, codes and files as a fresh seed, at a fraction of the cost. Only the timestamps
are the first seed's. Seeding is tested as such in tests/tenancy/test_seed_demo.py.

Under pytest-xdist the workers of one run share the copy: the first to need it seeds (under a
file lock) and leaves it in a file named after the run; the others wait for it instead of
seeding too (each seed renders two PDFs), then move their sequences past the copied ids.

It runs in the caller's transaction (`demo_world` rolls it back after the module; browser tests
commit it). Deleting rather than truncating leaves other connections unblocked. On SQLite it
simply seeds again.
"""

import fcntl
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction


@dataclass(frozen=True)
class _Copy:
    rows: dict[str, str]  # table name -> its rows as a JSON array
    files: dict[str, bytes]  # path under MEDIA_ROOT -> content


_copies: dict[bool, _Copy] = {}


def demo_world_build(*, packs: bool) -> None:
    """Make the database hold exactly what `seed_all(packs=packs)` creates."""
    from demo.world import seed_all

    if connection.vendor != "postgresql":
        seed_all(password=settings.DEMO_PASSWORD, packs=packs)
        return
    with transaction.atomic():
        copy = _copies.get(packs)
        if copy is None:
            _copies[packs] = _seed_or_take_the_runs_copy(packs)
        else:
            _put_back(copy)
        check_deferred_keys_now()
    _forget_cached_rows()


def check_deferred_keys_now() -> None:
    """Check the foreign keys of rows made for a whole module here, once, not at every test's end.

    Django's keys on PostgreSQL are deferred, so each row inserted queues a check for the commit.
    A `TestCase` checks constraints before rolling back to its savepoint, and a savepoint's
    rollback puts the checks it ran back in the queue: every test in a `demo_world` module
    re-checked the whole world's keys, about 27 ms of server time a test. Call it at the end of
    any module-scoped fixture that writes rows (the rows of each test are checked as before).
    """
    connection.check_constraints()


def _seed(packs: bool) -> _Copy:
    from demo.world import seed_all

    before = _media_files()
    seed_all(password=settings.DEMO_PASSWORD, packs=packs)
    return _Copy(rows=_table_rows(), files=_new_files(before))


def _seed_or_take_the_runs_copy(packs: bool) -> _Copy:
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if not run:
        return _seed(packs)
    path = _run_copies(run) / f"{int(packs)}.pickle"
    with open(f"{path}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not path.exists():
            copy = _seed(packs)
            path.with_suffix(".part").write_bytes(pickle.dumps(copy))
            path.with_suffix(".part").replace(path)
            return copy
    copy = pickle.loads(path.read_bytes())  # noqa: S301 (written by this run's own worker)
    _put_back(copy)
    _sequences_past_the_copied_ids()
    return copy


def _run_copies(run: str) -> Path:
    folder = Path(tempfile.gettempdir()) / f"prevent-demo-copy-{run}"
    folder.mkdir(exist_ok=True)
    return folder


def forget_the_runs_copies(run: str) -> None:
    """Called by the controller when the run ends."""
    shutil.rmtree(Path(tempfile.gettempdir()) / f"prevent-demo-copy-{run}", ignore_errors=True)


def _sequences_past_the_copied_ids() -> None:
    """Move each sequence on to its table's largest copied id, never back: this process may
    already have rows of the other copy (with or without packs) past it."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for sequence in connection.introspection.sequence_list():
            name, table = sequence.get("name"), sequence["table"]
            if not name:
                continue
            top = f"SELECT max({quote(sequence['column'] or 'id')}) AS top FROM {quote(table)}"  # noqa: S608
            cursor.execute(
                f"SELECT setval(%s, top) FROM ({top}) AS copied "  # noqa: S608
                f"WHERE top >= (SELECT last_value FROM {quote(name)})",
                [name],
            )


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _table_rows() -> dict[str, str]:
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT coalesce(json_agg(t), '[]')::text FROM {quote(table)} t")  # noqa: S608
            rows[table] = cursor.fetchone()[0]
    return rows


def _put_back(copy: _Copy) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Every foreign key Django creates on PostgreSQL is deferrable: order does not matter.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in copy.rows:
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        for table, rows in copy.rows.items():
            if rows != "[]":
                cursor.execute(
                    f"INSERT INTO {quote(table)} "  # noqa: S608
                    f"SELECT * FROM json_populate_recordset(NULL::{quote(table)}, %s::json)",
                    [rows],
                )
    media = Path(settings.MEDIA_ROOT)
    for name, content in copy.files.items():
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(content)


def _media_files() -> dict[str, float]:
    media = Path(settings.MEDIA_ROOT)
    if not media.exists():
        return {}
    return {str(p.relative_to(media)): p.stat().st_mtime for p in media.rglob("*") if p.is_file()}


def _new_files(before: dict[str, float]) -> dict[str, bytes]:
    media = Path(settings.MEDIA_ROOT)
    return {
        name: (media / name).read_bytes()
        for name, mtime in _media_files().items()
        if before.get(name) != mtime
    }


def _forget_cached_rows() -> None:
    """Content types are cached by id, and the copy's ids may differ from the replaced rows'."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
