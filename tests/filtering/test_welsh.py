"""The log's forms answer in the reader's language: a field's error, built in Python, is Welsh
for a person who chose Welsh, and English for everyone else."""

import pytest
from django.urls import reverse

from tests.filtering.test_views import failed_test_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_a_filtering_form_error_is_in_welsh_for_a_person_who_chose_welsh(org, qm, client_for):
    qm.language = "cy"
    qm.save(update_fields=["language"])
    data = failed_test_post(qm, failures="", action_owner="", tool="other", tool_other="")
    response = client_for(qm).post(
        reverse("filtering:test_create", kwargs={"org_slug": org.slug}), data
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["failures"] == ["Dywedwch beth aeth drwy'r hidlydd."]
    assert errors["tool_other"] == ["Enwch yr offeryn a ddefnyddiwyd gennych."]
    assert errors["action_owner"] == ["Dewiswch pwy sy'n berchen ar y cam gweithredu."]
    page = response.content.decode()
    assert "Safle neu rwydwaith" in page  # a label marked with gettext_lazy
    assert "Say what got through the filter." not in page


def test_a_monitoring_count_error_is_in_welsh(org, qm, client_for):
    qm.language = "cy"
    qm.save(update_fields=["language"])
    response = client_for(qm).post(
        reverse("filtering:monitoring_record", kwargs={"org_slug": org.slug}),
        {"alerts_reviewed": "lots"},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["alerts_reviewed"] == ["Rhowch rif cyfan, er enghraifft 12."]
    assert errors["escalated_to_dsl"] == ["Rhowch rif; 0 os nad oedd dim."]
