"""Gunicorn as deployed (gunicorn.conf.py): secrets out of its access log, forwarded headers
ignored without a proxy, and half-sent requests do not stall the site (issue 10).

Runs the real gunicorn on loopback against a throwaway SQLite database (its tables made from
the models); every wait is bounded.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    """A port nothing listens on now: a fixed one could be another run's gunicorn, whose health
    check would pass and whose access log is not this test's."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = int(os.environ.get("GUNICORN_TEST_PORT") or _free_port())
SYNC_PORT = _free_port()
SECRET = "S3cretTok3nThatMustNotLeak"

GUNICORN = Path(sys.executable).with_name("gunicorn")
pytestmark = pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn not installed")


def _env(tmp: Path, **extra) -> dict[str, str]:
    from reporting.signing_dev import dev_certificate_files

    signing = dev_certificate_files(settings.PACK_SIGNING_DEV_DIR)  # production sets its own
    return {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "prevent_compliance.settings",
        "DEBUG": "false",
        "SECRET_KEY": "gunicorn-stack-test-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp / "media"),
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "TRUSTED_PROXY_COUNT": "0",
        "PACK_SIGNING_CERT": str(signing["cert"]),
        "PACK_SIGNING_KEY": str(signing["key"]),
        "PACK_SIGNING_CHAIN": str(signing["root"]),
        **extra,
    }


def _get(path: str, port: int = PORT, timeout: float = 5, **headers) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        return opener.open(request, timeout=timeout).status
    except urllib.error.HTTPError as exc:
        return exc.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _start(tmp: Path, port: int, log: Path, **extra) -> subprocess.Popen:
    env = _env(tmp, WEB_BIND=f"127.0.0.1:{port}", WEB_ACCESS_LOG=str(log), **extra)
    process = subprocess.Popen(
        [str(GUNICORN), "prevent_compliance.wsgi", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(60):  # up to 30 s to boot
        try:
            if _get("/healthz", port=port, timeout=1) == 200:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    process.kill()
    pytest.fail("gunicorn did not start")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gunicorn")
    subprocess.run(  # the tables from the models (tests/models_schema_settings.py)
        [sys.executable, "manage.py", "migrate", "--run-syncdb", "--noinput", "-v", "0"],
        cwd=ROOT,
        env={**_env(tmp), "DJANGO_SETTINGS_MODULE": "tests.models_schema_settings"},
        check=True,
        timeout=120,
    )
    log = tmp / "access.log"
    process = _start(tmp, PORT, log)
    yield tmp, log
    process.terminate()
    process.wait(timeout=30)


def _read_until(log: Path, done, seconds: float = 10) -> str:
    deadline = time.monotonic() + seconds
    text = log.read_text() if log.exists() else ""
    while not done(text) and time.monotonic() < deadline:
        time.sleep(0.1)
        text = log.read_text() if log.exists() else ""
    return text


def test_the_access_log_never_holds_a_secret_link(stack):
    _, log = stack
    paths = [
        f"/q/{SECRET}/",
        f"/q/{SECRET}/done/",
        f"/p/{SECRET}/",
        f"/invitations/{uuid.uuid4()}/{SECRET}/",
        f"/accounts/password/reset/key/4-{SECRET}/",
        f"/accounts/confirm-email/{SECRET}/",
    ]
    for path in paths:
        _get(path, Referer=f"http://127.0.0.1:{PORT}/q/{SECRET}/")
    # Each line is written after its reply; wait (bounded) for all of them.
    text = _read_until(log, lambda t: t.count("[redacted]") >= 2 * len(paths))
    assert text.count("[redacted]") >= 2 * len(paths)  # the path and the referrer
    assert SECRET not in text


def test_a_forwarded_proto_from_a_client_is_not_believed(stack):
    # No proxy configured: claiming HTTPS does not skip the redirect to HTTPS.
    assert _get("/accounts/login/", **{"X-Forwarded-Proto": "https"}) == 301


def _half_sent(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # never finished
    return sock


def test_half_sent_requests_do_not_stall_the_threaded_workers(stack):
    slow = [_half_sent(PORT) for _ in range(4)]  # twice the number of workers
    try:
        started = time.monotonic()
        assert _get("/healthz", timeout=5) == 200
        assert time.monotonic() - started < 5
    finally:
        for sock in slow:
            sock.close()


def test_the_same_half_sent_requests_stall_sync_workers(stack, tmp_path):
    """The control: with sync workers (what production ran before) the site stops answering."""
    tmp, _ = stack
    sync = {"WEB_WORKER_CLASS": "sync", "WEB_THREADS": "1"}  # threads > 1 would mean gthread
    process = _start(tmp, SYNC_PORT, tmp_path / "sync.log", **sync)
    slow = [_half_sent(SYNC_PORT) for _ in range(2)]
    try:
        time.sleep(0.5)
        with pytest.raises(OSError):  # socket.timeout / URLError: nobody free to answer
            _get("/healthz", port=SYNC_PORT, timeout=3)
    finally:
        for sock in slow:
            sock.close()
        process.terminate()
        process.wait(timeout=30)
