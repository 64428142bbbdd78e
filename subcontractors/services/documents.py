"""A subcontractor's documents: uploaded by the lead provider or through the questionnaire."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.uploads import inspect_upload
from subcontractors.checklist import POLICY_REVIEW_DATE
from subcontractors.models import (
    DocumentKind,
    DueDiligenceReview,
    QuestionnaireLink,
    ReviewItem,
    ReviewQuestion,
    Subcontractor,
    SubcontractorDocument,
)
from subcontractors.services.audit import save_as
from tenancy.services import require_assignable


def _attach(document: SubcontractorDocument, file) -> None:
    try:
        inspected = inspect_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from exc
    document.file = file
    document.original_filename = inspected.original_filename
    document.content_type = inspected.content_type
    document.size = inspected.size
    document.sha256 = inspected.sha256


@transaction.atomic
def document_add(
    *,
    subcontractor: Subcontractor,
    by,
    kind: str,
    title: str,
    file,
    owner,
    expires_on: date | None = None,
) -> SubcontractorDocument:
    if file is None:
        raise ValidationError({"file": gettext("Choose a file to upload.")})
    organisation = subcontractor.organisation
    if owner is None:
        raise ValidationError({"owner": gettext("Choose who is reminded before it expires.")})
    require_assignable(organisation=organisation, user=owner, field="owner")
    document = SubcontractorDocument(
        organisation=organisation,
        subcontractor=subcontractor,
        kind=DocumentKind(kind),
        title=title.strip(),
        expires_on=expires_on,
        owner=owner,
        uploaded_by=by,
    )
    _attach(document, file)
    document.full_clean(exclude=["file"])  # the file was checked by inspect_upload
    save_as(document, by=by)
    return document


def document_add_from_questionnaire(
    *, link: QuestionnaireLink, review: DueDiligenceReview, item: ReviewItem, file
) -> SubcontractorDocument:
    subcontractor = review.subcontractor
    entry = item.checklist
    document = SubcontractorDocument(
        organisation=link.organisation,
        subcontractor=subcontractor,
        kind=entry.document_kind,
        title=f"{entry.title} ({review.get_kind_display().lower()} review, "
        f"{timezone.localdate():%B %Y})",
        expires_on=item.policy_review_date if entry.extra == POLICY_REVIEW_DATE else None,
        owner=subcontractor.owner,
        review=review,
        review_item=item,
        uploaded_via=link,
    )
    _attach(document, file)
    document.full_clean(exclude=["file"])
    document.save()
    return document


def document_add_for_question(
    *, link: QuestionnaireLink, review: DueDiligenceReview, question: ReviewQuestion, file
) -> SubcontractorDocument:
    """A document answering one of the lead's own questions."""
    subcontractor = review.subcontractor
    document = SubcontractorDocument(
        organisation=link.organisation,
        subcontractor=subcontractor,
        kind=DocumentKind.OTHER,
        title=f"{question.text[:120]} ({review.get_kind_display().lower()} review, "
        f"{timezone.localdate():%B %Y})",
        owner=subcontractor.owner,
        review=review,
        review_question=question,
        uploaded_via=link,
    )
    _attach(document, file)
    document.full_clean(exclude=["file"])
    document.save()
    return document


@transaction.atomic
def document_archive(*, document: SubcontractorDocument, by) -> SubcontractorDocument:
    """Take a document off the subcontractor's page; it stays on record (and downloadable)."""
    if document.archived_at is None:
        document.archived_at = timezone.now()
        save_as(document, by=by, update_fields=["archived_at", "updated_at"])
    return document
