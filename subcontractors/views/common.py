from uuid import UUID

from django.shortcuts import get_object_or_404

from subcontractors.models import (
    DueDiligenceReview,
    MonitoringVisit,
    Subcontractor,
    SubcontractorDocument,
)
from tenancy.access import OrgAccess
from tenancy.roles import Perm


def page_context(access: OrgAccess, **extra) -> dict:
    return {
        "access": access,
        "organisation": access.organisation,
        "can_manage": access.can(Perm.MANAGE_COMPLIANCE_WORK),
        **extra,
    }


# Each lookup runs inside the tenant scope (`objects`), and a nested object must belong to the
# one above it in the URL: anything else is simply not found.


def get_subcontractor(code: UUID) -> Subcontractor:
    return get_object_or_404(
        Subcontractor.objects.select_related("organisation", "owner"), code=code
    )


def get_review(subcontractor: Subcontractor, code: UUID) -> DueDiligenceReview:
    review = get_object_or_404(
        DueDiligenceReview.objects.select_related("sent_by", "decided_by", "started_by"),
        subcontractor=subcontractor,
        code=code,
    )
    review.subcontractor = subcontractor  # already loaded, with its organisation
    return review


def get_visit(subcontractor: Subcontractor, code: UUID) -> MonitoringVisit:
    visit = get_object_or_404(
        MonitoringVisit.objects.select_related("visitor"), subcontractor=subcontractor, code=code
    )
    visit.subcontractor = subcontractor
    return visit


def get_document(subcontractor: Subcontractor, code: UUID) -> SubcontractorDocument:
    document = get_object_or_404(
        SubcontractorDocument.objects.select_related("owner", "uploaded_by"),
        subcontractor=subcontractor,
        code=code,
    )
    document.subcontractor = subcontractor
    return document
