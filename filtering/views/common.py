from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils import timezone

from filtering.models import FilteringReview, FilteringTest
from filtering.selectors import latest_review, monitoring_terms, test_summary
from tenancy.access import OrgAccess
from tenancy.roles import Perm


def page_context(access: OrgAccess, **extra) -> dict:
    today = timezone.localdate()
    organisation = access.organisation
    review = latest_review(organisation=organisation)
    return {
        "access": access,
        "organisation": organisation,
        "can_manage": access.can(Perm.MANAGE_COMPLIANCE_WORK),
        "can_sign_off": access.can(Perm.SIGN_OFF_FILTERING_REVIEWS),
        "today": today,
        "test_summary": test_summary(organisation=organisation, today=today),
        "latest_review": review,
        "review_state": review.review_state(today) if review else "unscheduled",
        "monitoring": monitoring_terms(organisation=organisation, today=today),
        **extra,
    }


# Each lookup runs inside the tenant scope: another organisation's code is simply not found.


def get_test(code: UUID) -> FilteringTest:
    return get_object_or_404(
        FilteringTest.objects.select_related(
            "organisation", "tested_by", "created_by", "action__organisation", "action__owner"
        ),
        code=code,
    )


def get_review(code: UUID) -> FilteringReview:
    return get_object_or_404(
        FilteringReview.objects.select_related(
            "organisation", "owner", "signed_off_by", "created_by"
        ),
        code=code,
    )
