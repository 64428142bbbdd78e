"""The lead provider's own questions: kept in a list, copied into each review when it starts,
and answered through the questionnaire."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from subcontractors.models import (
    MAX_OWN_QUESTIONS,
    DueDiligenceReview,
    LeadQuestion,
    QuestionKind,
    ReviewQuestion,
)
from tenancy.models import Organisation

MAX_CHOICES = 12
UNANSWERED = {False: _("Answer this question."), True: _("Upload a document.")}


def _clean_choices(kind: str, choices: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(c.strip() for c in choices if c.strip()))
    if kind != QuestionKind.CHOICE:
        return []
    if len(cleaned) < 2:
        raise ValidationError(
            {"choices": gettext("Give at least two answers to choose from, one a line.")}
        )
    if len(cleaned) > MAX_CHOICES or any(len(c) > 100 for c in cleaned):
        raise ValidationError(
            {
                "choices": gettext("Give at most %(max)s answers, each under 100 characters.")
                % {"max": MAX_CHOICES}
            }
        )
    return cleaned


@transaction.atomic
def lead_question_create(
    *, organisation: Organisation, by, text: str, kind: str, hint: str = "", choices=()
) -> LeadQuestion:
    live = LeadQuestion.objects.for_organisation(organisation).select_for_update()
    live = live.filter(retired_at=None)
    if live.count() >= MAX_OWN_QUESTIONS:
        raise ValidationError(
            gettext("You already ask %(max)s questions of your own; retire one first.")
            % {"max": MAX_OWN_QUESTIONS}
        )
    last = live.aggregate(last=Max("position"))["last"] or 0
    question = LeadQuestion(
        organisation=organisation,
        text=text.strip(),
        hint=hint.strip(),
        kind=kind,
        choices=_clean_choices(kind, list(choices)),
        position=last + 1,
        created_by=by,
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def lead_question_update(
    *, question: LeadQuestion, by, text: str, kind: str, hint: str = "", choices=()
) -> LeadQuestion:
    """Changes apply to reviews started from now on; reviews already started keep their copy."""
    question.text, question.hint, question.kind = text.strip(), hint.strip(), kind
    question.choices = _clean_choices(kind, list(choices))
    question.full_clean()
    question.save()
    return question


def lead_question_retire(*, question: LeadQuestion, by) -> LeadQuestion:
    if question.retired_at is None:
        question.retired_at = timezone.now()
        question.save(update_fields=["retired_at", "updated_at"])
    return question


def review_questions_copy(review: DueDiligenceReview) -> None:
    """Ask this review the lead's current questions, as they stand today."""
    questions = LeadQuestion.objects.for_organisation(review.organisation_id).filter(
        retired_at=None
    )
    ReviewQuestion.objects.bulk_create(
        ReviewQuestion(
            organisation_id=review.organisation_id,
            review=review,
            asked_from=question,
            position=position,
            text=question.text,
            hint=question.hint,
            kind=question.kind,
            choices=question.choices,
        )
        for position, question in enumerate(questions, start=1)
    )


def review_questions(review: DueDiligenceReview) -> list[ReviewQuestion]:
    return list(
        ReviewQuestion.objects.for_organisation(review.organisation_id)
        .filter(review=review)
        .prefetch_related("documents")
        .order_by("position")
    )


def own_answers_save(review: DueDiligenceReview, answers: dict[int, object]) -> None:
    """The subcontractor's answers, by question position (values as the form cleaned them)."""
    for question in review_questions(review):
        if question.position not in answers or question.kind == QuestionKind.FILE:
            continue
        value = answers[question.position]
        if question.kind == QuestionKind.YES_NO:
            question.answer_yes_no = value if isinstance(value, bool) else None
        elif question.kind == QuestionKind.DATE:
            question.answer_date = value if isinstance(value, date) else None
        else:
            question.answer_text = str(value or "").strip()
        question.save()


def own_question_problems(review: DueDiligenceReview) -> dict[str, dict[str, str]]:
    """Every question of the lead's must be answered before the questionnaire is submitted."""
    missing = {
        q.field_name: str(UNANSWERED[q.kind == QuestionKind.FILE])
        for q in review_questions(review)
        if not q.is_answered
    }
    return {"own": missing} if missing else {}
