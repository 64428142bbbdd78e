"""Skip markers shared by the tests that need a real service."""

import os

import pytest
from django.db import connection

needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL") and not os.environ.get("REQUIRE_SERVICES"),
    reason="REDIS_URL is not set (CI sets it; it runs against the real Redis)",
)
needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)"
)
