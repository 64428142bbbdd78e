"""The page showing a new share link once: the link is a read-only text field (selectable without
JavaScript), the "Copy link" button is a real button that copy.js reveals, the result is announced
in a live region, no inline script, and the page is valid HTML."""

import re

import pytest
from django.urls import reverse

from tenancy.models import Organisation
from tests.reporting.test_packs import person, ready_pack, share
from tests.test_html_valid import _java, _vnu_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(demo_world, db, client_for):
    northfield = Organisation.objects.get(slug="northfield-training")
    qm = client_for(person("qm@northfield.demo.example"))
    response, token = share(qm, northfield, ready_pack(northfield))
    assert response.status_code == 201 and token
    return response.content.decode(), token


def test_the_new_link_has_a_copy_button_and_a_live_region(shared):
    html, token = shared
    field = re.search(r'<input id="share-url"[^>]*>', html)
    assert field and "readonly" in field.group() and f"/p/{token}/" in field.group()
    assert '<label for="share-url" class="field-label">Link for Lead inspector</label>' in html
    button = re.search(r"<button type=\"button\"[^>]*data-copy-button[^>]*>([^<]*)</button>", html)
    assert button and button.group(1) == "Copy link"
    assert " hidden" in button.group()  # shown by copy.js; without it the link is copied by hand
    assert re.search(r'<p class="copy-status" role="status" aria-live="polite"', html)
    assert re.search(r'<script src="[^"]*js/copy\.js" defer></script>', html)
    assert "<script>" not in html and " style=" not in html


def test_the_script_is_only_on_the_page_showing_a_link(demo_world, db, client_for):
    northfield = Organisation.objects.get(slug="northfield-training")
    pack = ready_pack(northfield)
    url = reverse(
        "reporting:pack_detail", kwargs={"org_slug": northfield.slug, "pack_code": pack.code}
    )
    html = client_for(person("qm@northfield.demo.example")).get(url).content.decode()
    assert "Share with an inspector" in html and "copy.js" not in html


def test_the_page_with_the_new_link_is_valid_html(shared, tmp_path):
    assert _vnu_errors(_java(), {"pack with a new link": shared[0]}, tmp_path) == []
