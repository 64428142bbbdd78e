"""The log's rules: tests with failures say what got through and raise one owned action, monitoring
counts add up and are one record per term, and only a senior leader signs off the review."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from actionplans.models import Action, Priority
from filtering.models import FilteringTest, MonitoringTerm, Tool
from filtering.services import (
    ActionRequest,
    MonitoringCounts,
    filtering_review_sign_off,
    filtering_test_raise_action,
    monitoring_record,
)
from registers.base import a_year_after
from registers.terms import previous_term, term_of
from tenancy.scope import tenant_scope
from tests.clock import TODAY
from tests.filtering.conftest import make_monitoring, make_review, make_test

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_a_test_with_failures_raises_its_owned_action_in_one_step(org, qm):
    test = make_test(org, qm, failed=True, action=True)
    with tenant_scope(org):
        action = Action.objects.get(source_key=f"filtering-test:{test.code}")
        assert FilteringTest.objects.get(pk=test.pk).action == action
    assert action.owner == qm
    assert action.priority == Priority.HIGH
    assert action.due_date == TODAY + timedelta(days=30)
    assert "Main campus learner Wi-Fi" in action.title
    assert "Two self-harm sites loaded" in action.description


def test_raising_the_action_twice_gives_the_same_action(org, qm):
    test = make_test(org, qm, failed=True)
    request = ActionRequest(owner=qm, due_date=TODAY + timedelta(days=7))
    with tenant_scope(org):
        first = filtering_test_raise_action(test=test, by=qm, request=request)
        second = filtering_test_raise_action(
            test=FilteringTest.objects.get(pk=test.pk), by=qm, request=request
        )
        assert first == second
        assert Action.objects.count() == 1


def test_failures_must_say_what_got_through_and_what_was_done(org, qm):
    with pytest.raises(ValidationError) as caught:
        make_test(org, qm, failed=True, failures=" ", action_taken="")
    assert set(caught.value.message_dict) == {"failures", "action_taken"}


def test_an_all_blocked_test_keeps_no_failures_and_needs_no_action(org, qm):
    test = make_test(org, qm, failures="stray text", action_taken="also")
    assert (test.failures, test.action_taken) == ("", "")
    with pytest.raises(ValidationError, match="no failures"), tenant_scope(org):
        filtering_test_raise_action(
            test=test, by=qm, request=ActionRequest(owner=qm, due_date=TODAY)
        )
    with pytest.raises(ValidationError, match="Only a test with failures"):
        make_test(org, qm, action=True)


def test_other_tool_future_dates_and_unknown_categories_are_refused(org, qm):
    with pytest.raises(ValidationError) as caught:
        make_test(
            org,
            qm,
            days_ago=-1,
            tool=Tool.OTHER,
            tool_other="",
            categories=["csam", "made_up"],
        )
    assert set(caught.value.message_dict) == {"tested_on", "tool_other", "categories"}
    with pytest.raises(ValidationError, match="at least one category"):
        make_test(org, qm, categories=[])


def test_the_tester_and_action_owner_must_be_members(org, qm, outsider):
    with pytest.raises(ValidationError, match="member"):
        make_test(org, qm, tested_by=outsider)
    test = make_test(org, qm, failed=True)
    with pytest.raises(ValidationError, match="member"), tenant_scope(org):
        filtering_test_raise_action(
            test=test, by=qm, request=ActionRequest(owner=outsider, due_date=TODAY)
        )


def test_categories_are_kept_in_the_list_order(org, qm):
    test = make_test(org, qm, categories=["adult", "csam", "adult"])
    assert test.categories == ["csam", "adult"]
    assert test.category_labels[0].startswith("Illegal content")


def test_monitoring_is_one_record_per_term_corrected_with_history(org, qm):
    term = previous_term(term_of(TODAY))
    make_monitoring(org, qm, term, reviewed=40)
    record = make_monitoring(org, qm, term, reviewed=45)
    with tenant_scope(org):
        assert MonitoringTerm.objects.count() == 1
        assert record.history.count() == 2
    assert (record.alerts_reviewed, record.no_action_needed) == (45, 15)


def test_monitoring_outcomes_cannot_exceed_the_alerts_reviewed(org, qm):
    with pytest.raises(ValidationError, match="add up to 30, more than"):
        make_monitoring(
            org, qm, term_of(TODAY), reviewed=29, escalated=10, false_positives=20, followed=0
        )


def test_monitoring_cannot_be_recorded_for_a_term_not_started(org, qm):
    next_term = term_of(term_of(TODAY).end + timedelta(days=1))
    with pytest.raises(ValidationError, match="not started"), tenant_scope(org):
        monitoring_record(
            organisation=org, by=qm, term=next_term, counts=MonitoringCounts(1, 0, 0, 0, 0)
        )


def test_the_review_names_its_people_and_is_due_within_a_year(org, qm, leader):
    review = make_review(org, qm, owner=leader)
    assert review.senior_leader == leader.display_name
    assert review.next_review_date == a_year_after(review.reviewed_on)
    with pytest.raises(ValidationError) as caught:
        make_review(org, qm, senior_leader_name=" ", governor_name="")
    assert set(caught.value.message_dict) == {"owner", "governor_name"}
    with pytest.raises(ValidationError, match="at least once a year"):
        make_review(org, qm, next_review_date=TODAY + timedelta(days=400))
    with pytest.raises(ValidationError, match="future"):
        make_review(org, qm, days_ago=-2)


def test_only_a_senior_leader_signs_off_and_the_first_signature_stays(org, qm, leader, viewer):
    review = make_review(org, qm)
    with tenant_scope(org):
        for nobody in (qm, viewer):
            with pytest.raises(ValidationError, match="Only a senior leader"):
                filtering_review_sign_off(review=review, by=nobody)
        signed = filtering_review_sign_off(review=review, by=leader)
        again = filtering_review_sign_off(review=review, by=leader)
    assert signed.signed_off_by == leader
    assert again.signed_off_at == signed.signed_off_at


def test_a_senior_leader_of_another_organisation_cannot_sign_off(org, other_org, qm):
    from tenancy.roles import Role
    from tests.conftest import member_of

    elsewhere = member_of(other_org, Role.SENIOR_LEADER)
    review = make_review(org, qm)
    with tenant_scope(org), pytest.raises(ValidationError, match="Only a senior leader"):
        filtering_review_sign_off(review=review, by=elsewhere)
