"""An evidence pack grows with its self-evaluation, not with the organisation's history: the
change appendix has one row per benchmark (first and final judgement), and the action section
holds the self-evaluation's own actions with only counts of the rest."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import ActionStatus
from assessments.services import ResponseChange, response_save
from reporting.packs import build_pack_context, judgement_changes
from tenancy.scope import tenant_scope
from tests.actionplans.factories import ActionFactory
from tests.assessments.helpers import answer_all, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(org, subscribed, member):
    return start(org, subscribed, member)


def save(response, user, level: int, confidence: str) -> None:
    response.refresh_from_db()
    response_save(
        response=response,
        change=ResponseChange(level=level, confidence=confidence),
        expected_revision=response.revision,
        by=user,
    )


def test_the_appendix_gives_each_benchmark_its_first_and_final_judgement(
    org, assessment, member, qm
):
    answer_all(assessment, member, level=3, confidence="amber")
    first = assessment.responses.order_by("pk").first()
    with tenant_scope(org):
        for level in (2, 2, 1):  # autosave, autosave, final
            save(first, qm, level, "green")

    changes = judgement_changes(assessment)

    assert len(changes) == assessment.responses.count()  # one row per benchmark
    row = next(c for c in changes if c["first"]["benchmark__code"] == first.benchmark.code)
    assert (row["first"]["level"], row["first"]["confidence"]) == (3, "amber")
    assert (row["final"]["level"], row["final"]["confidence"]) == (1, "green")
    assert row["first"]["updated_by__email"] == member.email
    assert row["final"]["updated_by__email"] == qm.email
    assert row["saves"] == 4 and row["changed"]
    untouched = next(c for c in changes if c["first"]["benchmark__code"] != first.benchmark.code)
    assert untouched["saves"] == 1 and not untouched["changed"]


def test_the_appendix_query_count_does_not_grow_with_autosaves(org, assessment, member):
    answer_all(assessment, member)
    with CaptureQueriesContext(connection) as few:
        judgement_changes(assessment)
    with tenant_scope(org):
        for response in assessment.responses.all():
            for level in (1, 2, 3):
                save(response, member, level, "green")
    with CaptureQueriesContext(connection) as many:
        changes = judgement_changes(assessment)
    assert len(many) == len(few) == 2
    assert all(c["saves"] == 4 for c in changes)


def test_the_action_section_holds_the_assessments_own_actions_and_counts_the_rest(
    org, assessment, member
):
    response = assessment.responses.order_by("pk").first()
    own = ActionFactory(organisation=org, response=response, title="From this self-evaluation")
    ActionFactory(organisation=org, title="Older, still open", due_in=-3)
    ActionFactory(organisation=org, title="Older, open", due_in=10)
    ActionFactory(organisation=org, title="Older, done", status=ActionStatus.DONE)

    with tenant_scope(org):
        context = build_pack_context(assessment)

    assert context["actions"] == [own]
    assert context["other_actions"] == {"total": 3, "open": 2, "overdue": 1}
