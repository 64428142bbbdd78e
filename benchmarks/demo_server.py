"""A real `manage.py runserver` the way `make run` serves it (migrate, demo seed), for benchmarks
that talk to it over HTTP: on a throwaway SQLite file, or on a PostgreSQL database that is
dropped and created afresh (BENCH_DATABASE_URL, never a live one).
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/pc_i9_autosave"


def prepare_database(database: str, workdir: Path) -> str:
    if database == "sqlite":
        return f"sqlite:///{workdir / 'db.sqlite3'}"
    import psycopg2

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG)
    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return url


def server_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(DEBUG="true", DATABASE_URL=database_url, PYTHONUNBUFFERED="1")
    return env


def start_server(database_url: str, port: int, log_path: Path) -> subprocess.Popen:
    """`make run`'s steps, on our port (without the autoreloader, so one process to stop)."""
    env = server_env(database_url)
    manage = [sys.executable, "manage.py"]
    for step in (["migrate", "--noinput"], ["createcachetable"], ["seed_demo"]):
        subprocess.run(manage + step, cwd=ROOT, env=env, check=True, capture_output=True)
    log = log_path.open("w")
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except urllib.error.HTTPError:
            return server  # it answers (503 without a broker is still an answer)
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError(f"runserver did not start; see {log_path}")
