"""Secret link tokens never reach a log: Django's and gunicorn's (issue 10)."""

import io
import logging
import uuid

import pytest
from django.conf import settings
from django.urls import reverse

from core.redaction import REDACTED, RedactSecretsFilter, redact
from tests.urlwalk import all_routes

SECRET = "S3cretTok3nThatMustNotLeak"
SECRET_KWARGS = {"token", "key"}


def _secret_urls() -> list[str]:
    urls = []
    for route in all_routes():
        if not SECRET_KWARGS & set(route.kwargs):
            continue
        values = {}
        for kwarg in route.kwargs:
            if kwarg in SECRET_KWARGS:
                values[kwarg] = SECRET
            elif kwarg == "uidb36":
                values[kwarg] = "4"
            else:
                values[kwarg] = str(uuid.uuid4())
        urls.append(reverse(route.name, kwargs=values))
    return urls


def test_every_url_carrying_a_secret_is_redacted():
    urls = _secret_urls()
    assert len(urls) >= 7  # questionnaire (3), pack share, invitation, reset key, email key
    for url in urls:
        assert SECRET not in redact(f'"GET {url}?x=1 HTTP/1.1" 404'), (
            f"{url} would be logged with its secret: add its pattern to core/redaction.py"
        )
        assert REDACTED in redact(url)


def test_redaction_leaves_ordinary_paths_alone():
    path = f"/o/northfield/evidence/{uuid.uuid4()}/download/"
    assert redact(path) == path
    assert redact(f"/o/x/?token={SECRET}&page=2") == f"/o/x/?token={REDACTED}&page=2"


def test_djangos_logging_redacts_through_the_configured_handler():
    handler = settings.LOGGING["handlers"]["console"]
    assert handler["filters"] == ["redact_secrets"]
    assert (
        settings.LOGGING["filters"]["redact_secrets"]["()"] == "core.redaction.RedactSecretsFilter"
    )
    assert settings.LOGGING["loggers"]["django.server"]["handlers"] == ["console"]


@pytest.mark.django_db
def test_a_not_found_log_line_for_a_secret_link_is_redacted(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecretsFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        for url in (f"/q/{SECRET}/", f"/p/{SECRET}/", f"/accounts/confirm-email/{SECRET}/"):
            client.get(url)
    finally:
        root.removeHandler(handler)
    logged = stream.getvalue()
    assert "Not Found: /p/[redacted]/" in logged
    assert SECRET not in logged
