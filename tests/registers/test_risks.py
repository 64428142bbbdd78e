"""The risk register's rules: derived ratings, reviews with history, further action -> action."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from actionplans.models import Action
from registers.base import rating_for
from registers.models import Risk, RiskReview
from registers.services import risk_raise_action, risk_review, risk_update
from registers.services.risks import ReviewEntry
from tenancy.scope import tenant_scope
from tests.registers.conftest import make_risk

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("score", "rating"),
    [(1, "low"), (4, "low"), (5, "medium"), (12, "medium"), (15, "high"), (25, "high")],
)
def test_ratings_are_banded_from_the_score(score, rating):
    assert rating_for(score) == rating


def test_a_risk_rates_itself_before_and_after_controls(org, qm):
    risk = make_risk(org, qm, likelihood=4, impact=5, residual_likelihood=2, residual_impact=5)
    assert (risk.score, risk.rating) == (20, "high")
    assert (risk.residual_score, risk.residual_rating) == (10, "medium")


def test_controls_cannot_make_a_risk_worse(org, qm):
    with pytest.raises(ValidationError, match="cannot be higher"):
        make_risk(org, qm, likelihood=2, impact=2, residual_likelihood=3, residual_impact=3)


def test_the_lead_officer_must_be_a_member(org, qm, outsider):
    with pytest.raises(ValidationError, match="member"):
        make_risk(org, qm, owner=outsider)


def test_a_review_sets_the_scores_and_next_date_and_keeps_history(org, qm, today):
    risk = make_risk(org, qm)
    with tenant_scope(org):
        risk_review(
            risk=risk,
            by=qm,
            entry=ReviewEntry(
                reviewed_on=today,
                notes="Filtering tested; fewer alerts.",
                likelihood=3,
                impact=4,
                residual_likelihood=2,
                residual_impact=3,
                next_review_date=today + timedelta(days=180),
                after_incident=True,
                incident_summary="An alert for extremist content on the guest network.",
            ),
        )
        risk.refresh_from_db()
        assert (risk.likelihood, risk.residual_likelihood) == (3, 2)
        assert risk.last_reviewed_on == today
        assert risk.next_review_date == today + timedelta(days=180)
        review = RiskReview.objects.get(risk=risk)
        assert review.after_incident and review.reviewed_by == qm
        assert risk.history.count() == 2
        assert risk.history.first().history_user == qm


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"next_review_date_offset": 0}, "after this one"),
        ({"reviewed_offset": 1}, "future"),
        ({"after_incident": True, "incident_summary": ""}, "incident"),
    ],
)
def test_a_review_refuses_odd_dates_and_a_silent_incident(org, qm, today, change, message):
    risk = make_risk(org, qm)
    reviewed_on = today + timedelta(days=change.pop("reviewed_offset", 0))
    next_offset = change.pop("next_review_date_offset", 90)
    entry = ReviewEntry(
        reviewed_on=reviewed_on,
        notes="Reviewed",
        likelihood=3,
        impact=3,
        residual_likelihood=2,
        residual_impact=2,
        next_review_date=reviewed_on + timedelta(days=next_offset),
        **change,
    )
    with tenant_scope(org), pytest.raises(ValidationError, match=message):
        risk_review(risk=risk, by=qm, entry=entry)
    assert not RiskReview.unscoped.exists()


def test_further_action_becomes_one_owned_action_linked_both_ways(org, qm, contributor, today):
    risk = make_risk(org, qm)
    with tenant_scope(org):
        action = risk_raise_action(risk=risk, by=qm, owner=contributor)
        again = risk_raise_action(risk=Risk.objects.get(pk=risk.pk), by=qm)
        assert again == action
        assert Action.objects.count() == 1
        assert action.owner == contributor
        assert action.source_key == f"risk:{risk.code}"
        assert list(action.risks.all()) == [risk]
        assert Risk.objects.get(pk=risk.pk).action == action
        assert contributor.has_perm("actionplans.change_action", action)


def test_a_risk_without_further_action_raises_nothing(org, qm):
    risk = make_risk(org, qm, further_action="")
    with tenant_scope(org), pytest.raises(ValidationError, match="further action"):
        risk_raise_action(risk=risk, by=qm)
    assert not Action.unscoped.exists()


def test_update_checks_the_same_rules(org, qm):
    risk = make_risk(org, qm)
    with tenant_scope(org), pytest.raises(ValidationError):
        risk_update(risk=risk, by=qm, residual_likelihood=5, residual_impact=5)
