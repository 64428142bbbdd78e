"""The quality manager's key pages: a key is shown once and stored hashed, listed with its
last use, and revoked; bad input is a 400 beside the field."""

import re

import pytest
from django.urls import reverse

from api.models import ApiKey
from core.links import hash_token
from tests.api.conftest import keyed

pytestmark = pytest.mark.django_db


def keys_url(org) -> str:
    return reverse("api:keys", kwargs={"org_slug": org.slug})


def test_a_new_key_is_shown_once_and_only_its_hash_is_kept(org, qm, client_for):
    client = client_for(qm)

    response = client.post(keys_url(org), {"name": " MIS  sync ", "scope": "api_key_read_write"})

    assert response.status_code == 200
    shown = re.search(r'value="(pck_[\w-]+)"', response.content.decode())
    assert shown is not None
    secret = shown.group(1)
    key = ApiKey.unscoped.get(organisation=org)
    assert (key.name, key.scope, key.created_by) == ("MIS sync", "api_key_read_write", qm)
    assert key.token_hash == hash_token(secret) and secret not in str(vars(key))
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    again = client.get(keys_url(org)).content.decode()
    assert secret not in again and key.display_hint in again  # never shown again, only its hint
    api = keyed(secret).get(f"/api/v1/o/{org.slug}/actions/")
    assert api.status_code == 200


def test_bad_input_is_400_beside_the_field_and_kept(org, qm, client_for):
    response = client_for(qm).post(keys_url(org), {"name": "Dashboard", "scope": "admin"})

    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Dashboard"' in page and 'id="id_scope_error"' in page
    assert not ApiKey.unscoped.exists()


def test_the_list_shows_last_use_and_revoking_stops_the_key(org, qm, client_for, read_key):
    key, secret = read_key
    keyed(secret).get(f"/api/v1/o/{org.slug}/actions/")
    client = client_for(qm)
    listing = client.get(keys_url(org)).content.decode()
    assert "Dashboard" in listing and "Never" not in listing  # it has been used

    revoked = client.post(
        reverse("api:key_revoke", kwargs={"org_slug": org.slug, "key_code": key.code})
    )

    assert revoked.status_code == 302
    assert keyed(secret).get(f"/api/v1/o/{org.slug}/actions/").status_code == 401
    key.refresh_from_db()
    assert key.revoked_by == qm
    assert "Revoked" in client.get(keys_url(org)).content.decode()


def test_only_quality_managers_keep_keys(org, leader, client_for):
    assert client_for(leader).get(keys_url(org)).status_code == 403
