import time

import pytest

pytestmark = pytest.mark.django_db


def test_it_reports_database_and_broker(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True
    if settings.REDIS_URL:
        assert body["broker"]["detail"] == "redis"


def test_it_answers_503_quickly_when_the_broker_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 3
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["broker"]["ok"] is False
    assert body["database"]["ok"] is True


def test_it_needs_no_login_and_reveals_no_tenant_data(client, org):
    response = client.get("/healthz")
    assert org.name not in response.content.decode()
