"""Due diligence reviews from the lead provider's side: starting, sending, reading the answers
with their documents and access log, and accepting or returning."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from subcontractors.checklist import CHECKLIST
from subcontractors.models import (
    DueDiligenceReview,
    EmailKind,
    QuestionnaireEmail,
    ReviewKind,
    ReviewStatus,
    SubcontractorDocument,
    SubcontractorStatus,
)
from subcontractors.services import one_year_after, review_start
from tenancy.scope import tenant_scope
from tests.clock import days_from_today
from tests.subcontractors.helpers import (
    html,
    make_subcontractor,
    policy_review_date,
    review_url,
    sent_review,
    submitted_review,
    token_from,
    url,
)
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def subcontractor(org, qm):
    return make_subcontractor(org, qm, name="Acorn Training Ltd")


def start_url(subcontractor) -> str:
    return url("review_start", subcontractor.organisation, subcontractor_code=subcontractor.code)


def test_a_review_has_the_whole_checklist(subcontractor, qm):
    with tenant_scope(subcontractor.organisation):
        review = review_start(subcontractor=subcontractor, due_date=days_from_today(28), by=qm)
    assert [i.key for i in review.items.order_by("position")] == [c.key for c in CHECKLIST]
    assert review.status == ReviewStatus.DRAFT
    assert review.kind == ReviewKind.ONBOARDING
    subcontractor.refresh_from_db()
    assert subcontractor.next_review_date == days_from_today(28)


def test_only_one_review_is_open_at_a_time(subcontractor, qm):
    with tenant_scope(subcontractor.organisation):
        review_start(subcontractor=subcontractor, due_date=days_from_today(28), by=qm)
        with pytest.raises(ValidationError, match="already has a review under way"):
            review_start(subcontractor=subcontractor, due_date=days_from_today(28), by=qm)


def test_an_ended_subcontract_gets_no_review(org, qm):
    ended = make_subcontractor(org, qm, status=SubcontractorStatus.ENDED)
    with tenant_scope(org), pytest.raises(ValidationError, match="has ended"):
        review_start(subcontractor=ended, due_date=days_from_today(28), by=qm)


def test_the_quality_manager_starts_and_sends_a_review(
    subcontractor, qm, client_for, django_capture_on_commit_callbacks
):
    client = client_for(qm)
    form = html(client.get(start_url(subcontractor)))
    default_due = timezone.localdate() + timedelta(days=28)
    assert f'value="{default_due.isoformat()}"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            start_url(subcontractor), {"due_date": default_due.isoformat(), "send": "now"}
        )
    review = DueDiligenceReview.unscoped.get()
    assert response.status_code == 302
    assert response["Location"] == review.get_absolute_url()
    assert review.status == ReviewStatus.SENT
    assert review.sent_by == qm
    [message] = mail.outbox
    assert message.to == [subcontractor.prevent_lead_email]
    assert token_from(message)
    email = QuestionnaireEmail.unscoped.get()
    assert email.kind == EmailKind.INVITATION and email.sent_at and email.link
    page = html(client.get(response["Location"]))
    assert "The questionnaire is on its way to Pat Lead" in page


def test_a_draft_is_sent_later_from_its_page(
    subcontractor, qm, client_for, django_capture_on_commit_callbacks
):
    client = client_for(qm)
    due = (timezone.localdate() + timedelta(days=20)).isoformat()
    client.post(start_url(subcontractor), {"due_date": due, "send": "later"})
    review = DueDiligenceReview.unscoped.get()
    assert review.status == ReviewStatus.DRAFT and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review_url("review_send", review))
    review.refresh_from_db()
    assert review.status == ReviewStatus.SENT
    assert len(mail.outbox) == 1


def test_a_due_date_in_the_past_is_refused_beside_the_field(subcontractor, qm, client_for):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_for(qm).post(start_url(subcontractor), {"due_date": yesterday})
    assert response.status_code == 400
    assert "today or later" in field_error_html(response, "due_date")
    assert f'value="{yesterday}"' in html(response)


def test_the_review_page_shows_every_answer_documents_and_the_access_log(
    subcontractor, qm, client_for, client
):
    review = submitted_review(subcontractor, qm)
    document = SubcontractorDocument.unscoped.get(review=review)
    page = html(client_for(qm).get(review_url("review", review)))
    for entry in CHECKLIST:
        assert entry.title in page
    assert "Awaiting your review" in page
    assert "Pat Lead (Prevent lead)" in page
    assert "90%" in page
    assert date_format(policy_review_date(), "j F Y") in page
    download = url(
        "document_download",
        review.organisation,
        subcontractor_code=subcontractor.code,
        document_code=document.code,
    )
    assert f'href="{download}"' in page
    assert "Access log" in page
    assert "Accept" in page and "Return with comments" in page


def test_the_access_log_is_for_managers_only(subcontractor, qm, viewer, client_for):
    review = sent_review(subcontractor, qm)
    page = html(client_for(viewer).get(review_url("review", review)))
    assert "Access log" not in page
    assert "Send a new link" not in page


def test_accepting_sets_the_next_review_a_year_ahead(subcontractor, qm, client_for):
    review = submitted_review(subcontractor, qm)
    response = client_for(qm).post(
        review_url("review_decide", review), {"decision": "accept", "comment": "Good."}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    subcontractor.refresh_from_db()
    assert review.status == ReviewStatus.ACCEPTED
    assert review.decided_by == qm and review.accepted_at
    assert subcontractor.next_review_date == one_year_after(timezone.localdate())


def test_returning_needs_a_comment_beside_the_field(subcontractor, qm, client_for):
    review = submitted_review(subcontractor, qm)
    response = client_for(qm).post(
        review_url("review_decide", review), {"decision": "return", "comment": "  "}
    )
    assert response.status_code == 400
    assert "Say what the subcontractor needs to change" in field_error_html(response, "comment")
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED


def test_returning_emails_the_comments_with_a_link(
    subcontractor, qm, client_for, django_capture_on_commit_callbacks
):
    review = submitted_review(subcontractor, qm)
    sent_before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(qm).post(
            review_url("review_decide", review),
            {"decision": "return", "comment": "Add the risk assessment."},
        )
    review.refresh_from_db()
    assert review.status == ReviewStatus.RETURNED
    assert review.decision_comment == "Add the risk assessment."
    message = mail.outbox[sent_before]
    assert "Add the risk assessment." in message.body
    assert token_from(message)


def test_only_a_submitted_review_can_be_decided(subcontractor, qm, client_for):
    review = sent_review(subcontractor, qm)
    response = client_for(qm).post(review_url("review_decide", review), {"decision": "accept"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.SENT


def test_documents_download_only_through_the_permission_checked_view(
    org, subcontractor, qm, viewer, outsider, client_for, client
):
    review = submitted_review(subcontractor, qm)
    document = SubcontractorDocument.unscoped.get(review=review)
    download = url(
        "document_download", org, subcontractor_code=subcontractor.code, document_code=document.code
    )
    response = client_for(viewer).get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="policy.pdf"')
    assert response["Cache-Control"] == "private, no-store"
    assert client_for(outsider).get(download).status_code == 404
    assert client.get(download).status_code == 302  # to the login page
    assert not document.file.url.endswith("policy.pdf")


def test_a_document_of_another_subcontractor_is_not_found_under_this_one(org, qm, client_for):
    first = make_subcontractor(org, qm, name="First")
    second = make_subcontractor(org, qm, name="Second")
    review = submitted_review(first, qm)
    document = SubcontractorDocument.unscoped.get(review=review)
    wrong = url(
        "document_download", org, subcontractor_code=second.code, document_code=document.code
    )
    assert client_for(qm).get(wrong).status_code == 404


def test_only_managers_start_send_and_decide(subcontractor, qm, viewer, contributor, client_for):
    review = submitted_review(subcontractor, qm)
    for person in (viewer, contributor):
        client = client_for(person)
        assert client.get(review_url("review", review)).status_code == 200
        assert client.get(start_url(subcontractor)).status_code == 403
        assert client.post(review_url("review_send", review)).status_code == 403
        assert (
            client.post(review_url("review_decide", review), {"decision": "accept"}).status_code
            == 403
        )
        assert client.post(review_url("review_revoke_links", review)).status_code == 403
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED


def test_sending_succeeds_when_the_broker_is_down_and_the_daily_run_sends_it_later(
    subcontractor, qm, client_for, broker, caplog, django_capture_on_commit_callbacks
):
    from prevent_compliance.celery import app as celery_app
    from subcontractors.cycle import run_review_cycle
    from subcontractors.delivery import deliver_questionnaire_emails

    with tenant_scope(subcontractor.organisation):
        review = review_start(
            subcontractor=subcontractor, due_date=timezone.localdate() + timedelta(days=28), by=qm
        )
    broker("redis://127.0.0.1:1/0")  # nothing listens on port 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(qm).post(review_url("review_send", review))
    assert response.status_code == 302
    assert "Could not enqueue" in caplog.text
    assert mail.outbox == []
    assert "Waiting to be sent" in html(client_for(qm).get(review_url("review", review)))

    celery_app.conf.task_always_eager = True  # the broker is back
    run_review_cycle(enqueue=deliver_questionnaire_emails)
    assert [m.to for m in mail.outbox] == [[subcontractor.prevent_lead_email]]
    assert QuestionnaireEmail.unscoped.get().sent_at
