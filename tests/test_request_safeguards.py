"""No-store on private pages and exports, oversized bodies refused unread, forwarded headers
trusted only behind configured proxies (issue 10)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from core.access import ORGANISATION, TOKEN, USER
from tenancy.models import Organisation
from tests.factories import signed_in_client
from tests.isolation import url_values_for
from tests.urlwalk import routes_of_kind

GET_ROUTES = [
    r
    for kind in (ORGANISATION, USER, TOKEN)
    for r in routes_of_kind(kind)
    if "GET" in r.allowed_methods
]


def _user(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


@pytest.mark.parametrize("route", GET_ROUTES, ids=lambda r: r.name)
def test_private_pages_and_exports_are_never_stored(route, demo_world, db):
    organisation = Organisation.objects.get(slug="northfield-training")
    url = route.url(url_values_for(route, organisation))
    response = signed_in_client(_user("qm@northfield.demo.example")).get(url)
    assert "no-store" in response.get("Cache-Control", ""), f"{url} ({response.status_code})"


@pytest.mark.django_db
def test_a_secret_link_page_is_never_stored(client):
    response = client.get("/q/" + "0" * 43 + "/")
    assert "no-store" in response["Cache-Control"]


class _Unreadable:
    """A request body that must never be read."""

    def read(self, *args):
        raise AssertionError("the body was read before the size check")

    readline = read


@pytest.mark.django_db
def test_an_oversized_body_is_refused_from_its_content_length_unread(client_for, member, org):
    client = client_for(member)
    limit = (settings.EVIDENCE_MAX_UPLOAD_MB + settings.REQUEST_BODY_SLACK_MB) * 1024 * 1024
    response = client.generic(
        "POST",
        f"/o/{org.slug}/evidence/add/",
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(400 * 1024 * 1024),
        **{"wsgi.input": _Unreadable()},
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "400 MB" in page and f"at most {settings.EVIDENCE_MAX_UPLOAD_MB} MB" in page
    assert limit < 400 * 1024 * 1024


def _production_setting(name: str, **env) -> str:
    result = subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings as s; print(s.{name})"],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "prevent_compliance.settings",
            "DEBUG": "false",
            "SECRET_KEY": "x" * 60,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_forwarded_proto_is_trusted_only_behind_a_configured_proxy():
    assert _production_setting("SECURE_PROXY_SSL_HEADER", TRUSTED_PROXY_COUNT="0") == "None"
    behind_one = _production_setting("SECURE_PROXY_SSL_HEADER", TRUSTED_PROXY_COUNT="1")
    assert behind_one == "('HTTP_X_FORWARDED_PROTO', 'https')"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy: a client's header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a spoofed left-most entry is ignored
        (2, "203.0.113.9", "10.0.0.1"),  # fewer hops than proxies: not believed
    ],
)
def test_forwarded_addresses_come_only_from_the_configured_proxies(
    proxies, forwarded, expected, rf, settings
):
    from core.links import client_ip

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == expected
