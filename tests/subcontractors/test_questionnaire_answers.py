"""Answering the questionnaire through its link: saving and coming back, uploads (checked by
content and capped), submitting, and answering again once returned."""

import hashlib

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from subcontractors.models import (
    AccessAction,
    ReviewItem,
    ReviewStatus,
    SubcontractorDocument,
)
from subcontractors.services import review_return
from tenancy.scope import tenant_scope
from tests.subcontractors.helpers import (
    EXE,
    PDF,
    accesses,
    form_data,
    html,
    latest_token,
    policy_review_date,
    q_url,
    submitted_review,
)
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db

pytestmark = pytest.mark.django_db


# --- Answering: save and come back, upload, submit -------------------------------------------


def test_the_subcontractor_saves_and_comes_back(client, review, token):
    response = client.post(q_url(token), form_data(**{"learner_awareness-notes": "Half way."}))
    assert response.status_code == 302
    assert response["Location"] == q_url(token) + "?saved=1"
    assert response["Referrer-Policy"] == "strict-origin"
    page = html(client.get(response["Location"]))
    assert "Your answers are saved" in page
    assert "Half way." in page
    assert f'value="{policy_review_date().isoformat()}"' in page
    assert 'value="90"' in page
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS
    assert ReviewItem.unscoped.get(review=review, key="staff_training").training_percentage == 90


def test_an_invalid_answer_is_shown_beside_its_field_and_nothing_is_saved(client, review, token):
    response = client.post(
        q_url(token),
        form_data(**{"staff_training-training_percentage": "150", "it_filtering-notes": "Kept"}),
    )
    assert response.status_code == 400
    assert "from 0 to 100" in field_error_html(response, "staff_training-training_percentage")
    page = html(response)
    assert "There is a problem" in page
    assert "Kept" in page  # what was typed is still there
    assert not ReviewItem.unscoped.filter(review=review).exclude(status="").exists()
    assert accesses(review)[-1] == AccessAction.NOT_SAVED


def test_uploads_are_checked_by_content_like_evidence(client, review, token):
    response = client.post(
        q_url(token),
        form_data(**{"prevent_policy-file": SimpleUploadedFile("policy.pdf", EXE)}),
    )
    assert response.status_code == 400
    error = field_error_html(response, "prevent_policy-file")
    assert "“policy.pdf” is named as a PDF but is really a Windows program" in error
    assert "Choose the file again" in html(response)
    assert not SubcontractorDocument.unscoped.exists()

    response = client.post(
        q_url(token), form_data(**{"prevent_policy-file": SimpleUploadedFile("policy.pdf", PDF)})
    )
    assert response.status_code == 302
    document = SubcontractorDocument.unscoped.get()
    assert document.review == review
    assert document.review_item.key == "prevent_policy"
    assert document.kind == "policy"
    assert document.content_type == "application/pdf"
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.expires_on == policy_review_date()  # the policy's review date
    assert document.owner == review.subcontractor.owner
    assert not document.file.name.endswith("policy.pdf")  # stored under a random name


def test_the_subcontractor_downloads_and_removes_what_they_uploaded(client, review, token):
    client.post(
        q_url(token), form_data(**{"contract_clauses-file": SimpleUploadedFile("c.pdf", PDF)})
    )
    document = SubcontractorDocument.unscoped.get()
    download = client.get(q_url(token, "questionnaire_document", document_code=document.code))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Referrer-Policy"] == "strict-origin"

    client.post(q_url(token), form_data(**{"contract_clauses-remove": str(document.code)}))
    document.refresh_from_db()
    assert document.archived_at is not None  # kept for the record, gone from the questionnaire
    assert "c.pdf" not in html(client.get(q_url(token)))
    gone = client.get(q_url(token, "questionnaire_document", document_code=document.code))
    assert gone.status_code == 404


def test_submitting_an_incomplete_questionnaire_saves_it_and_says_what_is_missing(
    client, review, token
):
    data = form_data(action="submit", name="", role="Lead")
    data["risk_assessment-status"] = ""
    data["learner_awareness-notes"] = ""  # "not applicable" needs a reason
    response = client.post(q_url(token), data)
    assert response.status_code == 400
    assert "Your answers are saved" in html(response)
    assert "Choose met, partly met" in field_error_html(response, "risk_assessment-status")
    assert "Say why this does not apply" in field_error_html(response, "learner_awareness-notes")
    assert "Enter your name" in field_error_html(response, "name")
    assert "Confirm that the answers" in field_error_html(response, "confirm")
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS
    assert ReviewItem.unscoped.get(review=review, key="it_filtering").status == "met"
    assert accesses(review)[-2:] == [AccessAction.SAVED, AccessAction.INCOMPLETE]


def test_the_subcontractor_submits(client, review, token):
    data = form_data(action="submit", name="Pat Lead", role="Prevent lead", confirm="on")
    response = client.post(q_url(token), data)
    assert response.status_code == 302
    assert response["Location"] == q_url(token, "questionnaire_done")
    done = client.get(response["Location"])
    assert done.status_code == 200
    assert "your answers are submitted" in html(done)
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED
    assert (review.submitted_by_name, review.submitted_by_role) == ("Pat Lead", "Prevent lead")


def test_a_returned_questionnaire_opens_again_with_the_comments(client, subcontractor, qm):
    review = submitted_review(subcontractor, qm)
    old_token = latest_token()
    with tenant_scope(review.organisation):
        review_return(review=review, by=qm, comment="Please upload the risk assessment.")
    from subcontractors.delivery import deliver_questionnaire_emails, unsent_email_ids

    deliver_questionnaire_emails(unsent_email_ids())
    message = mail.outbox[-1]
    assert "returned your Prevent due diligence questionnaire" in message.subject
    assert "Please upload the risk assessment." in message.body
    for token in (old_token, latest_token()):  # the first link works again, and the new one
        page = client.get(q_url(token))
        assert page.status_code == 200
        assert "Please upload the risk assessment." in html(page)
        assert "returned your answers" in html(page)


def _padded_pdf(megabytes: float) -> bytes:
    return PDF + b"\n%" + b"x" * int(megabytes * 1024 * 1024)


@pytest.mark.parametrize(
    ("link_mb", "review_mb", "scope"), [(1, 100, "this link"), (100, 1, "this review")]
)
def test_uploads_through_a_link_are_capped_with_a_clear_message(
    client, review, token, settings, link_mb, review_mb, scope
):
    settings.QUESTIONNAIRE_LINK_QUOTA_MB = link_mb
    settings.QUESTIONNAIRE_REVIEW_QUOTA_MB = review_mb
    first = SimpleUploadedFile("policy.pdf", _padded_pdf(0.6))
    assert client.post(q_url(token), form_data(**{"prevent_policy-file": first})).status_code == 302
    again = SimpleUploadedFile("clauses.pdf", _padded_pdf(0.6))
    response = client.post(q_url(token), form_data(**{"contract_clauses-file": again}))
    assert response.status_code == 400
    page = html(response)
    assert f"would bring the uploads through {scope} to 1.2 MB" in page
    assert f"at most {min(link_mb, review_mb)} MB can be uploaded" in page
    assert SubcontractorDocument.unscoped.count() == 1
    assert accesses(review)[-1] == AccessAction.NOT_SAVED
