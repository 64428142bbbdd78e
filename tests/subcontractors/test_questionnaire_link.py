"""The questionnaire behind the magic link: what it opens, what it refuses, what it logs, and
that its token never reaches any other page. Answering it: test_questionnaire_answers.py."""

import hashlib
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from subcontractors.models import (
    AccessAction,
    QuestionnaireAccess,
    QuestionnaireLink,
    ReviewItem,
    SubcontractorDocument,
)
from subcontractors.services import review_accept
from tenancy.scope import tenant_scope
from tests.subcontractors.helpers import (
    PDF,
    accesses,
    form_data,
    html,
    latest_token,
    make_subcontractor,
    q_url,
    review_url,
    sent_review,
    submitted_review,
    url,
)

pytestmark = pytest.mark.django_db

pytestmark = pytest.mark.django_db


# --- The link ---------------------------------------------------------------------------------


def test_the_email_carries_a_long_random_token_stored_only_as_its_hash(review, token):
    message = mail.outbox[-1]
    assert message.to == ["pat.lead@acorn.example.org"]
    assert "Prevent due diligence questionnaire" in message.subject
    assert len(token) >= 43
    link = QuestionnaireLink.unscoped.get(review=review)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    with connection.cursor() as cursor:  # the token itself is nowhere in the database
        for table in (
            "subcontractors_questionnairelink",
            "subcontractors_questionnaireemail",
            "subcontractors_historicalquestionnairelink",
        ):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (constant table names)
            assert token not in repr(cursor.fetchall())


def test_the_link_opens_only_its_own_questionnaire(client, review, token):
    response = client.get(q_url(token))
    assert response.status_code == 200
    page = html(response)
    assert "Acorn Training Ltd" in page
    assert review.organisation.name in page
    assert page.count('class="panel questionnaire-item"') == 17
    assert response["Referrer-Policy"] == "strict-origin"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_questionnaire_page_has_no_navigation_and_no_link_into_the_organisation(
    client, review, token, org
):
    page = html(client.get(q_url(token)))
    assert 'href="/o/' not in page and "/o/" not in page
    assert "main-nav" not in page
    assert org.slug not in page
    hrefs = re.findall(r'href="([^"]+)"', page)
    # Besides the questionnaire itself, only the public privacy notice for link holders.
    allowed = ("/static/", f"/q/{token}/", "/privacy/")
    assert all(h == "#main" or h.startswith(allowed) for h in hrefs), hrefs
    actions = re.findall(r'<form[^>]*action="([^"]+)"', page)
    assert actions == [f"/q/{token}/"]


@pytest.mark.parametrize(
    "bad", ["0" * 64, "not-a-token", "x" * 43, "short", "a" * 200], ids=lambda t: t[:8]
)
def test_a_wrong_token_gets_a_clear_404(client, review, bad):
    for method in ("get", "post"):
        response = getattr(client, method)(q_url(bad))
        assert response.status_code == 404
        assert "This link is not valid" in html(response)
        assert review.organisation.name not in html(response)


def test_a_truncated_token_gets_404(client, token):
    assert client.get(q_url(token[:-1])).status_code == 404


def test_an_expired_link_gets_410_and_the_refusal_is_logged(client, review, token, settings):
    with time_machine.travel(
        timezone.now() + timedelta(days=settings.SUBCONTRACTOR_LINK_DAYS, minutes=1)
    ):
        response = client.get(q_url(token))
        post = client.post(q_url(token), form_data())
    assert response.status_code == 410 and post.status_code == 410
    assert "This link has expired" in html(response)
    assert accesses(review) == [AccessAction.REFUSED, AccessAction.REFUSED]
    assert QuestionnaireAccess.unscoped.first().detail == "expired"
    assert not ReviewItem.unscoped.filter(review=review).exclude(status="").exists()


def test_a_link_works_until_it_expires(client, token, settings):
    with time_machine.travel(
        timezone.now() + timedelta(days=settings.SUBCONTRACTOR_LINK_DAYS, minutes=-1)
    ):
        assert client.get(q_url(token)).status_code == 200


def test_a_revoked_link_gets_410(client, review, token, qm, client_for):
    client_for(qm).post(review_url("review_revoke_links", review))
    response = client.get(q_url(token))
    assert response.status_code == 410
    assert "This link no longer works" in html(response)
    assert client.post(q_url(token), form_data()).status_code == 410


def test_sending_a_new_link_stops_the_old_one(client, review, token, qm, client_for):
    from subcontractors.delivery import deliver_questionnaire_emails, unsent_email_ids

    client_for(qm).post(review_url("review_send", review))
    deliver_questionnaire_emails(unsent_email_ids())
    new_token = latest_token()
    assert new_token != token
    assert client.get(q_url(token)).status_code == 410
    assert client.get(q_url(new_token)).status_code == 200


