"""No evidence pack is generated while the text it would print holds unconfirmed personal data:
the findings are listed with where each is, and confirming them generates the pack."""

import html as htmlib
import re

import pytest
from django.urls import reverse

from reporting.models import EvidencePack
from tenancy.models import PersonalDataConfirmation
from tests.actionplans.factories import ActionFactory
from tests.assessments.helpers import answer_all, start
from tests.assessments.workflow.helpers import save
from tests.evidence.factories import EvidenceItemFactory

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return htmlib.unescape(response.content.decode())


def keys(body: str) -> list[str]:
    return re.findall(r'name="personal_data_confirm" value="([0-9a-f]{64})"', body)


@pytest.fixture
def assessment(org, qm, subscribed):
    assessment = start(org, subscribed, qm)
    answer_all(assessment, qm)
    return assessment


def packs_url(assessment) -> str:
    return reverse(
        "reporting:pack_list",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )


def test_a_pack_is_not_generated_while_its_text_holds_personal_data(
    org, qm, assessment, client_for
):
    evidence = EvidenceItemFactory(organisation=org, title="Referral log for J. Smith")
    save(assessment, "C1.2", qm, level=2, confidence="green", evidence=[evidence],
         strengths="Learner 4829103756 was referred in October.")  # fmt: skip
    with_response = assessment.responses.model.objects.for_organisation(org).get(
        assessment=assessment, benchmark__code="C1.1"
    )
    ActionFactory(organisation=org, response=with_response, title="Call mum on 07700 900123")
    client = client_for(qm)

    refused = client.post(packs_url(assessment))

    assert refused.status_code == 400
    body = page(refused)
    assert "Not generated: possible personal data" in body
    assert "C1.2 · what we do well" in body and "<mark>4829103756</mark>" in body
    assert "Evidence “Referral log for J. Smith” · title" in body
    assert "<mark>J. Smith</mark>" in body
    assert "<mark>07700 900123</mark>" in body
    assert not EvidencePack.objects.for_organisation(org).exists()

    found = keys(body)
    assert len(found) == 3
    generated = client.post(packs_url(assessment), {"personal_data_confirm": found})

    assert generated.status_code == 302
    assert EvidencePack.objects.for_organisation(org).count() == 1
    confirmations = PersonalDataConfirmation.objects.for_organisation(org)
    assert sorted(confirmations.values_list("category", flat=True)) == ["name", "phone", "uln"]


def test_a_clean_self_evaluation_generates_at_once(org, qm, assessment, client_for):
    assert client_for(qm).post(packs_url(assessment)).status_code == 302
    assert EvidencePack.objects.for_organisation(org).count() == 1
