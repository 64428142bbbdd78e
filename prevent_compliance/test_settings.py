"""Settings for the test suite: the real settings, made fast and deterministic.

The database and broker still come from DATABASE_URL and REDIS_URL, so CI runs against real
PostgreSQL and Redis; tasks run eagerly unless a test opts into the broker.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")

from .settings import *  # noqa: F403
from .settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SITE_URL = "http://testserver"
LOGGING_CONFIG = None
# Uploaded files (the demo seed's evidence too) go to a throwaway folder, never media/.
MEDIA_ROOT = tempfile.mkdtemp(prefix="prevent-test-media-")
