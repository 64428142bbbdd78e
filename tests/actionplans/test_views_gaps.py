"""Turning a self-evaluation's gaps into actions through the page, and the actions shown
beside each benchmark on the respond page."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans.models import Action, ActionStatus
from actionplans.services import OWNER_PERMISSION
from assessments.services import assignment_set
from frameworks.models import Criterion
from tenancy.scope import tenant_scope
from tenancy.selectors import not_assignable_message
from tests.actionplans.factories import ActionFactory
from tests.actionplans.helpers import html, response_of, url
from tests.assessments.helpers import answer_all, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def gappy(org, subscribed, qm):
    """Every benchmark (C1.1, C1.2, C2.1) at level 3 on amber evidence: three gaps."""
    assessment = start(org, subscribed, qm)
    answer_all(assessment, qm, level=3, confidence="amber")
    return assessment


def gaps_url(assessment) -> str:
    return url("from_assessment", assessment.organisation, assessment_code=assessment.code)


def row_data(assessment, benchmark: str, owner, create=True, **fields) -> dict:
    prefix = f"gap-{response_of(assessment, benchmark).code}"
    values = {
        "title": f"Fix {benchmark}",
        "owner": owner.pk,
        "due_date": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "priority": "medium",
        **fields,
    }
    data = {f"{prefix}-{name}": value for name, value in values.items()}
    if create:
        data[f"{prefix}-create"] = "on"
    return data


def test_the_page_offers_each_gap_prefilled(org, gappy, qm, contributor, subscribed, client_for):
    c2 = Criterion.objects.get(version=subscribed, code="C2")
    with tenant_scope(org):
        assignment_set(assessment=gappy, criterion=c2, assignee=contributor)
    response = client_for(qm).get(gaps_url(gappy))
    assert response.status_code == 200
    page = html(response)
    assert page.count('type="checkbox" name="gap-') == 3
    assert page.count(" checked") >= 3
    c21 = response_of(gappy, "C2.1")
    assert (
        'value="C2.1: Extend the refresher to subcontractor staff."'
        in page.split(f'id="gap-{c21.code}"')[1]
    )
    forms = {
        row["suggestion"].response.benchmark.code: row["form"] for row in response.context["rows"]
    }
    assert forms["C2.1"].initial["owner"] == contributor.pk  # the criterion's assignee
    assert forms["C1.1"].initial["owner"] == qm.pk  # else the lead
    for form in forms.values():
        assert f'<label class="visually-hidden" for="{form["title"].id_for_label}">' in page


def test_confirming_creates_the_ticked_rows_only(org, gappy, qm, contributor, client_for):
    data = {
        **row_data(gappy, "C1.1", contributor, title="Name a Prevent lead", priority="high"),
        **row_data(gappy, "C1.2", qm),
        **row_data(gappy, "C2.1", qm, create=False, title=""),  # unticked: not validated
    }
    response = client_for(qm).post(gaps_url(gappy), data)
    assert response.status_code == 302
    assert response["Location"] == url("index", org)
    actions = {a.benchmark.code: a for a in Action.unscoped.filter(organisation=org)}
    assert set(actions) == {"C1.1", "C1.2"}
    lead = actions["C1.1"]
    assert (lead.title, lead.owner, lead.priority) == ("Name a Prevent lead", contributor, "high")
    assert lead.response == response_of(gappy, "C1.1")
    assert lead.description == "Extend the refresher to subcontractor staff."
    assert contributor.has_perm(OWNER_PERMISSION, lead)


def test_confirming_twice_creates_no_duplicates(org, gappy, qm, client_for):
    client = client_for(qm)
    data = {**row_data(gappy, "C1.1", qm), **row_data(gappy, "C2.1", qm)}
    assert client.post(gaps_url(gappy), data).status_code == 302
    again = client.post(gaps_url(gappy), data, follow=True)  # sent again, or a second tab
    assert "already in the plan; nothing was added twice" in html(again)
    assert Action.unscoped.filter(organisation=org).count() == 2
    # A stale page with one new and one already-added row adds only the new one.
    mixed = {**row_data(gappy, "C1.1", qm), **row_data(gappy, "C1.2", qm)}
    assert client.post(gaps_url(gappy), mixed).status_code == 302
    assert sorted(a.benchmark.code for a in Action.unscoped.filter(organisation=org)) == [
        "C1.1",
        "C1.2",
        "C2.1",
    ]


def test_gaps_with_an_action_show_it_instead_of_inputs(org, gappy, qm, client_for):
    client = client_for(qm)
    client.post(gaps_url(gappy), row_data(gappy, "C1.1", qm, title="Name a Prevent lead"))
    action = Action.unscoped.get()
    page = html(client.get(gaps_url(gappy)))
    assert page.count("Already in the plan") == 1
    row = page.split(f'id="gap-{response_of(gappy, "C1.1").code}"')[1].split("</tr>")[0]
    assert "<input" not in row and "<select" not in row
    assert f'href="{action.get_absolute_url()}"' in row
    assert page.count('type="checkbox" name="gap-') == 2


def test_a_ticked_row_with_bad_input_is_shown_again(org, gappy, qm, outsider, client_for):
    data = {
        **row_data(gappy, "C1.1", qm, title=""),
        **row_data(gappy, "C1.2", outsider),
        **row_data(gappy, "C2.1", qm, title="Kept as typed"),
    }
    response = client_for(qm).post(gaps_url(gappy), data)
    assert response.status_code == 400
    page = html(response)
    assert "Enter a title." in page
    assert not_assignable_message(org) in page
    assert 'value="Kept as typed"' in page
    assert not Action.unscoped.exists()


def test_nothing_ticked_says_so(org, gappy, qm, client_for):
    response = client_for(qm).post(gaps_url(gappy), row_data(gappy, "C1.1", qm, create=False))
    assert response.status_code == 400
    assert "Tick at least one suggestion" in html(response)


@pytest.mark.parametrize("who", ["contributor", "viewer", "leader"])
def test_only_managers_turn_gaps_into_actions(org, gappy, client_for, request, who):
    user = request.getfixturevalue(who)
    client = client_for(user)
    assert client.get(gaps_url(gappy)).status_code == 403
    assert client.post(gaps_url(gappy), row_data(gappy, "C1.1", user)).status_code == 403
    assert not Action.unscoped.exists()


def test_another_organisations_assessment_is_not_found(
    org, other_org, subscribed, qm, outsider, client_for
):
    theirs = start(other_org, subscribed, outsider)
    path = url("from_assessment", org, assessment_code=theirs.code)
    assert client_for(qm).get(path).status_code == 404


def test_the_assessment_pages_link_to_it_for_managers(org, gappy, qm, viewer, client_for):
    detail = reverse(
        "assessments:detail", kwargs={"org_slug": org.slug, "assessment_code": gappy.code}
    )
    summary = reverse(
        "assessments:summary", kwargs={"org_slug": org.slug, "assessment_code": gappy.code}
    )
    link = f'href="{gaps_url(gappy)}"'
    assert link in html(client_for(qm).get(detail))
    assert "Turn gaps into actions" in html(client_for(qm).get(detail))
    assert link in html(client_for(qm).get(summary))
    assert link not in html(client_for(viewer).get(detail))
    assert link not in html(client_for(viewer).get(summary))


# --- The respond page -------------------------------------------------------------------------


def respond_url(assessment, criterion: str) -> str:
    path = reverse(
        "assessments:respond",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )
    return f"{path}?criterion={criterion}"


def test_linked_actions_appear_beside_their_benchmark(
    org, gappy, qm, contributor, viewer, client_for
):
    c11 = response_of(gappy, "C1.1")
    action = ActionFactory(
        organisation=org,
        title="Name a Prevent lead",
        owner=contributor,
        response=c11,
        benchmark=c11.benchmark,
        status=ActionStatus.BLOCKED,
    )
    for user in (qm, viewer):
        page = html(client_for(user).get(respond_url(gappy, "C1")))
        card = page.split(f'id="response-{c11.code}"')[1].split("</article>")[0]
        assert f'href="{action.get_absolute_url()}">Name a Prevent lead</a>' in card
        assert "Casey Contributor" in card
        assert f"due {action.due_date.day} {action.due_date:%b %Y}" in card
        assert "tag-action-blocked" in card
        other = page.split(f'id="response-{response_of(gappy, "C1.2").code}"')[1]
        assert "Name a Prevent lead" not in other.split("</article>")[0]


def test_the_respond_page_query_count_does_not_grow_with_linked_actions(
    org, gappy, qm, contributor, colleague, client_for
):
    client = client_for(qm)
    path = respond_url(gappy, "C1")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    client.get(path)
    none = queries()
    for code in ("C1.1", "C1.2"):
        response = response_of(gappy, code)
        for n in range(5):
            ActionFactory(
                organisation=org,
                response=response,
                owner=[contributor, colleague][n % 2],
                title=f"{code} action {n}",
            )
    ten = queries()
    assert ten == none  # the one query runs whether or not there are any
    assert len(re.findall(r"action \d</a>", html(client.get(path)))) == 10


def test_a_benchmark_shows_its_first_five_actions_and_counts_the_rest(
    org, gappy, qm, contributor, client_for
):
    c11 = response_of(gappy, "C1.1")
    for n in range(8):
        ActionFactory(
            organisation=org, response=c11, owner=contributor, title=f"Step {n}", due_in=n
        )
    page = html(client_for(qm).get(respond_url(gappy, "C1")))
    card = page.split(f'id="response-{c11.code}"')[1].split("</article>")[0]
    assert re.findall(r">Step (\d)</a>", card) == ["0", "1", "2", "3", "4"]  # due first
    assert "3 more actions</a>" in card
    assert f"?criterion={c11.benchmark.criterion_id}" in card
