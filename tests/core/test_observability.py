"""Production logs are one JSON object per line with secrets cut out, and errors reach Sentry (a
local stand-in that speaks its envelope protocol) with nothing personal or secret in them.

Both run the real settings in a fresh Python process, as production starts them."""

import gzip
import json
import os
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from core.errors import scrub_event

ROOT = Path(__file__).resolve().parents[2]
SECRET = "q-token-that-must-never-leave-Abc123"


def _run_django(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SENTRY_DSN"}
    }
    base |= {"DJANGO_SETTINGS_MODULE": "prevent_compliance.settings", "SECRET_KEY": "x" * 50}
    preamble = "import django\ndjango.setup()\n"
    return subprocess.run(
        [sys.executable, "-c", preamble + script],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_production_logs_are_one_json_object_per_line_with_secrets_cut_out():
    script = (
        "import logging\n"
        f"logging.getLogger('django.request').warning('Not Found: /q/{SECRET}/')\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n"
        "    logging.getLogger('reporting').exception('pack %s failed', 'abc')\n"
    )
    result = _run_django(script, DEBUG="false", ALLOWED_HOSTS="example.org")
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, result.stderr
    warning, error = lines
    assert warning["level"] == "WARNING" and warning["logger"] == "django.request"
    assert warning["message"] == "Not Found: /q/[redacted]/"
    assert SECRET not in result.stderr
    assert error["message"] == "pack abc failed" and error["level"] == "ERROR"
    assert "ZeroDivisionError" in error["exc_info"]
    assert {"time", "level", "logger", "message"} <= set(warning)


class _Collector(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding == "br":
            import brotli  # type: ignore[import-untyped]

            body = brotli.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def sentry_server():
    _Collector.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


def _events(received: list[bytes]) -> list[dict]:
    events = []
    for envelope in received:
        lines = envelope.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                events.append(json.loads(payload))
    return events


def test_an_error_reaches_sentry_without_secrets_cookies_or_the_person(sentry_server):
    port = sentry_server.server_address[1]
    script = (
        "import sentry_sdk\n"
        "from wsgiref.util import setup_testing_defaults\n"
        "from django.core.wsgi import get_wsgi_application\n"
        "from django.test import override_settings\n"
        f"environ = {{'PATH_INFO': '/q/{SECRET}/boom', 'QUERY_STRING': 'token={SECRET}',\n"
        f"    'HTTP_REFERER': '/p/{SECRET}/', 'HTTP_COOKIE': 'csrftoken=a-session-cookie',\n"
        "    'HTTP_HOST': 'testserver'}\n"
        "setup_testing_defaults(environ)\n"
        "statuses = []\n"
        "with override_settings(ROOT_URLCONF='tests.core.sentry_urls'):\n"
        "    get_wsgi_application()(environ, lambda status, headers: statuses.append(status))\n"
        "sentry_sdk.flush(timeout=10)\n"
        "print(statuses[0][:3])\n"
    )
    result = _run_django(
        script,
        DEBUG="true",
        ALLOWED_HOSTS="testserver",
        SENTRY_DSN=f"http://publickey@127.0.0.1:{port}/42",
    )
    assert result.stdout.strip() == "500"
    events = _events(_Collector.received)
    crashes = [
        e
        for e in events
        if e.get("exception", {}).get("values", [{}])[-1].get("type") == "RuntimeError"
    ]
    assert crashes, _Collector.received
    assert (
        crashes[0]["request"]
        .get("url", "MISSING:" + json.dumps(crashes[0]["request"]))
        .endswith("/q/[redacted]/boom")
    )
    for event in events:  # the crash, and the "Internal Server Error" log line Sentry also takes
        everything = json.dumps(event)
        assert SECRET not in everything, everything[max(0, everything.find(SECRET) - 300) :][:400]
        assert "a-session-cookie" not in everything
        assert "cookies" not in event.get("request", {}) and "user" not in event


def test_scrubbing_leaves_an_event_without_a_request_alone():
    event = {"message": "plain", "breadcrumbs": {"values": [{"message": f"GET /p/{SECRET}/"}]}}
    scrubbed = scrub_event(event)
    assert scrubbed["message"] == "plain"
    assert scrubbed["breadcrumbs"]["values"][0]["message"] == "GET /p/[redacted]/"