def test_a_submitted_questionnaire_gets_410(client, subcontractor, qm):
    review = submitted_review(subcontractor, qm)
    token = latest_token()
    response = client.get(q_url(token))
    assert response.status_code == 410
    assert "This questionnaire has been submitted" in html(response)
    assert client.post(q_url(token), form_data()).status_code == 410
    done = client.get(q_url(token, "questionnaire_done"))
    assert done.status_code == 200 and "Thank you" in html(done)
    with tenant_scope(review.organisation):
        review_accept(review=review, by=qm)
    response = client.get(q_url(token))
    assert response.status_code == 410
    assert "This questionnaire is complete" in html(response)


def test_a_token_for_another_questionnaire_cannot_reach_this_one(client, org, qm, review, token):
    other = sent_review(make_subcontractor(org, qm, name="Birch Skills"), qm)
    other_token = latest_token()
    client.post(
        q_url(token),
        form_data(
            action="save",
            **{
                "prevent_policy-file": SimpleUploadedFile("mine.pdf", PDF),
            },
        ),
    )
    mine = SubcontractorDocument.unscoped.get(review=review)
    # The other subcontractor's link shows its own questionnaire, never this one...
    page = html(client.get(q_url(other_token)))
    assert "Birch Skills" in page and "Acorn Training Ltd" not in page
    assert "mine.pdf" not in page
    # ...cannot download this one's documents...
    response = client.get(q_url(other_token, "questionnaire_document", document_code=mine.code))
    assert response.status_code == 404
    # ...and what it saves goes to its own review only.
    client.post(q_url(other_token), form_data(**{"it_filtering-notes": "Birch notes"}))
    assert ReviewItem.unscoped.get(review=other, key="it_filtering").notes == "Birch notes"
    assert ReviewItem.unscoped.get(review=review, key="it_filtering").notes != "Birch notes"


def test_strange_methods_get_a_page_not_an_error(client, review, token):
    assert client.put(q_url(token)).status_code == 405
    refused = QuestionnaireAccess.unscoped.get(review=review)
    assert (refused.action, refused.detail) == (AccessAction.REFUSED, "method PUT not allowed")
    assert client.delete(q_url(token, "questionnaire_done")).status_code in (302, 405)
    assert client.put(q_url("0" * 43)).status_code == 404


def test_every_access_is_logged_with_time_ip_and_browser(client, review, token):
    client.get(q_url(token), HTTP_USER_AGENT="Firefox/128", REMOTE_ADDR="198.51.100.7")
    client.post(
        q_url(token),
        form_data(**{"prevent_policy-file": SimpleUploadedFile("p.pdf", PDF)}),
        HTTP_USER_AGENT="Firefox/128",
        REMOTE_ADDR="198.51.100.7",
    )
    document = SubcontractorDocument.unscoped.get()
    client.get(q_url(token, "questionnaire_document", document_code=document.code))
    client.post(q_url(token), form_data(action="submit", name="Pat", role="Lead", confirm="on"))
    client.get(q_url(token, "questionnaire_done"))
    client.get(q_url(token))  # submitted: refused, and logged
    assert accesses(review) == [
        AccessAction.VIEWED,
        AccessAction.SAVED,
        AccessAction.UPLOADED,
        AccessAction.DOWNLOADED,
        AccessAction.SAVED,
        AccessAction.SUBMITTED,
        AccessAction.VIEWED,
        AccessAction.REFUSED,
    ]
    first = QuestionnaireAccess.unscoped.order_by("pk").first()
    assert first.ip_address == "198.51.100.7"
    assert first.user_agent == "Firefox/128"
    assert first.created_at is not None
    uploaded = QuestionnaireAccess.unscoped.get(action=AccessAction.UPLOADED)
    assert uploaded.detail == "p.pdf"
    link = QuestionnaireLink.unscoped.get(review=review)
    assert link.last_used_at is not None


def test_behind_a_trusted_proxy_the_forwarded_address_is_logged(client, token, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client.get(q_url(token), HTTP_X_FORWARDED_FOR="spoofed, 192.0.2.44", REMOTE_ADDR="10.0.0.1")
    assert QuestionnaireAccess.unscoped.get().ip_address == "192.0.2.44"


# --- The token never reaches another page -----------------------------------------------------


def test_the_token_never_appears_in_any_other_page(client, org, qm, client_for, review, token):
    client.post(
        q_url(token), form_data(**{"prevent_policy-file": SimpleUploadedFile("p.pdf", PDF)})
    )
    staff = client_for(qm)
    subcontractor = review.subcontractor
    pages = [
        url("index", org),
        url("export", org),
        subcontractor.get_absolute_url(),
        review_url("review", review),
        f"/o/{org.slug}/",
        "/notifications/",
    ]
    for path in pages:
        response = staff.get(path)
        assert response.status_code == 200, path
        assert token not in response.content.decode(), path
    for email in mail.outbox:
        if email.to != [subcontractor.prevent_lead_email]:
            assert token not in email.body
    assert token not in repr(list(QuestionnaireAccess.unscoped.values()))


def test_other_pages_never_show_a_link_to_the_questionnaire(org, qm, client_for, review):
    page = html(client_for(qm).get(review_url("review", review)))
    assert "/q/" not in page
    assert "Works until" in page  # the link's state is shown, never the link
