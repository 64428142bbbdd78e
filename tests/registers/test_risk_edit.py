"""The risk's edit page saves a change to the risk's own text (the service takes the form's
values as `changes`, since its own "risk" keyword is the record)."""

import pytest
from django.urls import reverse

from tests.clock import iso_days_from_today
from tests.registers.conftest import make_risk

pytestmark = pytest.mark.django_db


def test_editing_a_risks_text_saves_it(org, qm, client_for):
    risk = make_risk(org, qm)
    url = reverse("registers:risk_edit", kwargs={"org_slug": org.slug, "risk_code": risk.code})
    data = {
        "category": "online",
        "risk": "Learners reach extremist content on any network",
        "hazard": "",
        "existing_controls": "",
        "further_action": "",
        "owner": str(qm.pk),
        "action_due": "",
        "likelihood": "4",
        "impact": "4",
        "residual_likelihood": "3",
        "residual_impact": "3",
        "next_review_date": iso_days_from_today(100),
        "status": "open",
    }
    response = client_for(qm).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    risk.refresh_from_db()
    assert risk.risk == "Learners reach extremist content on any network"
