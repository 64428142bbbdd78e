"""Monitoring visits: recording findings, and raising actions from them in one step."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from actionplans.models import Action, Priority
from subcontractors.models import MonitoringVisit, Rag, VisitFinding, VisitType
from subcontractors.services import FindingChange, visit_create, visit_raise_actions, visit_update
from tenancy.scope import tenant_scope
from tests.clock import days_from_today, iso_days_from_today
from tests.subcontractors.helpers import html, make_subcontractor, url
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def subcontractor(org, qm):
    return make_subcontractor(org, qm, name="Acorn Training Ltd")


@pytest.fixture
def visit(subcontractor, qm, contributor):
    with tenant_scope(subcontractor.organisation):
        return visit_create(
            subcontractor=subcontractor,
            by=qm,
            visit_date=days_from_today(-7),
            visitor=contributor,
            visit_type=VisitType.SPOT_CHECK,
            overall_rag=Rag.RED,
            summary="Unannounced.",
            findings=[
                FindingChange(None, "Guest Wi-Fi is not filtered. Learners use it daily."),
                FindingChange(None, "No speaker checks recorded this term."),
                FindingChange(None, "Learners knew how to report a concern."),
            ],
        )


def visit_url(name: str, visit: MonitoringVisit) -> str:
    return url(
        name,
        visit.organisation,
        subcontractor_code=visit.subcontractor.code,
        visit_code=visit.code,
    )


def raise_data(visit, numbers, owner, **overrides) -> dict:
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    return {"findings": [str(n) for n in numbers], "owner": owner.pk, "due_date": due, **overrides}


def test_a_visit_is_recorded_with_its_findings_through_the_form(subcontractor, qm, client_for):
    create = url("visit_create", subcontractor.organisation, subcontractor_code=subcontractor.code)
    data = {
        "visit_date": iso_days_from_today(-7),
        "visitor": qm.pk,
        "visit_type": "learner_interviews",
        "overall_rag": "amber",
        "summary": "Eight learners.",
        "findings-TOTAL_FORMS": "3",
        "findings-INITIAL_FORMS": "0",
        "findings-0-text": "Most learners could explain British values.",
        "findings-1-text": "",
        "findings-2-text": "Two did not know how to report online.",
    }
    response = client_for(qm).post(create, data)
    visit = MonitoringVisit.unscoped.get()
    assert response.status_code == 302
    assert response["Location"] == visit.get_absolute_url()
    assert [(f.number, f.text) for f in visit.findings.all()] == [
        (1, "Most learners could explain British values."),
        (2, "Two did not know how to report online."),
    ]
    assert visit.history.first().history_user == qm


def test_visit_form_errors_show_beside_the_fields_and_keep_the_findings(
    subcontractor, qm, client_for
):
    create = url("visit_create", subcontractor.organisation, subcontractor_code=subcontractor.code)
    response = client_for(qm).post(
        create,
        {
            "visit_date": "",
            "visitor": qm.pk,
            "visit_type": "spot_check",
            "findings-TOTAL_FORMS": "1",
            "findings-INITIAL_FORMS": "0",
            "findings-0-text": "Kept finding.",
        },
    )
    assert response.status_code == 400
    assert "Enter the date of the visit" in field_error_html(response, "visit_date")
    assert "Choose the overall rating" in field_error_html(response, "overall_rag")
    assert "Kept finding." in html(response)
    assert not MonitoringVisit.unscoped.exists()


def test_raising_actions_from_findings_is_idempotent(visit, qm, client_for):
    client = client_for(qm)
    first = client.post(visit_url("visit_raise_actions", visit), raise_data(visit, [1, 2], qm))
    assert first.status_code == 302
    actions = Action.unscoped.filter(organisation=visit.organisation).order_by("source_key")
    assert [a.source_key for a in actions] == [f"visit:{visit.code}:1", f"visit:{visit.code}:2"]
    assert all(a.priority == Priority.HIGH for a in actions)  # a red visit
    assert all(a.owner == qm and a.created_by == qm for a in actions)
    assert actions[0].title == "Acorn Training Ltd: Guest Wi-Fi is not filtered."

    with tenant_scope(visit.organisation):  # again, directly: nothing new
        again = visit_raise_actions(
            visit=visit, by=qm, numbers=[1, 2], owner=qm, due_date=days_from_today(30)
        )
    assert again == []
    client.post(visit_url("visit_raise_actions", visit), raise_data(visit, [1, 2, 3], qm))
    assert Action.unscoped.filter(organisation=visit.organisation).count() == 3


def test_each_action_links_back_to_the_visit_and_the_visit_lists_its_actions(visit, qm, client_for):
    client_for(qm).post(visit_url("visit_raise_actions", visit), raise_data(visit, [2], qm))
    action = Action.unscoped.get(organisation=visit.organisation)
    assert f"{settings.SITE_URL}{visit.get_absolute_url()}" in action.description
    assert "No speaker checks recorded this term." in action.description
    page = html(client_for(qm).get(visit.get_absolute_url()))
    assert f'href="{action.get_absolute_url()}"' in page
    assert "Actions from this visit" in page
    # The finding with its action is no longer offered; the others still are.
    assert 'name="findings" value="2"' not in page
    assert 'name="findings" value="1"' in page


def test_raising_needs_a_finding_an_owner_and_a_date(visit, qm, client_for):
    response = client_for(qm).post(
        visit_url("visit_raise_actions", visit), {"owner": "", "due_date": ""}
    )
    assert response.status_code == 400
    assert "Tick the findings that need an action" in field_error_html(response, "findings")
    assert "Choose who owns the actions" in field_error_html(response, "owner")
    assert not Action.unscoped.exists()


def test_a_finding_with_an_action_cannot_be_removed(visit, qm):
    with tenant_scope(visit.organisation):
        visit_raise_actions(visit=visit, by=qm, numbers=[1], owner=qm, due_date=days_from_today(30))
        with pytest.raises(ValidationError, match="has an action"):
            visit_update(
                visit=visit,
                by=qm,
                findings=[FindingChange(1, ""), FindingChange(2, "Changed."), FindingChange(3, "")],
                visit_date=visit.visit_date,
                visitor=visit.visitor,
                visit_type=visit.visit_type,
                overall_rag=visit.overall_rag,
                summary="",
            )
        visit_update(
            visit=visit,
            by=qm,
            findings=[
                FindingChange(1, "Reworded."),
                FindingChange(3, ""),
                FindingChange(None, "New"),
            ],
            visit_date=visit.visit_date,
            visitor=visit.visitor,
            visit_type=visit.visit_type,
            overall_rag=visit.overall_rag,
            summary="",
        )
    numbers = dict(VisitFinding.unscoped.filter(visit=visit).values_list("number", "text"))
    assert numbers == {1: "Reworded.", 2: "No speaker checks recorded this term.", 4: "New"}


def test_only_managers_record_visits_and_raise_actions(visit, viewer, contributor, client_for):
    for person in (viewer, contributor):
        client = client_for(person)
        assert client.get(visit.get_absolute_url()).status_code == 200
        assert "Raise the actions" not in html(client.get(visit.get_absolute_url()))
        assert client.get(visit_url("visit_edit", visit)).status_code == 403
        response = client.post(
            visit_url("visit_raise_actions", visit), raise_data(visit, [1], person)
        )
        assert response.status_code == 403
    assert not Action.unscoped.exists()
