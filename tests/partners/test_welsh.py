"""The partner form in Welsh: labels and error messages from the catalogue (issue 18)."""

import html

import pytest
from django.urls import reverse

from tests.partners.conftest import make_area

pytestmark = pytest.mark.django_db


def test_the_contact_form_and_its_errors_are_in_welsh(org, qm, client_for):
    area = make_area(org, qm)
    qm.language = "cy"
    qm.save(update_fields=["language"])
    url = reverse("partners:contact_create", kwargs={"org_slug": org.slug})
    client = client_for(qm)
    page = html.unescape(client.get(url).content.decode())
    assert "Math o bartner" in page  # a label
    assert "Kind of partner" not in page

    data = {"area": area.pk, "kind": "police", "organisation_name": "", "email": "prevent at ctp"}
    response = client.post(url, data)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Rhowch enw'r sefydliad partner." in page
    assert "Rhowch gyfeiriad e-bost ar y ffurf enw@example.gov.uk." in page
    assert "Enter an email address" not in page
