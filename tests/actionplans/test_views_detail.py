"""One action's page, recording progress (who may, and how "done" is completed), and the
create and edit forms with their tenant-safe choices."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actionplans.models import Action, ActionStatus, ProgressUpdate
from actionplans.services import OWNER_PERMISSION
from frameworks.models import Benchmark, Criterion, Framework
from frameworks.services import framework_load
from tenancy.scope import tenant_scope
from tenancy.selectors import not_assignable_message
from tests.actionplans.factories import ActionFactory, ProgressUpdateFactory
from tests.actionplans.helpers import action_url, html, response_of, url
from tests.assessments.helpers import answer_all, start
from tests.assessments.respond.helpers import code
from tests.evidence.factories import EvidenceItemFactory
from tests.frameworks.sample import sample
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


def progress_data(**fields) -> dict:
    return {
        "comment": "Trained the last three new starters.",
        "status": ActionStatus.IN_PROGRESS,
        "completed_on": "",
        "impact_note": "",
        **fields,
    }


@pytest.fixture
def mine(org, contributor):
    return ActionFactory(organisation=org, title="Casey's action", owner=contributor)


@pytest.fixture
def theirs(org, colleague):
    return ActionFactory(organisation=org, title="Robin's action", owner=colleague)


# --- The detail page --------------------------------------------------------------------------


def test_the_page_shows_the_action_its_links_evidence_updates_and_history(
    org, subscribed, qm, contributor, client_for
):
    assessment = start(org, subscribed, qm)
    answer_all(assessment, qm, level=3, confidence="amber")
    response = response_of(assessment, "C1.2")
    evidence = EvidenceItemFactory(organisation=org, title="Training register")
    action = ActionFactory(
        organisation=org,
        title="Review the policy",
        description="Take it to the board.",
        owner=contributor,
        benchmark=response.benchmark,
        criterion=response.benchmark.criterion,
        response=response,
        status=ActionStatus.DONE,
        impact_note="The board now reviews it every year.",
    )
    action.completion_evidence.add(evidence)
    ProgressUpdateFactory(action=action, author=contributor, comment="Board date agreed.")

    page = html(client_for(qm).get(action_url("detail", action)))

    assert "<h1>Review the policy</h1>" in page
    assert "Take it to the board." in page
    assert "<strong>C1</strong> Leadership" in page
    assert "<strong>C1.2</strong> Policies are reviewed yearly." in page
    respond = f"/o/{org.slug}/assessments/{assessment.code}/respond/"
    assert f'href="{respond}?criterion=C1#response-{response.code}"' in page
    assert "Training register" in page
    assert "The board now reviews it every year." in page
    assert "Board date agreed." in page
    assert "Casey Contributor" in page
    assert "Edit<span" in page


def test_the_history_lists_each_change_with_who_made_it(org, qm, contributor, client_for):
    client = client_for(qm)
    action = ActionFactory(organisation=org, owner=contributor, title="Before")
    form = {
        "title": "After",
        "description": "",
        "owner": contributor.pk,
        "due_date": (action.due_date + timedelta(days=7)).isoformat(),
        "priority": "high",
    }
    assert client.post(action_url("edit", action), form).status_code == 302
    page = html(client.get(action_url("detail", action)))
    history = page.split('id="history-heading"')[1]
    assert "<strong>Title</strong>: Before → After" in history
    assert "<strong>Priority</strong>: Medium → High" in history
    assert "Quinn Manager" in history
    assert "Added to the plan" in history


def test_another_organisations_action_is_not_found(org, other_org, qm, outsider, client_for):
    theirs = ActionFactory(organisation=other_org, owner=outsider)
    path = url("detail", org, action_code=theirs.code)
    assert client_for(qm).get(path).status_code == 404
    assert client_for(qm).post(url("progress", org, action_code=theirs.code)).status_code == 404


# --- Who may record progress ------------------------------------------------------------------


def test_a_contributor_updates_their_own_action(org, mine, contributor, client_for):
    client = client_for(contributor)
    assert 'id="progress"' in html(client.get(action_url("detail", mine)))
    response = client.post(action_url("progress", mine), progress_data())
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == ActionStatus.IN_PROGRESS
    update = ProgressUpdate.unscoped.get(action=mine)
    assert (update.author, update.comment) == (contributor, "Trained the last three new starters.")


def test_a_contributor_may_not_update_someone_elses_action(org, theirs, contributor, client_for):
    client = client_for(contributor)
    page = html(client.get(action_url("detail", theirs)))
    assert 'id="progress"' not in page
    assert "Record progress" not in page
    assert client.post(action_url("progress", theirs), progress_data()).status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == ActionStatus.NOT_STARTED
    assert not ProgressUpdate.unscoped.exists()


def test_the_rule_follows_the_permission_not_the_role(org, theirs, contributor, client_for):
    """Reassigning moves the per-object permission, and with it the right to update."""
    client = client_for(contributor)
    assert client.post(action_url("progress", theirs), progress_data()).status_code == 403
    with tenant_scope(org):
        from actionplans.services import action_update

        action_update(action=theirs, by=None, owner=contributor)
    assert client.post(action_url("progress", theirs), progress_data()).status_code == 302


@pytest.mark.parametrize("who", ["viewer", "leader"])
def test_readers_may_not_record_progress(org, mine, client_for, request, who):
    client = client_for(request.getfixturevalue(who))
    assert 'id="progress"' not in html(client.get(action_url("detail", mine)))
    assert client.post(action_url("progress", mine), progress_data()).status_code == 403


def test_a_quality_manager_updates_any_action(org, mine, theirs, qm, client_for):
    client = client_for(qm)
    for action in (mine, theirs):
        assert client.post(action_url("progress", action), progress_data()).status_code == 302


# --- Progress and completion -----------------------------------------------------------------


def test_the_completion_date_defaults_to_today(org, mine, contributor, client_for):
    page = html(client_for(contributor).get(action_url("detail", mine)))
    today = timezone.localdate().isoformat()
    assert f'name="completed_on" value="{today}"' in page


def test_done_needs_a_completion_date_and_keeps_what_was_typed(org, mine, contributor, client_for):
    response = client_for(contributor).post(
        action_url("progress", mine),
        progress_data(status="done", completed_on="", comment="All trained at last."),
    )
    assert response.status_code == 400
    assert "Enter the date the action was completed." in field_error_html(response, "completed_on")
    assert "All trained at last." in html(response)
    mine.refresh_from_db()
    assert mine.status == ActionStatus.NOT_STARTED


def test_done_cannot_be_completed_in_the_future(org, mine, contributor, client_for):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(contributor).post(
        action_url("progress", mine), progress_data(status="done", completed_on=tomorrow)
    )
    assert response.status_code == 400
    assert "cannot be in the future" in field_error_html(response, "completed_on")


def test_marking_done_records_date_evidence_impact_who_and_when(org, mine, contributor, client_for):
    evidence = EvidenceItemFactory(organisation=org, title="Training register")
    last_week = timezone.localdate() - timedelta(days=7)
    client = client_for(contributor)
    page = html(client.get(action_url("detail", mine)))
    assert "Training register" not in page  # the picker searches: it never lists the library
    response = client.post(
        action_url("progress", mine),
        progress_data(
            status="done",
            completed_on=last_week.isoformat(),
            impact_note="Staff now name the referral route.",
            completion_evidence=[code(evidence)],
        ),
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == ActionStatus.DONE
    assert mine.completed_on == last_week
    assert mine.impact_note == "Staff now name the referral route."
    assert list(mine.completion_evidence.all()) == [evidence]
    update = ProgressUpdate.unscoped.get(action=mine)
    assert update.author == contributor and update.status == ActionStatus.DONE
    assert mine.history.order_by("-history_date").first().history_user == contributor
    page = html(client.get(action_url("detail", mine)))
    assert "Done on" in page
    assert "Casey Contributor</strong>" in page


def test_evidence_from_another_organisation_is_refused(
    org, other_org, mine, contributor, client_for
):
    theirs = EvidenceItemFactory(organisation=other_org, title="Their register")
    response = client_for(contributor).post(
        action_url("progress", mine),
        progress_data(status="done", completed_on="", completion_evidence=[code(theirs)]),
    )
    assert response.status_code == 400
    assert "Their register" not in html(response)
    assert not mine.completion_evidence.exists()


def test_a_progress_comment_is_required(org, mine, contributor, client_for):
    response = client_for(contributor).post(
        action_url("progress", mine), progress_data(comment=" ")
    )
    assert response.status_code == 400
    assert "Say what has happened" in field_error_html(response, "comment")


# --- Create and edit --------------------------------------------------------------------------


def plan_form(**fields) -> dict:
    return {
        "title": "Train the new starters",
        "description": "Before half term.",
        "due_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "priority": "high",
        **fields,
    }


def test_a_quality_manager_adds_an_action(org, subscribed, qm, contributor, client_for):
    c1 = Criterion.objects.get(version=subscribed, code="C1")
    b12 = Benchmark.objects.get(version=subscribed, code="C1.2")
    response = client_for(qm).post(
        url("create", org), plan_form(owner=contributor.pk, criterion=c1.pk, benchmark=b12.pk)
    )
    action = Action.unscoped.get(organisation=org)
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()
    assert (action.title, action.owner, action.priority) == (
        "Train the new starters",
        contributor,
        "high",
    )
    assert (action.criterion, action.benchmark, action.created_by) == (c1, b12, qm)
    assert contributor.has_perm(OWNER_PERMISSION, action)


def test_a_benchmark_alone_fills_in_its_criterion(org, subscribed, qm, client_for):
    b21 = Benchmark.objects.get(version=subscribed, code="C2.1")
    client_for(qm).post(url("create", org), plan_form(owner=qm.pk, benchmark=b21.pk))
    assert Action.unscoped.get().criterion.code == "C2"


def test_an_owner_from_another_organisation_is_a_form_error(org, qm, outsider, client_for):
    response = client_for(qm).post(url("create", org), plan_form(owner=outsider.pk))
    assert response.status_code == 400
    assert not_assignable_message(org) in field_error_html(response, "owner")
    assert 'value="Train the new starters"' in html(response)
    assert outsider.name not in html(response)
    assert not Action.unscoped.exists()


def test_only_criteria_of_subscribed_frameworks_may_be_chosen(org, subscribed, qm, client_for):
    other, _ = framework_load(text=sample("1.0", **{"sample-framework": "other-framework"}))
    assert Framework.objects.get(slug="other-framework").pk != subscribed.framework_id
    foreign = Criterion.objects.get(version=other, code="C1")
    client = client_for(qm)
    offered = client.get(url("create", org)).context["form"].fields["criterion"].queryset
    assert {c.version_id for c in offered} == {subscribed.pk}
    response = client.post(url("create", org), plan_form(owner=qm.pk, criterion=foreign.pk))
    assert response.status_code == 400
    assert "framework your organisation uses" in field_error_html(response, "criterion")


def test_a_benchmark_must_belong_to_the_chosen_criterion(org, subscribed, qm, client_for):
    c1 = Criterion.objects.get(version=subscribed, code="C1")
    b21 = Benchmark.objects.get(version=subscribed, code="C2.1")
    response = client_for(qm).post(
        url("create", org), plan_form(owner=qm.pk, criterion=c1.pk, benchmark=b21.pk)
    )
    assert response.status_code == 400
    assert "Choose a benchmark of C1" in field_error_html(response, "benchmark")


def test_bad_input_shows_errors_next_to_the_fields(org, qm, client_for):
    response = client_for(qm).post(
        url("create", org), plan_form(title="", due_date="31/02/2027", owner="")
    )
    assert response.status_code == 400
    assert "Enter a title." in field_error_html(response, "title")
    assert "Enter a real date" in field_error_html(response, "due_date")
    assert "Choose who owns the action." in field_error_html(response, "owner")
    assert "Before half term." in html(response)


def test_editing_changes_the_plan_and_moves_the_owners_permission(
    org, mine, qm, contributor, colleague, client_for
):
    client = client_for(qm)
    page = html(client.get(action_url("edit", mine)))
    assert 'value="Casey&#x27;s action"' in page
    response = client.post(action_url("edit", mine), plan_form(title="Renamed", owner=colleague.pk))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.title, mine.owner) == ("Renamed", colleague)
    contributor = type(contributor).objects.get(pk=contributor.pk)
    assert not contributor.has_perm(OWNER_PERMISSION, mine)
    assert colleague.has_perm(OWNER_PERMISSION, mine)


def test_editing_to_an_outside_owner_is_refused(org, mine, qm, contributor, outsider, client_for):
    response = client_for(qm).post(action_url("edit", mine), plan_form(owner=outsider.pk))
    assert response.status_code == 400
    mine.refresh_from_db()
    assert mine.owner == contributor


@pytest.mark.parametrize("who", ["contributor", "viewer", "leader"])
def test_only_quality_managers_create_and_edit(org, mine, client_for, request, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url("create", org)).status_code == 403
    assert client.get(action_url("edit", mine)).status_code == 403
    assert client.post(action_url("edit", mine), plan_form(title="x")).status_code == 403
    assert "Edit<span" not in html(client.get(action_url("detail", mine)))
