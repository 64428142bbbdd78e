"""The questionnaire, answered through its link: saving answers and uploads, and submitting."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from subcontractors.authority import authority_problems
from subcontractors.checklist import AUTHORITY_DECLARATION, POLICY_REVIEW_DATE, TRAINING_PERCENTAGE
from subcontractors.models import (
    AWAITING_SUBCONTRACTOR,
    AuthoritySource,
    AuthorityStatus,
    DueDiligenceReview,
    ItemStatus,
    QuestionnaireLink,
    ReviewItem,
    ReviewStatus,
    SubcontractorDocument,
)
from subcontractors.quota import questionnaire_check_upload_quota
from subcontractors.services.documents import (
    document_add_for_question,
    document_add_from_questionnaire,
)
from subcontractors.services.questions import (
    own_answers_save,
    own_question_problems,
    review_questions,
)
from subcontractors.services.reviews import locked_review
from subcontractors.signals import questionnaire_submitted


@dataclass
class ItemAnswer:
    status: str = ""
    notes: str = ""
    policy_review_date: date | None = None
    training_percentage: int | None = None
    declared_authority: str = ""
    declared_basis: str = ""
    declared_funding_all_leads: Decimal | None = None
    declared_funders: str = ""


#: The answer fields each extra adds; an item without that extra keeps them empty.
EXTRA_FIELDS: dict[str, dict[str, object]] = {
    POLICY_REVIEW_DATE: {"policy_review_date": None},
    TRAINING_PERCENTAGE: {"training_percentage": None},
    AUTHORITY_DECLARATION: {
        "declared_authority": "",
        "declared_basis": "",
        "declared_funding_all_leads": None,
        "declared_funders": "",
    },
}


@dataclass
class QuestionnaireChange:
    answers: dict[str, ItemAnswer]
    uploads: list[tuple[str, object]]  # (item key, uploaded file)
    remove: list[str]  # codes of documents uploaded through the questionnaire
    own_answers: dict[int, object] = field(default_factory=dict)  # the lead's own, by position
    own_uploads: list[tuple[int, object]] = field(default_factory=list)


class SubmissionIncomplete(ValidationError):
    """The answers cannot be submitted yet. `problems` is item key -> field -> message."""

    def __init__(self, problems: dict[str, dict[str, str]]) -> None:
        self.problems = problems
        super().__init__(gettext("Some answers are missing."))


def questionnaire_problems(items: list[ReviewItem]) -> dict[str, dict[str, str]]:
    """What stops the answers being submitted, item by item and field by field."""
    problems: dict[str, dict[str, str]] = {}
    for item in items:
        found: dict[str, str] = {}
        notes = (item.notes or "").strip()
        if not item.status:
            found["status"] = gettext("Choose met, partly met, not met or not applicable.")
        elif item.status == ItemStatus.NOT_APPLICABLE and not notes:
            found["notes"] = gettext("Say why this does not apply to you.")
        elif item.status in (ItemStatus.PARTLY_MET, ItemStatus.NOT_MET) and not notes:
            found["notes"] = gettext("Say what is missing and what you are doing about it.")
        extra = item.checklist.extra
        if (
            extra == POLICY_REVIEW_DATE
            and item.status in (ItemStatus.MET, ItemStatus.PARTLY_MET)
            and item.policy_review_date is None
        ):
            found["policy_review_date"] = gettext("Enter the date your policy is next reviewed.")
        if (
            extra == TRAINING_PERCENTAGE
            and item.status
            and item.status != ItemStatus.NOT_APPLICABLE
            and item.training_percentage is None
        ):
            found["training_percentage"] = gettext(
                "Enter the percentage of staff who have completed Prevent training, 0 to 100."
            )
        if extra == AUTHORITY_DECLARATION and item.status != ItemStatus.NOT_APPLICABLE:
            found |= declaration_problems(item)
        if found:
            problems[item.key] = found
    return problems


def declaration_problems(item: ReviewItem) -> dict[str, str]:
    """A declared status carries its basis, by the same rule as a recorded one."""
    if not item.declared_authority:
        return {
            "declared_authority": gettext(
                "Say whether you are a specified authority in your own "
                "right, or choose that you do not know."
            )
        }
    values = {
        "specified_authority": item.declared_authority,
        "authority_source": AuthoritySource.DECLARED,
        "authority_basis": item.declared_basis,
        "funding_all_leads": item.declared_funding_all_leads,
        "funders": item.declared_funders,
        "authority_checked_on": timezone.localdate(),
        "authority_note": item.notes,
    }
    if item.declared_authority == AuthorityStatus.UNKNOWN:
        return {}
    problems = authority_problems(values, timezone.localdate())
    return {DECLARED_AS[key]: message for key, message in problems.items() if key in DECLARED_AS}


#: The recorded status's fields, and the questionnaire's fields that declare them.
DECLARED_AS = {
    "authority_basis": "declared_basis",
    "funding_all_leads": "declared_funding_all_leads",
    "funders": "declared_funders",
    "authority_note": "notes",
}


def _questionnaire_review(link: QuestionnaireLink) -> DueDiligenceReview:
    review = locked_review(link.review)
    if review.status not in AWAITING_SUBCONTRACTOR:
        raise ValidationError(gettext("This questionnaire is no longer open for changes."))
    return review


def _review_items(review: DueDiligenceReview):
    return ReviewItem.objects.for_organisation(review.organisation_id).filter(review=review)


def _save_answers(items: dict[str, ReviewItem], answers: dict[str, ItemAnswer]) -> None:
    for key, answer in answers.items():
        item = items[key]
        values: dict[str, object] = {
            "status": answer.status or "",
            "notes": (answer.notes or "").strip(),
        }
        for extra, fields in EXTRA_FIELDS.items():
            for name, empty in fields.items():
                given = getattr(answer, name)
                values[name] = given if extra == item.checklist.extra else empty
        values["declared_funders"] = str(values["declared_funders"] or "").strip()
        if any(getattr(item, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(item, name, value)
            item.full_clean()
            item.save()


def _remove_uploads(review: DueDiligenceReview, codes: list[str]) -> list[SubcontractorDocument]:
    if not codes:
        return []
    removed = []
    for document in SubcontractorDocument.objects.for_organisation(review.organisation_id).filter(
        review=review, code__in=codes, uploaded_via__isnull=False, archived_at=None
    ):
        document.archived_at = timezone.now()
        document.save(update_fields=["archived_at", "updated_at"])
        removed.append(document)
    return removed


def _policy_expiry_follows_review_date(policy: ReviewItem | None) -> None:
    """The policy's review date is when the uploaded policy needs replacing."""
    if policy is None:
        return
    SubcontractorDocument.objects.for_organisation(policy.organisation_id).filter(
        review_item=policy, uploaded_via__isnull=False
    ).exclude(expires_on=policy.policy_review_date).update(expires_on=policy.policy_review_date)


