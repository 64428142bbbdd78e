"""The questionnaire asks the specified-authority question in the fields the lead records the
status with; the declaration follows the same rule, and the lead records it in one step."""

from decimal import Decimal

import pytest
from django.urls import reverse

from subcontractors.models import AuthorityBasis, AuthorityStatus, ReviewItem
from tests.subcontractors.helpers import (
    form_data,
    html,
    make_subcontractor,
    q_url,
    review_url,
    submitted_review,
)
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db

FIELD = "funding_all_leads-declared_"


def submit(client, token, **overrides):
    data = form_data(action="submit", name="Pat Lead", role="Prevent lead", confirm="on")
    return client.post(q_url(token), data | overrides)


def test_the_declaration_is_saved_in_its_own_fields(client, review, token):
    client.post(q_url(token), form_data(**{FIELD + "funding_all_leads": "£212,000"}))
    item = ReviewItem.unscoped.get(review=review, key="funding_all_leads")
    assert item.declared_authority == AuthorityStatus.NO
    assert item.declared_basis == AuthorityBasis.NONE_APPLIES
    assert item.declared_funding_all_leads == Decimal("212000")
    assert item.declared_funders == "DfE"
    other = ReviewItem.unscoped.get(review=review, key="prevent_policy")
    assert (other.declared_authority, other.declared_funding_all_leads) == ("", None)


def test_submitting_needs_an_answer_to_the_question(client, review, token):
    response = submit(client, token, **{FIELD + "authority": ""})
    assert response.status_code == 400
    assert "or choose that you do not know" in field_error_html(response, FIELD + "authority")


def test_a_funding_basis_needs_the_total_from_all_leads_and_the_funders(client, review, token):
    response = submit(
        client,
        token,
        **{
            FIELD + "authority": AuthorityStatus.YES,
            FIELD + "basis": AuthorityBasis.FUNDED_OVER_100K,
            FIELD + "funding_all_leads": "",
            FIELD + "funders": "",
        },
    )
    assert response.status_code == 400
    assert "total funding from all lead providers" in field_error_html(
        response, FIELD + "funding_all_leads"
    )
    assert "Name the funders" in field_error_html(response, FIELD + "funders")
    assert 'value="yes"' in html(response)


def test_yes_on_funding_of_100000_or_less_is_refused(client, review, token):
    response = submit(
        client,
        token,
        **{
            FIELD + "authority": AuthorityStatus.YES,
            FIELD + "basis": AuthorityBasis.FUNDED_OVER_100K,
            FIELD + "funding_all_leads": "100,000",
        },
    )
    assert response.status_code == 400
    assert "more than £100,000" in field_error_html(response, FIELD + "funding_all_leads")


def test_not_knowing_is_an_answer(client, review, token):
    response = submit(client, token, **{FIELD + "authority": AuthorityStatus.UNKNOWN})
    assert response.status_code == 302


def test_the_lead_sees_the_declaration_and_records_it_in_one_step(subcontractor, qm, client_for):
    review = submitted_review(subcontractor, qm)
    client = client_for(qm)
    page = html(client.get(review_url("review", review)))
    assert "<dt>Specified authority (declared)</dt><dd>Not a specified authority</dd>" in page
    assert "<dt>Funding from all leads</dt><dd>£60,000</dd>" in page
    record = reverse(
        "subcontractors:authority",
        kwargs={
            "org_slug": subcontractor.organisation.slug,
            "subcontractor_code": subcontractor.code,
        },
    )
    assert f"{record}?from_review={review.code}" in page

    form = client.get(f"{record}?from_review={review.code}").context["form"]
    assert form.initial["specified_authority"] == AuthorityStatus.NO
    assert form.initial["authority_source"] == "declared"
    assert form.initial["funding_all_leads"] == Decimal("60000")
    assert review.submitted_at is not None
    assert form.initial["authority_checked_on"] == review.submitted_at.date()


def test_a_review_of_another_subcontractor_is_not_used(subcontractor, qm, client_for):
    review = submitted_review(subcontractor, qm)
    other = make_subcontractor(subcontractor.organisation, qm, name="Other Ltd", ukprn="10099999")
    record = reverse(
        "subcontractors:authority",
        kwargs={"org_slug": other.organisation.slug, "subcontractor_code": other.code},
    )
    form = client_for(qm).get(f"{record}?from_review={review.code}").context["form"]
    assert form.initial["specified_authority"] == other.specified_authority
    form = client_for(qm).get(f"{record}?from_review=not-a-code").context["form"]
    assert form.initial["specified_authority"] == other.specified_authority
