"""The respond page of a self-evaluation: one form per benchmark of the criterion, who may
answer what on it, and a signed-off assessment that is read-only."""

import re

import pytest

from assessments.models import Status
from assessments.services import (
    ResponseChange,
    assessment_approve,
    assessment_submit,
    assignment_set,
    response_save,
)
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.assessments.helpers import answer_all, start
from tests.assessments.respond.helpers import (
    HTMX,
    count_forms,
    form_data,
    member_of,
    respond_url,
    response_of,
    text,
    update_url,
)

pytestmark = pytest.mark.django_db


# --- The page -------------------------------------------------------------------------------


def test_a_quality_manager_gets_one_form_per_benchmark_of_the_criterion(assessment, qm_client):
    page = qm_client.get(respond_url(assessment, "C1"))

    assert page.status_code == 200
    body = text(page)
    assert count_forms(body) == 2
    for code in ("C1.1", "C1.2"):
        response = response_of(assessment, code)
        assert f'id="response-{response.code}"' in body
        assert f'name="r-{response.code}-level"' in body
        assert f'action="{update_url(response)}#response-{response.code}"' in body
    assert "C2.1" not in re.sub(r"<nav.*?</nav>", "", body, flags=re.S)
    assert "0 of 3 benchmarks answered" in body


def test_without_a_criterion_the_page_opens_the_first_one(assessment, qm_client):
    page = qm_client.get(respond_url(assessment))
    assert page.status_code == 200
    assert count_forms(text(page)) == 2
    assert "<h1>C1 Leadership</h1>" in text(page)


def test_a_viewer_reads_the_responses_without_a_form(
    org, member, readonly_member, assessment, client_for
):
    response = response_of(assessment, "C1.1")
    with tenant_scope(org):
        response_save(
            response=response,
            change=ResponseChange(level=2, confidence="green", strengths="Leaders own it well."),
            expected_revision=0,
            by=member,
        )

    page = client_for(readonly_member).get(respond_url(assessment, "C1"))

    assert page.status_code == 200
    body = text(page)
    assert count_forms(body) == 0
    assert "<textarea" not in body
    assert body.count('class="readonly-response"') == 2
    assert "<dd>2 Established</dd>" in body
    assert "<dd>Robust</dd>" in body
    assert "Leaders own it well." in body


def test_an_unknown_criterion_is_not_found(assessment, qm_client):
    assert qm_client.get(respond_url(assessment, "C9")).status_code == 404


# --- Who may answer -------------------------------------------------------------------------


def test_a_contributor_answers_only_the_criteria_assigned_to_them(
    org, assessment, contributor, client_for, subscribed
):
    with tenant_scope(org):
        assignment_set(
            assessment=assessment,
            criterion=subscribed.criteria.get(code="C1"),
            assignee=contributor,
        )
    client = client_for(contributor)
    assigned, unassigned = response_of(assessment, "C1.1"), response_of(assessment, "C2.1")

    ok = client.post(
        update_url(assigned), form_data(assigned, level="2", confidence="green"), **HTMX
    )
    assert ok.status_code == 200
    stored = response_of(assessment, "C1.1")
    assert (stored.level, stored.updated_by) == (2, contributor)

    refused = client.post(
        update_url(unassigned), form_data(unassigned, level="2", confidence="green"), **HTMX
    )
    assert refused.status_code == 403
    assert response_of(assessment, "C2.1").revision == 0

    # The page shows forms only where they may answer.
    assert count_forms(text(client.get(respond_url(assessment, "C1")))) == 2
    other = text(client.get(respond_url(assessment, "C2")))
    assert count_forms(other) == 0
    assert "assigned to someone else" in other


def test_a_viewer_may_not_save(assessment, readonly_member, client_for):
    response = response_of(assessment, "C1.1")
    refused = client_for(readonly_member).post(
        update_url(response), form_data(response, level="2", confidence="green"), **HTMX
    )
    assert refused.status_code == 403
    assert response_of(assessment, "C1.1").revision == 0


def test_a_contributor_who_leads_the_assessment_answers_everything(
    org, contributor, subscribed, client_for
):
    led = start(org, subscribed, contributor)
    client = client_for(contributor)
    for code in ("C1.1", "C2.1"):
        response = response_of(led, code)
        saved = client.post(
            update_url(response), form_data(response, level="1", confidence="green"), **HTMX
        )
        assert saved.status_code == 200, code
        assert response_of(led, code).updated_by == contributor
    assert count_forms(text(client.get(respond_url(led, "C2")))) == 1


def test_an_outsider_is_told_nothing(assessment, outsider, client_for):
    response = response_of(assessment, "C1.1")
    client = client_for(outsider)
    assert client.get(respond_url(assessment, "C1")).status_code == 404
    refused = client.post(update_url(response), form_data(response, level="2"), **HTMX)
    assert refused.status_code == 404
    assert response_of(assessment, "C1.1").revision == 0


# --- A signed-off assessment ----------------------------------------------------------------


@pytest.fixture
def approved(org, member, assessment):
    leader = member_of(org, Role.SENIOR_LEADER, "Lee Leader")
    answer_all(assessment, member)
    with tenant_scope(org):
        assessment_submit(assessment=assessment, by=member)
        return assessment_approve(assessment=assessment, by=leader, checks_acknowledged=True)


def test_an_approved_assessment_refuses_saves(approved, qm_client):
    assert approved.status == Status.APPROVED
    response = response_of(approved, "C1.1")

    refused = qm_client.post(
        update_url(response),
        form_data(response, level="4", confidence="red", strengths="Changed after sign-off."),
        **HTMX,
    )

    assert refused.status_code == 409
    assert "no longer open" in text(refused)
    assert f'id="status-{response.code}"' in text(refused)
    stored = response_of(approved, "C1.1")
    assert (stored.level, stored.revision) == (2, 1)

    redirected = qm_client.post(
        update_url(response), form_data(response, level="4", confidence="red")
    )
    assert redirected.status_code == 302
    assert "no longer open" in text(qm_client.get(redirected["Location"]))
    assert response_of(approved, "C1.1").level == 2


def test_an_approved_assessment_is_read_only_on_the_page(approved, qm_client):
    body = text(qm_client.get(respond_url(approved, "C1")))
    assert count_forms(body) == 0
    assert body.count('class="readonly-response"') == 2
    assert "This self-evaluation is approved and read-only." in body
    assert "<dd>2 Established</dd>" in body
