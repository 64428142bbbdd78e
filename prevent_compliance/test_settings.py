"""Settings for the test suite: the real settings, made fast and deterministic.

The database and broker still come from DATABASE_URL and REDIS_URL, so CI runs against real
PostgreSQL and Redis; tasks run eagerly unless a test opts into the broker.
"""

import os
import tempfile
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")


def _redis_url_of_this_worker(url: str) -> str:
    """Under pytest-xdist each worker (gw0, gw1, ...) uses its own Redis database: REDIS_URL's
    number plus the worker's. Tests empty the queues there, and must not empty another's."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url or not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + int(worker[2:])
    return urlunsplit(parts._replace(path=f"/{number}"))


# Before the settings read it; tests that start a worker read it from the environment too.
if os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = _redis_url_of_this_worker(os.environ["REDIS_URL"])

from .settings import *  # noqa: F403, E402  (after REDIS_URL is set above)
from .settings import DATABASES, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
# Packs are signed with a development certificate made once per test process
# (reporting.signing_dev).
PACK_SIGNING_DEV = True
PACK_SIGNING_DEV_DIR = tempfile.mkdtemp(prefix="pack-signing-test-")
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SITE_URL = "http://testserver"
SSO_ALLOW_LOCAL_ISSUER = True  # the tests' OpenID Connect provider runs on 127.0.0.1
LOGGING_CONFIG = None
# Uploaded files (the demo seed's evidence too) go to a throwaway folder, never media/.
MEDIA_ROOT = tempfile.mkdtemp(prefix="prevent-test-media-")

# Test data need not survive a crash: a commit returns without waiting for its WAL to reach the
# disk (most of a commit's time on a busy disk: migrations, flushes, live-server tests). What
# other connections see, and when, is unchanged.
if DATABASES["default"]["ENGINE"] == "core.postgresql":
    DATABASES["default"]["ENGINE"] = "tests.postgresql"  # a fast flush after committing tests
    _server = DATABASES["default"]["OPTIONS"].get("options", "")
    DATABASES["default"]["OPTIONS"]["options"] = f"{_server} -c synchronous_commit=off".strip()
