"""The pages where the personal-data guard shows its findings are valid HTML (the Nu checker):
the submit page, an action's form and progress, the questionnaire and the pack list."""

import pytest
from django.urls import reverse

from tenancy.roles import Role
from tests.actionplans.factories import ActionFactory
from tests.assessments.helpers import answer_all, start
from tests.assessments.workflow.helpers import save
from tests.conftest import member_of
from tests.subcontractors.helpers import (
    form_data,
    latest_token,
    make_subcontractor,
    q_url,
    sent_review,
)
from tests.test_html_valid import _java, _vnu_errors

pytestmark = pytest.mark.django_db

TEXT = "Priya Shah referred learner 4829103756; mum on 07700 900123."


def test_the_guards_findings_are_valid_html(org, qm, subscribed, client_for, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    java = _java()
    member_of(org, Role.CONTRIBUTOR, user__name="Priya Shah")
    assessment = start(org, subscribed, qm)
    answer_all(assessment, qm)
    save(assessment, "C1.2", qm, level=2, confidence="green", strengths=TEXT)
    action = ActionFactory(organisation=org, title="Refresh training", owner=qm)
    client = client_for(qm)
    slug = {"org_slug": org.slug}
    review = sent_review(make_subcontractor(org, qm, name="Acorn Training Ltd"), qm)
    token = latest_token(review.subcontractor.prevent_lead_email)
    action_form = {"title": "Follow up", "description": TEXT, "priority": "high", "owner": qm.pk,
                   "due_date": "2030-01-01"}  # fmt: skip
    progress = {"comment": TEXT, "status": "in_progress", "completed_on": "", "impact_note": ""}
    code = {"assessment_code": assessment.code}
    action_code = {"action_code": action.code}  # type: ignore[attr-defined]
    responses = {
        "submit": client.get(reverse("assessments:submit", kwargs={**slug, **code})),
        "submit note": client.post(
            reverse("assessments:submit", kwargs={**slug, **code}), {"comment": TEXT}
        ),
        "action create": client.post(reverse("actionplans:create", kwargs=slug), action_form),
        "progress": client.post(
            reverse("actionplans:progress", kwargs={**slug, **action_code}), progress
        ),
        "questionnaire": client.post(q_url(token), form_data(**{"learner_awareness-notes": TEXT})),
        "pack list": client.post(reverse("reporting:pack_list", kwargs={**slug, **code})),
    }
    pages = {}
    for label, response in responses.items():
        assert response.status_code == (200 if label == "submit" else 400), label
        body = response.content.decode()
        assert "<mark>" in body, label
        pages[label] = body
    assert _vnu_errors(java, pages, tmp_path) == []