@transaction.atomic
def questionnaire_save(
    *, link: QuestionnaireLink, change: QuestionnaireChange
) -> tuple[list[SubcontractorDocument], list[SubcontractorDocument]]:
    """Save the subcontractor's answers, uploads and removals. Returns (uploaded, removed)."""
    review = _questionnaire_review(link)
    items = {item.key: item for item in _review_items(review)}
    _save_answers(items, change.answers)
    removed = _remove_uploads(review, change.remove)
    files = [file for _, file in change.uploads] + [file for _, file in change.own_uploads]
    questionnaire_check_upload_quota(link, review, files)
    uploaded = [
        document_add_from_questionnaire(link=link, review=review, item=items[key], file=file)
        for key, file in change.uploads
    ]
    own_answers_save(review, change.own_answers)
    own = {q.position: q for q in review_questions(review)}
    uploaded += [
        document_add_for_question(link=link, review=review, question=own[position], file=file)
        for position, file in change.own_uploads
        if position in own
    ]
    _policy_expiry_follows_review_date(items.get("prevent_policy"))
    if review.status != ReviewStatus.IN_PROGRESS:
        review.status = ReviewStatus.IN_PROGRESS
        review.save(update_fields=["status", "updated_at"])
    return uploaded, removed


@transaction.atomic
def questionnaire_submit(*, link: QuestionnaireLink, name: str, role: str) -> DueDiligenceReview:
    """Send the saved answers to the lead provider, if every question is answered."""
    review = _questionnaire_review(link)
    problems = questionnaire_problems(list(_review_items(review))) | own_question_problems(review)
    if problems:
        raise SubmissionIncomplete(problems)
    if not name.strip() or not role.strip():
        raise ValidationError(gettext("Enter your name and your role."))
    review.status = ReviewStatus.SUBMITTED
    review.submitted_at = timezone.now()
    review.submitted_by_name = name.strip()
    review.submitted_by_role = role.strip()
    review.save()
    questionnaire_submitted.send(sender=DueDiligenceReview, review=review)
    return review
