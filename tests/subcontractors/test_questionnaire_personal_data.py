"""The subcontractor, without an account, sees any notes that look like personal data beside
the answer, keeps what they typed, and changes or confirms each before the answers are saved."""

import html as htmlib
import re

import pytest

from subcontractors.models import AccessAction, ReviewItem
from tenancy.models import PersonalDataConfirmation
from tests.subcontractors.helpers import accesses, form_data, q_url

pytestmark = pytest.mark.django_db

NOTES = "Our DSL referred one learner (date of birth 12/11/2007) to the local authority."


def page(response) -> str:
    return htmlib.unescape(response.content.decode())


def keys(body: str) -> list[str]:
    return re.findall(r'name="personal_data_confirm" value="([0-9a-f]{64})"', body)


def test_notes_with_personal_data_are_not_saved_and_are_shown_in_place(client, review, token):
    response = client.post(q_url(token), form_data(**{"learner_awareness-notes": NOTES}))

    assert response.status_code == 400
    assert response["Referrer-Policy"] == "strict-origin"
    body = page(response)
    assert "Check for personal data before saving" in body
    item = body[body.index('id="item-learner_awareness"') :]
    assert item.index("<mark>12/11/2007</mark>") < item.index("Upload a document")
    assert "Looks like a date of birth" in item
    assert NOTES in body
    notes = ReviewItem.objects.for_organisation(review.organisation).get(
        review=review, key="learner_awareness"
    )
    assert notes.notes != NOTES
    assert accesses(review)[-1] == AccessAction.NOT_SAVED


def test_confirming_saves_and_records_the_subcontractor(client, review, token):
    (key,) = keys(page(client.post(q_url(token), form_data(**{"learner_awareness-notes": NOTES}))))

    saved = client.post(
        q_url(token), form_data(**{"learner_awareness-notes": NOTES, "personal_data_confirm": key})
    )

    assert saved.status_code == 302
    record = PersonalDataConfirmation.objects.for_organisation(review.organisation).get()
    assert record.confirmed_by is None
    assert record.confirmed_by_label == "Acorn Training Ltd, through the questionnaire link"
    assert record.where.startswith("Acorn Training Ltd questionnaire · ")
    item = ReviewItem.objects.for_organisation(review.organisation).get(
        review=review, key="learner_awareness"
    )
    assert item.notes == NOTES


def test_changing_the_notes_saves(client, review, token):
    client.post(q_url(token), form_data(**{"learner_awareness-notes": NOTES}))
    fixed = "Our DSL referred one learner to the local authority this year."
    assert (
        client.post(q_url(token), form_data(**{"learner_awareness-notes": fixed})).status_code
        == 302
    )
