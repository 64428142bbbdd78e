"""How much anyone holding a questionnaire link (no account) can make us store."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext

from core.uploads import MEGABYTE
from subcontractors.models import DueDiligenceReview, QuestionnaireLink, SubcontractorDocument


def _stored_bytes(organisation_id: int, **where) -> int:
    # Removed (archived) uploads count too: they stay on record, and on disk.
    documents = SubcontractorDocument.objects.for_organisation(organisation_id).filter(**where)
    total = documents.aggregate(total=Sum("size"))["total"]
    return int(total or 0)


def questionnaire_check_upload_quota(
    link: QuestionnaireLink, review: DueDiligenceReview, files
) -> None:
    """Cap what anyone holding a link can make us store (the review row is locked: no race)."""
    adding = sum(int(getattr(f, "size", 0) or 0) for f in files)
    if not adding:
        return
    limits = [
        (
            gettext("this link"),
            settings.QUESTIONNAIRE_LINK_QUOTA_MB,
            _stored_bytes(link.organisation_id, uploaded_via=link),
        ),
        (
            gettext("this review"),
            settings.QUESTIONNAIRE_REVIEW_QUOTA_MB,
            _stored_bytes(link.organisation_id, review=review, uploaded_via__isnull=False),
        ),
    ]
    for scope, limit_mb, stored in limits:
        if stored + adding > limit_mb * MEGABYTE:
            raise ValidationError(
                gettext(
                    "These files would bring the uploads through %(scope)s to %(total)s MB; "
                    "at most %(limit)s MB can be uploaded. Nothing was saved: upload fewer or "
                    "smaller files (a PDF saved at a lower quality is often much smaller), or "
                    "ask %(org)s to accept larger documents another way."
                ),
                code="quota",
                params={
                    "scope": scope,
                    "total": f"{(stored + adding) / MEGABYTE:.1f}",
                    "limit": limit_mb,
                    "org": link.organisation.name,
                },
            )
