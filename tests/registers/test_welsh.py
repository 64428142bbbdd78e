"""The risk form in Welsh: its labels, score choices and error messages come from the catalogue
(issue 18), for a person who chose Welsh."""

import html

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_risk_form_and_its_errors_are_in_welsh(org, qm, client_for):
    qm.language = "cy"
    qm.save(update_fields=["language"])
    url = reverse("registers:risk_create", kwargs={"org_slug": org.slug})
    client = client_for(qm)
    page = html.unescape(client.get(url).content.decode())
    assert "Tebygolrwydd ar ôl rheolaethau" in page  # a label
    assert "1 · Isel iawn" in page  # a score choice
    assert "Likelihood after controls" not in page

    scores = {"likelihood": 1, "impact": 2, "residual_likelihood": 3, "residual_impact": 3}
    response = client.post(url, {"category": "online", "risk": "", **scores})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Dywedwch beth yw'r risg." in page
    assert "Ni all y sgôr ar ôl rheolaethau fod yn uwch na'r sgôr cyn hynny." in page
    assert "Say what the risk is." not in page
