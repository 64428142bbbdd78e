"""Submitting a self-evaluation is blocked while its narratives hold personal data: each finding
is shown under its benchmark, and is either fixed or confirmed (and the decision recorded)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import ReviewAction, Status
from tenancy.models import PersonalDataConfirmation
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.assessments.helpers import GOOD_STRENGTHS, answer_all
from tests.assessments.workflow.helpers import save, text, url
from tests.conftest import member_of
from tests.evidence.factories import EvidenceItemFactory

pytestmark = pytest.mark.django_db

ULN_TEXT = "One learner (ULN 4829103756) was referred to the local authority this term."


@pytest.fixture
def answered(org, qm, assessment):
    answer_all(assessment, qm, evidence=[EvidenceItemFactory(organisation=org)])
    save(assessment, "C1.2", qm, level=2, confidence="green", strengths=ULN_TEXT,
         evidence=[EvidenceItemFactory(organisation=org)])  # fmt: skip
    return assessment


def keys(body: str) -> list[str]:
    return re.findall(r'name="personal_data_confirm" value="([0-9a-f]{64})"', body)


def test_findings_are_shown_under_their_benchmark_and_block_submission(
    org, qm, answered, client_for
):
    client = client_for(qm)
    with tenant_scope(org):
        code = answered.responses.get(benchmark__code="C1.2").code

    body = text(client.get(url("submit", answered)))

    assert "Possible personal data" in body
    assert (
        f'href="{url("respond", answered)}?criterion=C1#response-{code}">C1.2 · what we do well'
        in body
    )
    assert "<mark>4829103756</mark>" in body
    assert "Looks like a Unique Learner Number (10 digits)." in body
    assert len(keys(body)) == 1

    attempt = client.post(url("submit", answered), {"comment": "Ready."})

    assert attempt.status_code == 400
    assert "Ready." in text(attempt)  # nothing typed is lost
    answered.refresh_from_db()
    assert answered.status == Status.DRAFT


def test_confirming_a_finding_records_it_and_submits(org, qm, answered, client_for):
    client = client_for(qm)
    (key,) = keys(text(client.get(url("submit", answered))))

    done = client.post(url("submit", answered), {"comment": "", "personal_data_confirm": key})

    assert done.status_code == 302
    answered.refresh_from_db()
    assert answered.status == Status.SUBMITTED
    with tenant_scope(org):
        record = PersonalDataConfirmation.objects.get()
    assert (record.key, record.category, record.confirmed_by) == (key, "uln", qm)
    assert record.where == "C1.2 · what we do well"
    # The same text is not flagged again.
    assert "Possible personal data" not in text(client.get(url("submit", answered)))


def test_fixing_the_text_clears_the_finding(org, qm, answered, client_for):
    client = client_for(qm)
    save(answered, "C1.2", qm, level=2, confidence="green", strengths=GOOD_STRENGTHS,
         evidence=[EvidenceItemFactory(organisation=org)])  # fmt: skip

    assert "Possible personal data" not in text(client.get(url("submit", answered)))
    assert client.post(url("submit", answered), {"comment": ""}).status_code == 302


def test_the_note_for_the_reviewer_is_checked_beside_its_field(org, qm, assessment, client_for):
    answer_all(assessment, qm, evidence=[EvidenceItemFactory(organisation=org)])
    member_of(org, Role.CONTRIBUTOR, user__name="Priya Shah")
    client = client_for(qm)
    note = "Priya Shah referred the learner discussed at the panel."

    attempt = client.post(url("submit", assessment), {"comment": note})

    assert attempt.status_code == 400
    body = text(attempt)
    field = body[body.index('id="id_comment"') :]
    assert field.index("<mark>Priya Shah</mark>") < field.index("Submit for review")
    (key,) = keys(body)
    done = client.post(url("submit", assessment), {"comment": note, "personal_data_confirm": key})
    assert done.status_code == 302
    with tenant_scope(org):
        event = assessment.events.get(action=ReviewAction.SUBMITTED)
    assert event.comment == note


def test_confirmations_can_be_recorded_while_judgements_are_missing(
    org, qm, assessment, client_for
):
    save(assessment, "C1.1", qm, level=2, confidence="green", strengths=ULN_TEXT)
    client = client_for(qm)
    body = text(client.get(url("submit", assessment)))
    assert "Not ready to submit" in body and "Record the ticked confirmations" in body
    (key,) = keys(body)

    recorded = client.post(
        url("submit", assessment), {"confirm_only": "1", "personal_data_confirm": key}
    )

    assert recorded.status_code == 302
    assert PersonalDataConfirmation.objects.for_organisation(org).filter(key=key).exists()
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


def test_the_check_costs_the_same_queries_at_any_size(org, qm, answered, client_for):
    client = client_for(qm)
    client.get(url("submit", answered))
    with CaptureQueriesContext(connection) as small:
        client.get(url("submit", answered))
    for code in ("C1.1", "C2.1"):
        save(
            answered,
            code,
            qm,
            level=2,
            confidence="green",
            strengths=ULN_TEXT.replace("4829103756", "4829103757"),
            improvements="Call 07700 900123 about it.",
            evidence=[EvidenceItemFactory(organisation=org)],
        )
    with CaptureQueriesContext(connection) as large:
        body = text(client.get(url("submit", answered)))
    assert len(keys(body)) == 5
    assert len(large) == len(small)
