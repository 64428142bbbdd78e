"""The DSL's figures form in Welsh: the measures, the terms and the consistency messages come
from the catalogue (issue 18)."""

import html

import pytest
from django.urls import reverse

from referrals.rules import recent_terms

pytestmark = pytest.mark.django_db


def test_the_figures_form_and_its_errors_are_in_welsh(org, dsl, frozen, client_for):
    dsl.language = "cy"
    dsl.save(update_fields=["language"])
    url = reverse("referrals:record", kwargs={"org_slug": org.slug})
    client = client_for(dsl)
    page = html.unescape(client.get(url).content.decode())
    assert "Pryderon Prevent a godwyd" in page  # a measure's label
    assert "Tymor " in page and "Autumn term" not in page and "Spring term" not in page

    term = recent_terms(frozen)[1]
    values = dict(
        zip(
            ["concerns_raised", "referrals_made", "referrals_adopted", "channel_support"],
            ["3", "4", "0", "0"],
            strict=True,
        )
    )
    data = {"term": term.start.isoformat(), "site": "", "no_further_action": "0", **values}
    response = client.post(url, data)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Mae pob atgyfeiriad yn dechrau fel pryder: rhowch ddim mwy na 3" in page
    assert "Every referral starts as a concern" not in page
