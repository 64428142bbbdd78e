"""The register: the specified-authority rule, validation, adding and editing, and who may do
what. The list, its filters, query counts and CSV export: test_register_list.py."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from subcontractors.authority import authority_problems
from subcontractors.models import RiskRating, Subcontractor, SubcontractorStatus
from subcontractors.services import subcontractor_update
from tenancy.scope import tenant_scope
from tests.subcontractors.helpers import html, make_subcontractor, subcontractor_fields, url
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


# --- The specified-authority rule -----------------------------------------------------------


@pytest.mark.parametrize("value", ["0.00", "100000.00", "100000.01", "5000000.00"])
def test_the_contract_value_never_decides_the_specified_authority_status(value):
    # The £100,000 figure counted funding from all lead providers (DfE guidance, 2018/2021);
    # one contract with this lead cannot show it, so the status is recorded, never derived.
    assert Subcontractor(contract_value=Decimal(value)).is_specified_authority is False


def test_a_recorded_status_needs_its_basis_and_the_date_checked():
    today = date(2026, 12, 1)
    problems = authority_problems({"specified_authority": "yes"}, today)
    assert set(problems) == {"authority_source", "authority_basis", "authority_checked_on"}
    problems = authority_problems(
        {
            "specified_authority": "yes",
            "authority_source": "declared",
            "authority_basis": "funded_over_100k",
            "authority_checked_on": today,
            "funding_all_leads": Decimal("100000.00"),
        },
        today,
    )
    assert "more than £100,000 in total" in problems["funding_all_leads"]
    assert "DfE, or which mayoral" in problems["funders"]
    assert authority_problems({"specified_authority": "unknown"}, today) == {}


def test_the_database_refuses_a_status_without_its_basis(org, qm):
    subcontractor = make_subcontractor(org, qm, name="Big Co")
    subcontractor.specified_authority = "yes"
    with pytest.raises(IntegrityError), transaction.atomic():
        subcontractor.save()


def test_the_lead_records_a_verified_status_and_the_pages_show_its_basis(org, qm, client_for):
    subcontractor = make_subcontractor(org, qm, name="Big Co", contract_value=Decimal("5000"))
    client = client_for(qm)
    page = html(client.get(subcontractor.get_absolute_url()))
    assert "Specified-authority status not yet established" in page
    form_url = reverse(
        "subcontractors:authority",
        kwargs={"org_slug": org.slug, "subcontractor_code": subcontractor.code},
    )
    bad = client.post(
        form_url, {"specified_authority": "yes", "authority_basis": "funded_over_100k"}
    )
    assert bad.status_code == 400
    assert "Enter its total funding from all lead providers." in html(bad)
    good = client.post(
        form_url,
        {
            "specified_authority": "yes",
            "authority_source": "verified",
            "authority_basis": "funded_over_100k",
            "funding_all_leads": "£240,000",
            "funders": "DfE; Greater Manchester Combined Authority",
            "authority_checked_on": "2026-11-20",
        },
    )
    assert good.status_code == 302
    subcontractor.refresh_from_db()
    assert subcontractor.is_specified_authority
    page = html(client.get(subcontractor.get_absolute_url()))
    assert "Verified by us on 20 November 2026" in page
    assert "£240,000, from DfE; Greater Manchester Combined Authority" in page


# --- Validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ukprn",
    ["20012345", "1001234", "100123456", "1OO12345", "１００１２３４５", "1001234٥"],
)
def test_a_ukprn_is_eight_ascii_digits_starting_with_1(org, qm, ukprn):
    with pytest.raises(ValidationError) as caught:
        make_subcontractor(org, qm, ukprn=ukprn)
    assert "ukprn" in caught.value.error_dict


def test_a_ukprn_is_unique_within_an_organisation_only(org, other_org, qm, outsider):
    make_subcontractor(org, qm, name="First", ukprn="10012345")
    with pytest.raises(ValidationError) as caught:
        make_subcontractor(org, qm, name="Second", ukprn="10012345")
    assert "First already has this UKPRN" in str(caught.value.error_dict["ukprn"])
    make_subcontractor(other_org, outsider, ukprn="10012345")  # another register: fine


@pytest.mark.parametrize("risk", [RiskRating.MEDIUM, RiskRating.HIGH])
def test_medium_and_high_risk_need_reasons(org, qm, risk):
    with pytest.raises(ValidationError) as caught:
        make_subcontractor(org, qm, risk_rating=risk, risk_reasons="  ")
    assert "risk_reasons" in caught.value.error_dict
    make_subcontractor(org, qm, risk_rating=risk, risk_reasons="New to subcontracting.")


def test_the_owner_must_be_a_member(org, qm, outsider):
    with pytest.raises(ValidationError) as caught:
        make_subcontractor(org, qm, owner=outsider)
    assert "owner" in caught.value.error_dict


def test_changes_are_recorded_with_who_made_them(org, qm):
    subcontractor = make_subcontractor(org, qm)
    with tenant_scope(org):
        subcontractor_update(
            subcontractor=subcontractor,
            by=qm,
            risk_rating=RiskRating.HIGH,
            risk_reasons="Spot check found gaps.",
        )
    latest = subcontractor.history.first()
    assert latest.history_user == qm
    assert latest.risk_rating == RiskRating.HIGH


# --- Adding and editing ----------------------------------------------------------------------


def form_post(**overrides) -> dict:
    fields = subcontractor_fields()
    data = {
        "name": "Birch Learning",
        "ukprn": "10054321",
        "status": SubcontractorStatus.ACTIVE,
        "contact_name": fields["contact_name"],
        "contact_email": fields["contact_email"],
        "prevent_lead_name": fields["prevent_lead_name"],
        "prevent_lead_email": fields["prevent_lead_email"],
        "delivery_regions": ["london", "south_east"],
        "funding_stream": "adult_skills",
        "contract_value": "£125,000.50",
        "contract_start": fields["contract_start"].isoformat(),
        "contract_end": fields["contract_end"].isoformat(),
        "risk_rating": "low",
        "risk_reasons": "",
        "next_review_date": fields["next_review_date"].isoformat(),
    }
    data.update(overrides)
    return data


def test_a_quality_manager_adds_a_subcontractor(org, qm, client_for):
    response = client_for(qm).post(url("create", org), form_post(owner=qm.pk))
    subcontractor = Subcontractor.unscoped.get(organisation=org)
    assert response.status_code == 302
    assert response["Location"] == subcontractor.get_absolute_url()
    assert subcontractor.contract_value == Decimal("125000.50")
    assert subcontractor.delivery_regions == ["london", "south_east"]
    assert subcontractor.specified_authority == "unknown", "recorded later, never derived"
    assert subcontractor.history.first().history_user == qm


def test_errors_show_beside_the_fields_and_keep_what_was_typed(org, qm, client_for):
    response = client_for(qm).post(
        url("create", org),
        form_post(owner=qm.pk, ukprn="2001234", risk_rating="high", risk_reasons=""),
    )
    assert response.status_code == 400
    assert "8 digits and starts with 1" in field_error_html(response, "ukprn")
    assert "Say why the risk is medium or high" in field_error_html(response, "risk_reasons")
    page = html(response)
    assert 'value="2001234"' in page
    assert 'value="Birch Learning"' in page
    assert 'value="£125,000.50"' in page
    assert 'value="london" id="id_delivery_regions_6" checked' in page
    assert 'aria-invalid="true"' in page
    assert "There is a problem" in page
    assert not Subcontractor.unscoped.exists()


def test_a_duplicate_ukprn_is_refused_beside_the_field(org, qm, client_for):
    make_subcontractor(org, qm, name="First", ukprn="10054321")
    response = client_for(qm).post(url("create", org), form_post(owner=qm.pk))
    assert response.status_code == 400
    assert "already has this UKPRN" in field_error_html(response, "ukprn")


def test_an_active_subcontract_needs_its_dates_and_a_review_date(org, qm, client_for):
    response = client_for(qm).post(
        url("create", org),
        form_post(owner=qm.pk, contract_start="", contract_end="", next_review_date=""),
    )
    assert response.status_code == 400
    assert "Enter the date the contract started" in field_error_html(response, "contract_start")
    assert "Enter the date its next review is due" in field_error_html(response, "next_review_date")


def test_a_quality_manager_edits_a_subcontractor(org, qm, client_for):
    subcontractor = make_subcontractor(org, qm)
    edit = url("edit", org, subcontractor_code=subcontractor.code)
    client = client_for(qm)
    assert 'value="Acorn Training Ltd"' in html(client.get(edit))
    response = client.post(
        edit, form_post(owner=qm.pk, name="Acorn Skills", ukprn=subcontractor.ukprn)
    )
    assert response.status_code == 302
    subcontractor.refresh_from_db()
    assert subcontractor.name == "Acorn Skills"


# --- Who may do what -----------------------------------------------------------------------


def test_every_member_may_read_the_register_but_only_managers_change_it(
    org, qm, viewer, contributor, leader, client_for
):
    subcontractor = make_subcontractor(org, qm)
    for person in (viewer, contributor, leader):
        client = client_for(person)
        assert client.get(url("index", org)).status_code == 200
        assert client.get(subcontractor.get_absolute_url()).status_code == 200
        assert client.get(url("export", org)).status_code == 200
        assert client.get(url("create", org)).status_code == 403
        assert client.post(url("create", org), form_post(owner=qm.pk)).status_code == 403
        edit = url("edit", org, subcontractor_code=subcontractor.code)
        assert client.get(edit).status_code == 403
    page = html(client_for(viewer).get(url("index", org)))
    assert "Add a subcontractor" not in page
    assert "Add a subcontractor" in html(client_for(qm).get(url("index", org)))


def test_another_organisation_cannot_see_the_register(org, qm, outsider, client_for):
    subcontractor = make_subcontractor(org, qm)
    client = client_for(outsider)
    assert client.get(url("index", org)).status_code == 404
    assert client.get(subcontractor.get_absolute_url()).status_code == 404
    other_slug_url = subcontractor.get_absolute_url().replace(
        org.slug, outsider.memberships.first().organisation.slug
    )
    assert client.get(other_slug_url).status_code == 404  # its code is not in their register


def test_the_navigation_offers_subcontractors(org, viewer, client_for):
    page = html(client_for(viewer).get(f"/o/{org.slug}/"))
    assert f'href="{url("index", org)}"' in page
    assert ">Subcontractors<" in page
