"""The log's pages: recording a test whose failures become an action in one step, monitoring and
the annual review with its sign-off; bad input beside the field; lists paginated at a constant
number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import Action
from filtering.models import FilteringReview, FilteringTest, MonitoringTerm
from registers.terms import previous_term, term_of
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.clock import TODAY
from tests.conftest import member_of
from tests.filtering.conftest import make_monitoring, make_review, make_test

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def url(org, name, **kwargs):
    return reverse(f"filtering:{name}", kwargs={"org_slug": org.slug, **kwargs})


def failed_test_post(qm, **overrides):
    data = {
        "tested_on": (TODAY - timedelta(days=1)).isoformat(),
        "site": "Guest Wi-Fi",
        "tested_by": qm.pk,
        "tool": "swgfl",
        "categories": ["csam", "terrorism", "self_harm"],
        "result": "some_failures",
        "failures": "Self-harm test sites loaded on the guest network.",
        "action_taken": "Ticket raised with the filtering provider.",
        "raise_action": "on",
        "action_owner": qm.pk,
        "action_due": (TODAY + timedelta(days=14)).isoformat(),
    }
    data.update(overrides)
    return data


def test_recording_a_failed_test_puts_its_action_in_the_plan_in_one_step(org, qm, client_for):
    response = client_for(qm).post(url(org, "test_create"), failed_test_post(qm), follow=True)
    assert response.status_code == 200
    with tenant_scope(org):
        test = FilteringTest.objects.get()
        action = Action.objects.get()
    assert test.action == action and action.owner == qm
    assert action.due_date == TODAY + timedelta(days=14)
    assert "is in the action plan" in response.content.decode()
    assert response.redirect_chain[-1][0] == test.get_absolute_url()


def test_bad_input_is_shown_beside_its_field_and_nothing_typed_is_lost(org, qm, client_for):
    data = failed_test_post(
        qm, failures="", action_owner="", action_due="31/02/2027", tool="other", tool_other=""
    )
    response = client_for(qm).post(url(org, "test_create"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["failures"] == ["Say what got through the filter."]
    assert form.errors["action_owner"] == ["Choose who owns the action."]
    assert form.errors["action_due"] == ["Enter a real date, for example 31/3/2027."]
    assert form.errors["tool_other"] == ["Name the tool you used."]
    page = response.content.decode()
    assert "Ticket raised with the filtering provider." in page
    assert 'id="id_failures_error"' in page
    with tenant_scope(org):
        assert not FilteringTest.objects.exists()


def test_a_future_date_and_no_categories_are_refused(org, qm, client_for):
    data = failed_test_post(qm, tested_on=(TODAY + timedelta(days=3)).isoformat(), categories=[])
    response = client_for(qm).post(url(org, "test_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["tested_on"] == ["A test cannot be dated in the future."]
    assert "categories" in response.context["form"].errors


def test_a_nul_character_never_breaks_the_form(org, qm, client_for):
    response = client_for(qm).post(url(org, "test_create"), failed_test_post(qm, site="Wi\x00Fi"))
    assert response.status_code == 400
    with tenant_scope(org):
        assert not FilteringTest.objects.exists()


def test_raising_the_action_later_twice_makes_one_action(org, qm, client_for):
    test = make_test(org, qm, failed=True)
    client = client_for(qm)
    target = url(org, "test_raise_action", test_code=test.code)
    data = {"action-owner": qm.pk, "action-due_date": (TODAY + timedelta(days=5)).isoformat()}
    assert client.post(target, data).status_code == 302
    assert client.post(target, data).status_code == 302  # a double click
    with tenant_scope(org):
        assert Action.objects.count() == 1
    missing = client.post(target, {"action-owner": "", "action-due_date": ""})
    assert missing.status_code == 400
    assert missing.context["action_form"].errors["owner"] == ["Choose who owns the action."]


def test_raising_an_action_with_bad_input_says_so_beside_the_field(org, qm, client_for):
    test = make_test(org, qm, failed=True)
    response = client_for(qm).post(
        url(org, "test_raise_action", test_code=test.code),
        {"action-owner": "", "action-due_date": "soon"},
    )
    assert response.status_code == 400
    form = response.context["action_form"]
    assert form.errors["owner"] == ["Choose who owns the action."]
    assert form.errors["due_date"] == ["Enter a real date, for example 31/3/2027."]


def test_monitoring_is_recorded_for_a_term_and_prefilled_to_correct(org, qm, client_for):
    client = client_for(qm)
    last_term = previous_term(term_of(TODAY))
    data = {
        "term": last_term.start.isoformat(),
        "alerts_reviewed": "40",
        "escalated_to_dsl": "2",
        "false_positives": "21",
        "followed_up_by_staff": "9",
        "rule_changes": "1",
        "changes_made": "Added the updated keyword list.",
    }
    assert client.post(url(org, "monitoring_record"), data).status_code == 302
    with tenant_scope(org):
        record = MonitoringTerm.objects.get()
    assert (record.term_start, record.no_action_needed) == (last_term.start, 8)
    page = client.get(url(org, "monitoring_record"), {"term": last_term.start.isoformat()})
    assert page.context["form"].initial["alerts_reviewed"] == 40


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("alerts_reviewed", "99999999999999999999", "Enter a number up to 1,000,000."),
        ("alerts_reviewed", "many", "Enter a whole number, for example 12."),
        ("false_positives", "-1", "Enter 0 or more."),
        ("alerts_reviewed", "5", "Escalated, false positives and followed up add up to 12"),
        ("term", "2031-09-01", "Select a valid choice."),
    ],
)
def test_odd_monitoring_figures_are_refused_beside_the_field(
    org, qm, client_for, field, value, message
):
    data = {
        "term": term_of(TODAY).start.isoformat(),
        "alerts_reviewed": "20",
        "escalated_to_dsl": "2",
        "false_positives": "6",
        "followed_up_by_staff": "4",
        "rule_changes": "0",
        field: value,
    }
    response = client_for(qm).post(url(org, "monitoring_record"), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    with tenant_scope(org):
        assert not MonitoringTerm.objects.exists()


def test_the_review_is_recorded_and_signed_off_by_a_senior_leader(org, qm, leader, client_for):
    data = {
        "reviewed_on": (TODAY - timedelta(days=2)).isoformat(),
        "owner": leader.pk,
        "governor_name": "Helen Marsh",
        "outcome": "changes",
        "changes": "Guest Wi-Fi onto the learner policy.",
        "next_review_date": (TODAY + timedelta(days=300)).isoformat(),
    }
    response = client_for(qm).post(url(org, "review_create"), data)
    assert response.status_code == 302
    with tenant_scope(org):
        review = FilteringReview.objects.get()
    page = client_for(leader).get(review.get_absolute_url()).content.decode()
    assert "Sign off the review" in page
    signed = client_for(leader).post(url(org, "review_sign_off", filtering_review_code=review.code))
    assert signed.status_code == 302
    review.refresh_from_db()
    assert review.signed_off_by == leader and review.signed_off_at is not None
    assert (
        "Sign off the review" not in client_for(qm).get(review.get_absolute_url()).content.decode()
    )


def test_the_review_needs_a_named_senior_leader_and_governor(org, qm, client_for):
    data = {
        "reviewed_on": TODAY.isoformat(),
        "owner": "",
        "senior_leader_name": "",
        "governor_name": "",
        "outcome": "meets",
        "next_review_date": (TODAY + timedelta(days=500)).isoformat(),
    }
    response = client_for(qm).post(url(org, "review_create"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["owner"] == ["Choose or name the senior leader responsible."]
    assert errors["governor_name"] == ["Name the governor or director responsible."]
    data.update(senior_leader_name="Dr Sam Principal", governor_name="Helen Marsh")
    response = client_for(qm).post(url(org, "review_create"), data)
    assert response.context["form"].errors["next_review_date"] == [
        "Review at least once a year: choose a date within a year."
    ]


def test_the_lists_are_paginated(org, qm, client_for):
    for i in range(27):
        make_test(org, qm, days_ago=i, site=f"Site {i}")
    client = client_for(qm)
    first = client.get(url(org, "tests"))
    assert first.context["page"].paginator.num_pages == 2
    second = client.get(url(org, "tests"), {"page": "2", "result": "all_blocked"})
    assert len(second.context["page"].object_list) == 2
    assert client.get(url(org, "tests"), {"page": "abc", "result": "nonsense"}).status_code == 200
    odd = client.get(url(org, "tests"), {"result": "\x00"})  # an odd filter is ignored
    assert odd.status_code == 200 and odd.context["page"].paginator.count == 27


def _grow(org, qm, n, start):
    people = [member_of(org, Role.CONTRIBUTOR) for _ in range(2)]
    term = previous_term(term_of(TODAY))
    for _ in range(start):
        term = previous_term(term)
    for i in range(start, start + n):
        make_test(
            org,
            people[i % 2],
            days_ago=i + 1,
            site=f"Site {i}",
            failed=i % 2 == 0,
            action=i % 4 == 0,
        )
        make_review(org, qm, days_ago=i + 1, owner=people[i % 2] if i % 3 else None)
        make_monitoring(org, people[i % 2], term)
        term = previous_term(term)


def _pages(org):
    with tenant_scope(org):
        test = FilteringTest.objects.order_by("pk")[0]
        review = FilteringReview.objects.order_by("pk")[0]
    return [
        url(org, "tests"),
        url(org, "tests") + "?result=some_failures",
        url(org, "monitoring"),
        url(org, "reviews"),
        url(org, "test", test_code=test.code),
        url(org, "review", filtering_review_code=review.code),
        url(org, "test_create"),
        url(org, "monitoring_record"),
    ]


def test_pages_cost_the_same_queries_at_two_sizes(org, qm, client_for):
    client = client_for(qm)
    _grow(org, qm, 3, 0)

    def counts():
        result = []
        for page in _pages(org):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(page).status_code == 200
            result.append(len(captured))
        return result

    small = counts()
    _grow(org, qm, 12, 3)
    assert counts() == small
