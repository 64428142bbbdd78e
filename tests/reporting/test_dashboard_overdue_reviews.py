"""The dashboard's "Reviews overdue" list is the register's overdue filter, in short.

The dashboard reads it with a narrow query of its own (`subcontractors.selectors.overdue_reviews`),
so this checks it against the register's selector: the same subcontractors, in the same order,
with the same dates, and the same short-list cut.
"""

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from reporting.dashboard import EXPIRING_SHOWN, subcontractors_in_use
from tenancy.scope import tenant_scope
from tests.reporting import dashboard_builders as build

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not subcontractors_in_use(), reason="the subcontractors app is off"),
]


def _review(subcontractor, *, due_in: int, days_ago: int = 0, status: str = "sent"):
    from subcontractors.models import DueDiligenceReview, ReviewKind

    review = DueDiligenceReview.unscoped.create(
        organisation=subcontractor.organisation,
        subcontractor=subcontractor,
        kind=ReviewKind.ANNUAL,
        due_date=timezone.localdate() + timedelta(days=due_in),
        status=status,
    )
    if days_ago:  # an older review, so the latest one is the other
        DueDiligenceReview.unscoped.filter(pk=review.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return review


@pytest.fixture
def register(org):
    """Nine subcontractors overdue in the register's two ways, and three that are not."""
    today = timezone.localdate()
    for n, days in enumerate([40, 3, 12, 12, 90, 1, 25]):
        build.subcontractor(org, f"Late {n}", risk="high", next_review_date=today - timedelta(days))
    # Overdue by an open review past its due date, with no next review date set.
    by_review = build.subcontractor(org, "Answers late", risk="medium")
    _review(by_review, due_in=-5)
    # Overdue, and its latest review (not the older, accepted one) gives the date shown.
    both = build.subcontractor(org, "Both late", next_review_date=today - timedelta(60))
    _review(both, due_in=-30, days_ago=20, status="accepted")
    _review(both, due_in=10)
    build.subcontractor(org, "On time", next_review_date=today + timedelta(30))
    build.subcontractor(org, "Ended", status="ended", next_review_date=today - timedelta(300))
    build.subcontractor(org, "Never reviewed")
    return org


def _shown(subcontractors) -> list[tuple]:
    return [
        (s.name, s.get_risk_rating_display(), s.next_review_date, s.latest_review_due)
        for s in subcontractors
    ]


def test_the_overdue_list_matches_the_registers_overdue_filter(register):
    from subcontractors.selectors import overdue_reviews, subcontractor_list

    today = timezone.localdate()
    with tenant_scope(register):
        listed = subcontractor_list(organisation=register, overdue=True, today=today).order_by(
            F("next_review_date").asc(nulls_last=True), "name", "pk"
        )
        expected = _shown(listed)
        for limit in (EXPIRING_SHOWN, len(expected) + 1):
            shown = overdue_reviews(organisation=register, today=today, limit=limit)
            assert _shown(shown) == expected[:limit]
    assert len(expected) == 9
    assert expected[0][0] == "Late 4"  # the longest overdue first
    assert expected[-1][:3] == ("Answers late", "Medium", None)
    both = next(row for row in expected if row[0] == "Both late")
    assert both[3] == today + timedelta(10)


def test_the_dashboard_links_each_overdue_subcontractor(register, member, client_for):
    from django.urls import reverse

    from subcontractors.selectors import overdue_reviews

    response = client_for(member).get(
        reverse("reporting:dashboard", kwargs={"org_slug": register.slug})
    )
    html = response.content.decode()
    with tenant_scope(register):
        first = overdue_reviews(
            organisation=register, today=timezone.localdate(), limit=EXPIRING_SHOWN
        )
    assert len(response.context["dashboard"].subcontractors.overdue) == EXPIRING_SHOWN
    for subcontractor in first:
        assert f'href="{subcontractor.get_absolute_url()}">{subcontractor.name}</a>' in html
