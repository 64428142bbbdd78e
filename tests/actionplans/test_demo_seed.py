"""The demo action plans: both providers get a realistic plan (which the isolation and role
tests rely on), and seeding again adds nothing."""

import pytest
from django.utils import timezone

from actionplans.models import Action, ActionStatus, ProgressUpdate
from actionplans.services import OWNER_PERMISSION
from demo.seed_actions import seed_actions
from tenancy.models import Membership, Organisation

SLUGS = ["northfield-training", "riverside-college"]


@pytest.fixture
def world(demo_world, db):
    return {slug: Organisation.objects.get(slug=slug) for slug in SLUGS}


@pytest.mark.parametrize("slug", SLUGS)
def test_each_provider_has_a_plan_with_every_status(world, slug):
    organisation = world[slug]
    actions = list(
        Action.unscoped.filter(organisation=organisation).prefetch_related("completion_evidence")
    )
    assert {a.status for a in actions} == set(ActionStatus.values)
    members = set(
        Membership.unscoped.filter(organisation=organisation).values_list("user_id", flat=True)
    )
    assert {a.owner_id for a in actions} <= members
    for action in actions:
        assert action.owner.has_perm(OWNER_PERMISSION, action)

    domain = organisation.contact_email.split("@")[1]
    assert sum(a.owner.email == f"staff@{domain}" for a in actions) >= 3

    today = timezone.localdate()
    overdue = [a.days_overdue(today) for a in actions if a.is_overdue]
    assert len(overdue) >= 2 and max(overdue) > 14
    assert any(a.is_open and 0 <= (a.due_date - today).days <= 7 for a in actions)

    done = [a for a in actions if a.status == ActionStatus.DONE]
    assert all(a.completed_on for a in done)
    assert any(a.impact_note and a.completion_evidence.all() for a in done)
    assert ProgressUpdate.unscoped.filter(organisation=organisation).count() >= 5


def test_northfield_has_actions_from_its_approved_self_evaluation(world):
    from_gaps = Action.unscoped.filter(
        organisation=world["northfield-training"], source_key__startswith="gap:"
    ).select_related("response__assessment")
    assert from_gaps.count() >= 2
    assert {a.response.assessment.status for a in from_gaps} == {"approved"}


def test_seeding_again_adds_nothing(world):
    before = (Action.unscoped.count(), ProgressUpdate.unscoped.count())
    seed_actions()
    assert (Action.unscoped.count(), ProgressUpdate.unscoped.count()) == before
