"""The lead provider's own questions: written once, copied into each review when it starts (so
last year's answers stay as they were), answered through the questionnaire and shown to the lead."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from subcontractors.models import LeadQuestion, QuestionKind, ReviewQuestion, ReviewStatus
from subcontractors.services import lead_question_create, lead_question_update
from tenancy.scope import tenant_scope
from tests.clock import days_from_today
from tests.subcontractors.helpers import (
    EXE,
    PDF,
    form_data,
    html,
    latest_token,
    q_url,
    review_url,
    sent_review,
    url,
)
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db

QUESTIONS: list[dict[str, Any]] = [
    {"text": "Do you deliver any learning online?", "kind": QuestionKind.YES_NO},
    {
        "text": "Which awareness course do your tutors complete?",
        "kind": QuestionKind.CHOICE,
        "choices": ["Home Office online", "Our session"],
    },
    {"text": "When did your board last discuss Prevent?", "kind": QuestionKind.DATE},
    {"text": "What changed after your last incident review?", "kind": QuestionKind.TEXT},
    {"text": "Upload your board's safeguarding report", "kind": QuestionKind.FILE},
]


@pytest.fixture
def questions(org, qm):
    with tenant_scope(org):
        return [lead_question_create(organisation=org, by=qm, **q) for q in QUESTIONS]


@pytest.fixture
def asked(subcontractor, qm, questions):
    review = sent_review(subcontractor, qm)
    return review, latest_token(subcontractor.prevent_lead_email)


def own(position: int) -> str:
    return f"own-q{position}"


def answers(**overrides) -> dict:
    data = {
        own(1): "yes",
        own(2): "Our session",
        own(3): days_from_today(-30).isoformat(),
        own(4): "We added a second check of speakers.",
    }
    return data | overrides


def test_the_lead_adds_changes_and_retires_questions(org, qm, client_for):
    client = client_for(qm)
    response = client.post(
        url("own_questions", org),
        {"text": "Pick one", "kind": QuestionKind.CHOICE, "choices": "Only one", "hint": ""},
    )
    assert response.status_code == 400
    assert "at least two answers" in field_error_html(response, "choices")
    assert 'value="Pick one"' in html(response)  # what was typed is kept

    response = client.post(
        url("own_questions", org),
        {"text": "Pick one", "kind": QuestionKind.CHOICE, "choices": "A\nB\n\nA", "hint": ""},
        follow=True,
    )
    assert "Question added" in html(response)
    question = LeadQuestion.objects.for_organisation(org).get()
    assert question.choices == ["A", "B"]

    edit = url("own_question_edit", org, question_code=question.code)
    client.post(edit, {"text": "Pick one, please", "kind": QuestionKind.TEXT, "choices": ""})
    question.refresh_from_db()
    assert (question.text, question.kind, question.choices) == ("Pick one, please", "text", [])

    client.post(url("own_question_retire", org, question_code=question.code))
    question.refresh_from_db()
    assert question.retired_at is not None
    assert client.get(edit).status_code == 404


def test_a_review_keeps_the_questions_it_was_started_with(org, qm, subcontractor, questions):
    review = sent_review(subcontractor, qm)
    with tenant_scope(org):
        lead_question_update(question=questions[0], by=qm, text="Reworded", kind=QuestionKind.TEXT)
    asked = ReviewQuestion.objects.for_organisation(org).filter(review=review).order_by("position")
    assert [q.text for q in asked] == [q["text"] for q in QUESTIONS]
    assert asked[0].kind == QuestionKind.YES_NO


def test_the_subcontractor_answers_them_and_the_lead_reads_the_answers(
    client, asked, qm, client_for
):
    review, token = asked
    page = html(client.get(q_url(token)))
    assert "’s own questions" in page
    assert "Which awareness course do your tutors complete?" in page

    report = SimpleUploadedFile("report.pdf", PDF)
    response = client.post(q_url(token), form_data(**answers(), **{own(5): report}))
    assert response.status_code == 302
    saved = {q.position: q for q in ReviewQuestion.unscoped.filter(review=review)}
    assert saved[1].answer_yes_no is True
    assert saved[2].answer_text == "Our session"
    assert saved[3].answer_date == days_from_today(-30)
    assert saved[5].documents.get().original_filename == "report.pdf"

    data = form_data(action="submit", name="Pat Lead", role="Prevent lead", confirm="on")
    assert client.post(q_url(token), data | answers()).status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED

    lead_page = html(client_for(qm).get(review_url("review", review)))
    assert "<dt>Do you deliver any learning online?</dt>" in lead_page
    assert "We added a second check of speakers." in lead_page
    assert "report.pdf" in lead_page


def test_submitting_with_a_question_unanswered_says_so_beside_it(client, asked):
    review, token = asked
    data = form_data(action="submit", name="Pat Lead", role="Prevent lead", confirm="on")
    response = client.post(q_url(token), data | answers(**{own(2): ""}))
    assert response.status_code == 400
    assert "Answer this question." in field_error_html(response, own(2))
    assert "Upload a document." in field_error_html(response, own(5))
    review.refresh_from_db()
    assert review.status != ReviewStatus.SUBMITTED


def test_a_file_answer_is_checked_by_content(client, asked):
    review, token = asked
    fake = SimpleUploadedFile("report.pdf", EXE)
    response = client.post(q_url(token), form_data(**answers(), **{own(5): fake}))
    assert response.status_code == 400
    assert "really a Windows program" in field_error_html(response, own(5))
    assert not ReviewQuestion.unscoped.filter(review=review, answer_text__gt="").exists()


def test_a_choice_not_offered_is_refused(client, asked):
    _review, token = asked
    response = client.post(q_url(token), form_data(**answers(**{own(2): "Something else"})))
    assert response.status_code == 400
    assert "Select a valid choice" in field_error_html(response, own(2))
