"""A sick database gives an answer, not a hang: /healthz says which service is down (never where
it lives), pages give the branded 503, static files never touch the database, and PostgreSQL
connections carry connect and statement timeouts."""

import time

import pytest
from django.db import OperationalError, connection
from django.db.utils import ConnectionHandler
from django.test import Client

from core.db import postgres_timeout_options
from tests.markers import needs_postgres
from tests.netfaults import free_port, freezable_proxy, silent_server

pytestmark = pytest.mark.django_db
ADDRESS_WORDS = ("10.9.8.7", "5432", "127.0.0.1")


@pytest.fixture
def database_down(db, monkeypatch):
    """Every new use of the default connection fails as an unreachable server does."""

    def refuse(*args, **kwargs):
        raise OperationalError(
            'connection to server at "10.9.8.7", port 5432 failed: timeout expired'
        )

    monkeypatch.setattr(connection, "ensure_connection", refuse)


def test_healthz_answers_json_503_naming_the_database_but_not_its_address(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "error" and body["down"] == ["database"]
    assert body["database"] == {
        "ok": False,
        "detail": "the database is unreachable (OperationalError)",
    }
    for word in ADDRESS_WORDS:
        assert word not in response.content.decode()


def test_healthz_does_not_name_the_brokers_address_either(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["down"] == ["broker"]
    assert "127.0.0.1" not in response.content.decode()


def postgres_at(port: int, **timeouts) -> ConnectionHandler:
    options = postgres_timeout_options({}, **timeouts)
    return ConnectionHandler(
        {
            "default": {
                "ENGINE": "core.postgresql",
                "NAME": "prevent",
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": str(port),
                "OPTIONS": options,
            }
        }
    )


def test_healthz_answers_within_the_connect_timeout_when_the_database_never_answers(
    client, monkeypatch
):
    pytest.importorskip("psycopg2")
    import core.health

    port = free_port()
    frozen = postgres_at(port, connect_seconds=1, statement_seconds=15)["default"]
    monkeypatch.setattr(core.health, "connection", frozen)
    with silent_server(port):
        started = time.monotonic()
        response = client.get("/healthz")
        waited = time.monotonic() - started
    assert response.status_code == 503 and response.json()["down"] == ["database"]
    assert waited < 3, f"healthz waited {waited:.1f}s for a frozen database"
    for word in (*ADDRESS_WORDS, str(port)):
        assert word not in response.content.decode()


def test_a_page_whose_database_fails_gives_the_branded_503_page(
    org, member, client_for, monkeypatch
):
    import tenancy.views.home

    def statement_timeout(*args, **kwargs):
        raise OperationalError("canceling statement due to statement timeout")

    client = client_for(member)
    monkeypatch.setattr(tenancy.views.home, "render", statement_timeout)
    response = client.get(org.get_absolute_url())
    assert response.status_code == 503 and response["Retry-After"] == "30"
    page = response.content.decode()
    assert "We can’t reach our records just now" in page and "css/app.css" in page
    assert "statement timeout" not in page


def test_static_files_never_touch_the_database(database_down, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get("/static/css/app.css")  # a fresh client loads the middleware anew
    assert response.status_code == 200
    assert b"".join(response.streaming_content).strip()


def test_postgres_gets_connect_and_statement_timeouts_from_the_environment():
    options = postgres_timeout_options(
        {"options": "-c search_path=public"}, connect_seconds=5, statement_seconds=15
    )
    assert options == {
        "connect_timeout": 5,
        "options": "-c search_path=public -c statement_timeout=15000",
    }
    assert postgres_timeout_options({}, connect_seconds=3, statement_seconds=0) == {
        "connect_timeout": 3
    }


@pytest.mark.services
@needs_postgres
def test_the_default_connection_carries_the_configured_statement_timeout(settings):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == f"{settings.DATABASE_STATEMENT_TIMEOUT}s"


@pytest.mark.services
@needs_postgres
def test_a_slow_statement_is_cancelled_by_the_statement_timeout():
    settings_dict = connection.settings_dict
    handler = postgres_at(
        int(settings_dict["PORT"] or 5432), connect_seconds=5, statement_seconds=1
    )
    short = handler["default"]
    short.settings_dict["NAME"] = settings_dict["NAME"]
    started = time.monotonic()
    with pytest.raises(OperationalError, match="statement timeout"), short.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(10)")
    assert time.monotonic() - started < 3
    short.close()


@pytest.mark.services
@needs_postgres
def test_a_page_whose_query_times_out_gives_the_branded_503_page_quickly(
    org, member, client_for, monkeypatch
):
    import tenancy.views.home

    real_render = tenancy.views.home.render

    def slow_render(*args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = '300ms'")
            cursor.execute("SELECT pg_sleep(5)")
        return real_render(*args, **kwargs)

    client = client_for(member)
    monkeypatch.setattr(tenancy.views.home, "render", slow_render)
    started = time.monotonic()
    response = client.get(org.get_absolute_url())
    assert time.monotonic() - started < 3
    assert response.status_code == 503
    assert "We can’t reach our records just now" in response.content.decode()


@pytest.mark.services
@needs_postgres
def test_a_frozen_server_fails_a_query_after_the_statement_timeout_and_grace():
    from core.db import CLIENT_GRACE_SECONDS
    from core.postgresql.base import HEALTH_CHECK_SECONDS

    settings_dict = connection.settings_dict
    upstream = (settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))
    port = free_port()
    with freezable_proxy(port, upstream) as freeze:
        proxied = postgres_at(port, connect_seconds=2, statement_seconds=1)
        database = proxied["default"]
        database.settings_dict["NAME"] = settings_dict["NAME"]
        database.ensure_connection()
        freeze(True)
        started = time.monotonic()
        assert not database.is_usable()  # the check of a reused connection is short
        assert time.monotonic() - started < HEALTH_CHECK_SECONDS + 1

        freeze(False)
        database.close()
        database.ensure_connection()
        freeze(True)
        started = time.monotonic()
        with (
            pytest.raises(OperationalError, match="did not answer within 6 seconds"),
            database.cursor() as cursor,
        ):
            cursor.execute("SELECT 1")
        waited = time.monotonic() - started
        assert 1 + CLIENT_GRACE_SECONDS - 0.5 < waited < 1 + CLIENT_GRACE_SECONDS + 2
        assert not database.is_usable()  # closed, so the next request reconnects

        started = time.monotonic()
        database.close()
        with pytest.raises(OperationalError):
            database.ensure_connection()  # a new connection to the frozen server
        assert time.monotonic() - started < 2 + 1.5


@pytest.mark.services
@needs_postgres
def test_healthz_answers_in_seconds_on_a_connection_to_a_frozen_server(client, monkeypatch):
    import core.health

    settings_dict = connection.settings_dict
    upstream = (settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))
    port = free_port()
    with freezable_proxy(port, upstream) as freeze:
        database = postgres_at(port, connect_seconds=5, statement_seconds=15)["default"]
        database.settings_dict["NAME"] = settings_dict["NAME"]
        database.ensure_connection()
        monkeypatch.setattr(core.health, "connection", database)
        freeze(True)
        started = time.monotonic()
        response = client.get("/healthz")
        waited = time.monotonic() - started
        database.close()
    assert response.status_code == 503 and response.json()["down"] == ["database"]
    assert waited < core.health.DATABASE_CHECK_SECONDS + 1
