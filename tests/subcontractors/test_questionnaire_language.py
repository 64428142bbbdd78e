"""The sender chooses the questionnaire's language: the subcontractor has no account, so no
language of its own. Its emails, chasers included, and its public pages are in it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from subcontractors.cycle import claim_chasers
from subcontractors.delivery import deliver_questionnaire_emails, unsent_email_ids
from subcontractors.models import DueDiligenceReview, ReviewStatus
from subcontractors.services import review_send, review_start
from tenancy.scope import tenant_scope
from tests.subcontractors.helpers import (
    html,
    latest_token,
    make_subcontractor,
    q_url,
    review_url,
    url,
)
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def subcontractor(org, qm):
    return make_subcontractor(org, qm, name="Acorn Training Ltd")


def start_url(subcontractor) -> str:
    return url("review_start", subcontractor.organisation, subcontractor_code=subcontractor.code)


def due_in(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def welsh_date(day) -> str:
    with translation.override("cy"):
        return date_format(day, "j F")


def test_a_questionnaire_sent_in_welsh_is_emailed_in_welsh_while_the_page_stays_english(
    subcontractor, qm, client_for, django_capture_on_commit_callbacks
):
    client = client_for(qm)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            start_url(subcontractor), {"due_date": due_in(28), "send": "now", "language": "cy"}
        )
    review = DueDiligenceReview.unscoped.get()
    assert response.status_code == 302
    assert review.language == "cy"
    [message] = mail.outbox
    assert message.subject == (
        "Holiadur diwydrwydd dyladwy Prevent gan Northbeck Training, yn ddyledus "
        f"{welsh_date(review.due_date)}"
    )
    assert message.body.startswith("Helo Pat Lead,")
    assert "Hello" not in message.body
    page = html(client.get(response["Location"]))
    assert "The questionnaire is on its way to Pat Lead" in page


def test_the_subcontractors_page_opens_in_the_questionnaires_language(
    subcontractor, qm, client, django_capture_on_commit_callbacks
):
    with tenant_scope(subcontractor.organisation):
        review = review_start(
            subcontractor=subcontractor,
            due_date=timezone.localdate() + timedelta(days=28),
            by=qm,
            language="cy",
        )
        review_send(review=review, by=qm)
    deliver_questionnaire_emails(unsent_email_ids())

    response = client.get(q_url(latest_token()), HTTP_ACCEPT_LANGUAGE="en-gb")

    assert response.status_code == 200
    assert "Holiadur diwydrwydd dyladwy Prevent" in html(response)
    assert response["Content-Language"] == "cy"


def test_a_new_link_can_be_sent_in_another_language_and_chasers_follow_it(
    subcontractor, qm, client_for, django_capture_on_commit_callbacks
):
    client = client_for(qm)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(start_url(subcontractor), {"due_date": due_in(10), "send": "now"})
    review = DueDiligenceReview.unscoped.get()
    assert review.language == "en-gb"  # the sender's own language
    assert mail.outbox[-1].subject.startswith("Prevent due diligence questionnaire from")
    form = client.get(review.get_absolute_url()).context["send_form"]
    assert str(form["language"].label) == "Language of the questionnaire"
    assert form["language"].value() == "en-gb"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url("review_send", review), {"language": "cy"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.language == "cy" and review.status == ReviewStatus.SENT
    assert mail.outbox[-1].body.startswith("Helo Pat Lead,")

    # The daily run's chaser (sent a while ago, due soon) is in Welsh too.
    DueDiligenceReview.unscoped.filter(pk=review.pk).update(
        sent_at=timezone.now() - timedelta(days=20)
    )
    assert claim_chasers(timezone.localdate()) == 1
    deliver_questionnaire_emails(unsent_email_ids())
    assert mail.outbox[-1].subject.startswith("Nodyn atgoffa:")


def test_the_choice_starts_in_the_senders_language_and_is_labelled(subcontractor, qm, client_for):
    qm.language = "cy"
    qm.save(update_fields=["language"])
    response = client_for(qm).get(start_url(subcontractor))
    form = response.context["form"]
    assert form["language"].value() == "cy"
    assert "Iaith yr holiadur" in html(response)
    assert '<label for="id_language">' in html(response)


def test_an_unknown_language_is_refused_beside_the_field_and_the_date_is_kept(
    subcontractor, qm, client_for
):
    due = due_in(28)
    response = client_for(qm).post(
        start_url(subcontractor), {"due_date": due, "send": "now", "language": "fr"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in field_error_html(response, "language")
    assert f'value="{due}"' in html(response)
    assert not DueDiligenceReview.unscoped.exists()
    assert mail.outbox == []


def test_an_unknown_language_for_a_new_link_is_refused_beside_the_field(
    subcontractor, qm, client_for
):
    client = client_for(qm)
    client.post(start_url(subcontractor), {"due_date": due_in(28), "send": "later"})
    review = DueDiligenceReview.unscoped.get()

    response = client.post(review_url("review_send", review), {"language": "fr"})

    assert response.status_code == 400
    assert "Select a valid choice" in field_error_html(response, "language")
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT and mail.outbox == []


def test_next_years_review_keeps_the_language(subcontractor, qm):
    with tenant_scope(subcontractor.organisation):
        first = review_start(
            subcontractor=subcontractor, due_date=timezone.localdate(), by=qm, language="cy"
        )
        DueDiligenceReview.unscoped.filter(pk=first.pk).update(status=ReviewStatus.ACCEPTED)
        following = review_start(
            subcontractor=subcontractor, due_date=timezone.localdate(), by=None
        )
    assert following.language == "cy"
