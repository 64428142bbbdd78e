"""The organisation's profile page: who may edit it, what it saves, and that adding a
subcontractor records that the organisation subcontracts."""

import pytest
from django.urls import reverse

from tenancy.models import Organisation
from tests.subcontractors.helpers import make_subcontractor

pytestmark = pytest.mark.django_db


def profile_url(org):
    return reverse("tenancy:profile", kwargs={"org_slug": org.slug})


def form(**changes):
    data = {
        "provider_type": "itp",
        "contact_name": "Casey Contact",
        "contact_email": "casey@example.org",
        "contact_phone": "",
        "delivers_in_several_regions": "false",
        "subcontracts_delivery": "true",
    }
    return data | changes


def test_a_quality_manager_saves_the_profile(org, qm, client_for):
    response = client_for(qm).post(profile_url(org), form(), follow=True)
    assert "Profile saved" in response.content.decode()
    org.refresh_from_db()
    assert (org.delivers_in_several_regions, org.subcontracts_delivery) == (False, True)
    home = client_for(qm).get(reverse("tenancy:org_home", kwargs={"org_slug": org.slug}))
    assert "<dt>Delivers in more than one region</dt><dd>No</dd>" in home.content.decode()


def test_a_bad_email_is_shown_beside_the_field_and_keeps_what_was_typed(org, qm, client_for):
    response = client_for(qm).post(
        profile_url(org), form(contact_email="not an email", contact_name="Sam Typed")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert 'value="Sam Typed"' in html
    org.refresh_from_db()
    assert org.contact_name == "Casey Contact"


def test_not_stated_is_kept_as_not_stated(org, qm, client_for):
    client_for(qm).post(profile_url(org), form(subcontracts_delivery="unknown"))
    org.refresh_from_db()
    assert org.subcontracts_delivery is None


def test_the_form_shows_what_is_stored_so_saving_again_keeps_it(org, qm, client_for):
    client_for(qm).post(profile_url(org), form())
    page = client_for(qm).get(profile_url(org)).content.decode()
    assert '<option value="false" selected>No</option>' in page
    assert '<option value="true" selected>Yes</option>' in page


def test_adding_a_subcontractor_records_that_the_organisation_subcontracts(org, qm):
    Organisation.objects.filter(pk=org.pk).update(subcontracts_delivery=False)
    org.refresh_from_db()
    make_subcontractor(org, qm)
    org.refresh_from_db()
    assert org.subcontracts_delivery is True
