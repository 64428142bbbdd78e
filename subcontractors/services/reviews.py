"""Due diligence reviews: starting one, sending the questionnaire, and deciding on the answers."""

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.dates import one_year_after
from core.secret_links import live_q
from core.tasks_util import enqueue_on_commit
from subcontractors.checklist import CHECKLIST
from subcontractors.delivery import send_questionnaire_emails_task
from subcontractors.models import (
    AWAITING_SUBCONTRACTOR,
    OPEN_REVIEW_STATUSES,
    DueDiligenceReview,
    EmailKind,
    QuestionnaireEmail,
    QuestionnaireLink,
    ReviewItem,
    ReviewKind,
    ReviewStatus,
    Subcontractor,
)
from subcontractors.services.audit import save_as
from subcontractors.services.questions import review_questions_copy

ALREADY_OPEN = _("This subcontractor already has a review under way. Finish that one first.")


@transaction.atomic
def review_start(
    *,
    subcontractor: Subcontractor,
    due_date: date,
    by,
    kind: str | None = None,
    language: str | None = None,
) -> DueDiligenceReview:
    """A new review (draft) with the whole checklist; the subcontractor's next review date
    becomes its due date. At most one review is open at a time (a partial unique index).
    `language` (of the questionnaire) defaults to the last review's, else the site's."""
    if subcontractor.is_ended:
        raise ValidationError(gettext("This subcontract has ended, so it needs no more reviews."))
    organisation_id = subcontractor.organisation_id
    reviews = DueDiligenceReview.objects.for_organisation(organisation_id).filter(
        subcontractor=subcontractor
    )
    if reviews.filter(status__in=OPEN_REVIEW_STATUSES).exists():
        raise ValidationError(ALREADY_OPEN)
    if kind is None:
        accepted_before = reviews.filter(status=ReviewStatus.ACCEPTED).exists()
        kind = ReviewKind.ANNUAL if accepted_before else ReviewKind.ONBOARDING
    if not language:
        last = reviews.order_by("-created_at").values_list("language", flat=True).first()
        language = last or settings.LANGUAGE_CODE
    review = DueDiligenceReview(
        organisation_id=organisation_id,
        subcontractor=subcontractor,
        kind=kind,
        due_date=due_date,
        started_by=by,
        language=language,
    )
    try:
        with transaction.atomic():
            save_as(review, by=by)
    except IntegrityError:  # another request or worker started one a moment ago
        raise ValidationError(ALREADY_OPEN) from None
    for position, entry in enumerate(CHECKLIST, start=1):
        item = ReviewItem(
            organisation_id=organisation_id, review=review, key=entry.key, position=position
        )
        save_as(item, by=by)
    review_questions_copy(review)
    subcontractor.next_review_date = due_date
    save_as(subcontractor, by=by, update_fields=["next_review_date", "updated_at"])
    return review


def _queue_email(
    review: DueDiligenceReview,
    kind: str,
    *,
    dedupe_key: str,
    by=None,
    days_before: int | None = None,
) -> QuestionnaireEmail:
    email = QuestionnaireEmail(
        organisation_id=review.organisation_id,
        review=review,
        kind=kind,
        days_before=days_before,
        due_date=review.due_date,
        dedupe_key=dedupe_key,
        to_email=review.subcontractor.prevent_lead_email,
        created_by=by,
    )
    email.save()
    enqueue_on_commit(send_questionnaire_emails_task, [email.pk])
    return email


def locked_review(review: DueDiligenceReview) -> DueDiligenceReview:
    """The review re-read under a row lock, so two requests cannot both move it on."""
    return (
        DueDiligenceReview.objects.for_organisation(review.organisation_id)
        .select_for_update(of=("self",))
        .select_related("subcontractor", "organisation")
        .get(pk=review.pk)
    )


@transaction.atomic
def links_revoke(*, review: DueDiligenceReview, by) -> int:
    """Stop every live link to the review working. Returns how many were revoked."""
    live = (
        QuestionnaireLink.objects.for_organisation(review.organisation_id)
        .filter(review=review)
        .filter(live_q())
    )
    return sum(link.revoke(by=by) for link in live)


@transaction.atomic
def review_send(
    *, review: DueDiligenceReview, by, language: str | None = None
) -> QuestionnaireEmail:
    """Email the questionnaire to the subcontractor's Prevent lead. Sending again (while the
    subcontractor is answering) sends a new link and stops the earlier ones working.
    `language` changes the questionnaire's language (its emails and page) from then on."""
    review = locked_review(review)
    if review.subcontractor.is_ended:
        raise ValidationError(
            gettext("This subcontract has ended, so the questionnaire cannot be sent.")
        )
    if language and language != review.language:
        review.language = language
        save_as(review, by=by, update_fields=["language", "updated_at"])
    if review.status == ReviewStatus.DRAFT:
        review.status = ReviewStatus.SENT
        review.sent_at = timezone.now()
        review.sent_by = by
        save_as(review, by=by)
        return _queue_email(
            review, EmailKind.INVITATION, dedupe_key=f"invitation:{review.pk}", by=by
        )
    if review.status in AWAITING_SUBCONTRACTOR:
        links_revoke(review=review, by=by)
        return _queue_email(
            review, EmailKind.RESENT, dedupe_key=f"resent:{review.pk}:{uuid.uuid4().hex}", by=by
        )
    raise ValidationError(
        gettext(
            "The subcontractor has already submitted this questionnaire, so it cannot be sent "
            "again."
        )
    )


@transaction.atomic
def review_accept(*, review: DueDiligenceReview, by, comment: str = "") -> DueDiligenceReview:
    """Accept the submitted answers; the next review falls due a year from today, unless
    someone set a later date of their own on the subcontractor (kept: never silently replaced).

    The date the review just accepted was due on (or one already past, or none) is not such a
    date, so it moves on a year."""
    review = locked_review(review)
    if review.status != ReviewStatus.SUBMITTED:
        raise ValidationError(gettext("Only a submitted questionnaire can be accepted."))
    now = timezone.now()
    review.status = ReviewStatus.ACCEPTED
    review.decided_at = review.accepted_at = now
    review.decided_by = by
    review.decision_comment = comment.strip()
    save_as(review, by=by)
    subcontractor = review.subcontractor
    today = timezone.localdate()
    own = subcontractor.next_review_date
    if own is None or own <= today or own == review.due_date:
        subcontractor.next_review_date = one_year_after(today)
        save_as(subcontractor, by=by, update_fields=["next_review_date", "updated_at"])
    return review


@transaction.atomic
def review_return(*, review: DueDiligenceReview, by, comment: str) -> DueDiligenceReview:
    """Send the answers back with comments; the subcontractor's links work again and a new
    one is emailed with the comments."""
    if not (comment or "").strip():
        raise ValidationError(
            {"comment": gettext("Say what the subcontractor needs to change or add.")}
        )
    review = locked_review(review)
    if review.status != ReviewStatus.SUBMITTED:
        raise ValidationError(gettext("Only a submitted questionnaire can be returned."))
    review.status = ReviewStatus.RETURNED
    review.decided_at = timezone.now()
    review.decided_by = by
    review.decision_comment = comment.strip()
    save_as(review, by=by)
    _queue_email(
        review, EmailKind.RETURNED, dedupe_key=f"returned:{review.pk}:{uuid.uuid4().hex}", by=by
    )
    return review
