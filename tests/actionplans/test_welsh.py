"""The action plan in Welsh (issue 18): a person who chose Cymraeg reads the plan and an action's
page in Welsh, counts included (Welsh takes the singular noun after a numeral)."""

import pytest

from tests.actionplans.helpers import action_url, html, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh_qm(qm):
    qm.language = "cy"
    qm.save(update_fields=["language"])
    return qm


def test_the_plan_is_in_welsh_for_a_welsh_speaker(org, plan, welsh_qm, client_for):
    page = html(client_for(welsh_qm).get(url("index", org)))
    for text in [
        "<h1>Cynllun gweithredu</h1>",
        '<h2 id="plan-heading">5 cam gweithredu</h2>',
        '<span class="tag tag-danger">3 diwrnod yn hwyr</span>',
        "Ychwanegu cam gweithredu",
        "Allforio CSV",
        "Ailneilltuo",
    ]:
        assert text in page, text
    for english in ["Add an action", "days overdue", "5 actions", "Reassign the ticked actions"]:
        assert english not in page, english


def test_an_overdue_action_is_explained_in_welsh(plan, welsh_qm, client_for):
    late = plan["late"]
    page = html(client_for(welsh_qm).get(action_url("detail", late)))
    for text in ["3 diwrnod yn hwyr: roedd yn ddyledus ar", "Manylion", "Hanes newidiadau"]:
        assert text in page, text
    assert "This action is 3 days overdue" not in page
    assert "Change history" not in page
