"""Accepting a due diligence review moves the next review a year on, but never silently over a
date someone set on the subcontractor's record; the page says which happened."""

import pytest
from django.utils import timezone

from subcontractors.models import Subcontractor
from subcontractors.services import one_year_after
from tenancy.scope import tenant_scope
from tests.clock import days_from_today
from tests.subcontractors.helpers import html, review_url, submitted_review

pytestmark = pytest.mark.django_db


def test_a_date_set_by_hand_is_kept_and_the_page_says_so(org, subcontractor, qm, client_for):
    review = submitted_review(subcontractor, qm)
    own = days_from_today(180)  # a high-risk subcontractor: reviewed sooner than a year
    with tenant_scope(org):
        Subcontractor.objects.filter(pk=subcontractor.pk).update(next_review_date=own)
    client = client_for(qm)

    accepted = client.post(review_url("review_decide", review), {"decision": "accept"})

    assert accepted.status_code == 302
    subcontractor.refresh_from_db()
    assert subcontractor.next_review_date == own
    page = html(client.get(accepted["Location"]))
    assert f"The next one stays due on {own:%d/%m/%Y}, the date set on the subcontractor" in page


def test_the_date_of_the_review_just_accepted_moves_a_year_on(org, subcontractor, qm, client_for):
    """Starting the review set the record's date to the review's due date: not a date of its own."""
    review = submitted_review(subcontractor, qm)
    subcontractor.refresh_from_db()
    assert subcontractor.next_review_date == review.due_date

    client = client_for(qm)
    accepted = client.post(review_url("review_decide", review), {"decision": "accept"})

    subcontractor.refresh_from_db()
    expected = one_year_after(timezone.localdate())
    assert subcontractor.next_review_date == expected
    page = html(client.get(accepted["Location"]))
    assert f"The next one is due on {expected:%d/%m/%Y}." in page
