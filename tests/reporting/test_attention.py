"""The cockpit's order comes from one stored score per provider (reporting.attention): computed
when missing, forgotten when the provider's work changes, computed again when older than
ATTENTION_TTL or made on another day, refreshed for every looked-after provider by beat; the
figures on the page are always computed now."""

from datetime import timedelta
from typing import cast

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from reporting.attention import ATTENTION_TTL, attention_refresh, providers_by_attention
from reporting.models import ProviderAttention
from reporting.tasks import attention_refresh_task
from tenancy.roles import Role
from tests.actionplans.factories import ActionFactory
from tests.factories import MembershipFactory, OrganisationFactory, account_manager_for

pytestmark = pytest.mark.django_db

COCKPIT_URL = reverse("reporting:cockpit")


def _provider(name: str):
    organisation = OrganisationFactory(name=name)
    qm = MembershipFactory(organisation=organisation, role=Role.QUALITY_MANAGER).user
    return organisation, qm


def _names(client) -> list[str]:
    return [row.organisation.name for row in client.get(COCKPIT_URL).context["page"]]


def _stored(organisation) -> int | None:
    row = ProviderAttention.unscoped.filter(organisation=organisation).first()
    return None if row is None else row.score


@pytest.fixture
def two(client_for):
    """Two providers in hand, listed by name until one of them needs attention."""
    alpha, _ = _provider("Alpha Training")
    beta, beta_qm = _provider("Beta College")
    account_manager = account_manager_for(alpha, beta)
    return {
        "client": client_for(account_manager),
        "account_manager": account_manager,
        "alpha": alpha,
        "beta": beta,
        "beta_qm": beta_qm,
    }


def test_the_first_view_stores_each_providers_score(two):
    assert _stored(two["alpha"]) is None
    assert _names(two["client"]) == ["Alpha Training", "Beta College"]
    assert _stored(two["alpha"]) == 0 and _stored(two["beta"]) == 0


def test_a_change_to_a_providers_work_forgets_its_score_and_reorders_the_page(two):
    assert _names(two["client"]) == ["Alpha Training", "Beta College"]
    ActionFactory(organisation=two["beta"], owner=two["beta_qm"], due_in=-3)  # overdue
    assert _stored(two["beta"]) is None and _stored(two["alpha"]) == 0
    assert _names(two["client"]) == ["Beta College", "Alpha Training"]
    assert (_stored(two["beta"]) or 0) > 0


def test_a_change_that_rolls_back_keeps_the_score(two):
    _names(two["client"])
    with pytest.raises(RuntimeError), transaction.atomic():
        ActionFactory(organisation=two["beta"], owner=two["beta_qm"], due_in=-3)
        raise RuntimeError("rolled back")
    assert _stored(two["beta"]) == 0


def test_a_score_older_than_its_lifetime_is_computed_again(two):
    """What no signal sees (a bulk update here) is caught within ATTENTION_TTL."""
    from actionplans.models import Action

    _names(two["client"])
    action = cast(Action, ActionFactory(organisation=two["beta"], owner=two["beta_qm"], due_in=30))
    _names(two["client"])  # stored again, with nothing overdue
    Action.unscoped.filter(pk=action.pk).update(due_date=timezone.localdate() - timedelta(days=2))
    assert _names(two["client"]) == ["Alpha Training", "Beta College"]  # within its lifetime
    with time_machine.travel(timezone.now() + ATTENTION_TTL + timedelta(seconds=5)):
        assert _names(two["client"]) == ["Beta College", "Alpha Training"]


def test_a_score_made_on_another_day_is_computed_again(two):
    """Overdue depends on the date: yesterday's score does not order today's page."""
    ActionFactory(organisation=two["beta"], owner=two["beta_qm"], due_in=1)
    _names(two["client"])
    assert _stored(two["beta"]) == 0
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        ordered = providers_by_attention(user=two["account_manager"])
        assert [o.name for o in ordered] == ["Beta College", "Alpha Training"]
        assert (_stored(two["beta"]) or 0) > 0


def test_beat_refreshes_every_looked_after_provider_and_no_other(two):
    nobody_looks_after = OrganisationFactory(name="Unassigned")
    assert attention_refresh_task() == 2
    assert _stored(two["alpha"]) == 0 and _stored(two["beta"]) == 0
    assert _stored(nobody_looks_after) is None


def test_refreshing_twice_updates_the_row_in_place(two):
    from tenancy.models import Organisation

    both = Organisation.objects.filter(pk__in=[two["alpha"].pk, two["beta"].pk])
    attention_refresh(both)
    ActionFactory(organisation=two["beta"], owner=two["beta_qm"], due_in=-3)
    attention_refresh(both)
    assert ProviderAttention.unscoped.filter(organisation=two["beta"]).count() == 1
    assert (_stored(two["beta"]) or 0) > 0


def test_the_page_shows_live_figures_even_when_the_order_is_stored(two):
    from actionplans.models import Action

    _names(two["client"])
    action = cast(Action, ActionFactory(organisation=two["alpha"], due_in=30))
    _names(two["client"])
    Action.unscoped.filter(pk=action.pk).update(due_date=timezone.localdate() - timedelta(days=2))
    rows = {r.organisation.name: r for r in two["client"].get(COCKPIT_URL).context["page"]}
    assert rows["Alpha Training"].overdue_actions == 1  # live, though the order is stored
