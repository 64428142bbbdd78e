"""What a user gets while PostgreSQL is frozen: gunicorn (2 workers, --timeout 60, as in the
Procfile) runs against the database through a proxy on this machine that can freeze, so the
shared server is never stopped. Prints each request's status and seconds, before and during
the freeze and after it thaws, and writes them to results/frozen_database.json.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevent_benchmark \\
      .venv/bin/python benchmarks/frozen_database.py [--code DIR] [--web-port 8133]

--code runs another checkout (e.g. `git archive main` unpacked) to measure the code before a
change with the same script.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.netfaults import freezable_proxy  # noqa: E402

SESSION_FOR_DEMO_USER = """
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
user, _ = get_user_model().objects.get_or_create(email="frozen-db@example.org")
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "frozen-database-benchmark-only-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "CRITICAL",
    }


def manage(code: Path, env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(
        command, cwd=code, env=env, check=True, capture_output=True, text=True
    ).stdout


def fetch(url: str, session_key: str) -> tuple[int | str, float]:
    cookie = {"Cookie": f"sessionid={session_key}"}
    request = urllib.request.Request(url, headers=cookie)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            response.read()
            status: int | str = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        status = type(getattr(error, "reason", error)).__name__
    return status, round(time.monotonic() - started, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--code", type=Path, default=REPO)
    parser.add_argument("--web-port", type=int, default=8133)
    parser.add_argument("--proxy-port", type=int, default=8132)
    parser.add_argument("--label", default="this checkout")
    parser.add_argument("--workers", default="2")
    args = parser.parse_args()
    direct = os.environ["DATABASE_URL"]
    parts = urlsplit(direct)
    proxied = direct.replace(parts.netloc, f"{parts.username}@127.0.0.1:{args.proxy_port}")
    env = environment(direct)
    manage(args.code, env, "migrate", "--noinput")
    manage(args.code, env, "createcachetable")
    manage(args.code, env, "collectstatic", "--noinput", "--verbosity", "0")
    session_key = manage(args.code, env, "shell", "-c", SESSION_FOR_DEMO_USER).split()[-1]

    base = f"http://127.0.0.1:{args.web_port}"
    paths = {"a page": "/", "healthz": "/healthz", "a static file": "/static/css/app.css"}
    rounds: dict[str, dict[str, tuple[int | str, float]]] = {}
    with freezable_proxy(args.proxy_port, (parts.hostname, parts.port or 5432)) as freeze:
        web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "prevent_compliance.wsgi", "--bind",
             f"127.0.0.1:{args.web_port}", "--workers", args.workers, "--timeout", "60"],
            cwd=args.code, env=environment(proxied),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            time.sleep(4)
            for name in ("healthy", "frozen, first", "frozen, again", "thawed"):
                if name.startswith("frozen"):
                    freeze(True)
                if name == "thawed":
                    freeze(False)
                rounds[name] = {
                    label: fetch(base + path, session_key) for label, path in paths.items()
                }
                print(args.label, name, rounds[name], flush=True)
        finally:
            web.terminate()
            web.wait(30)
    out = REPO / "benchmarks" / "results" / "frozen_database.json"
    results = json.loads(out.read_text()) if out.exists() else {}
    results[args.label] = rounds
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
