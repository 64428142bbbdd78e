"""The isolation harness proves itself: a deliberately leaky view is caught."""

import pytest

from core.access import ORGANISATION
from tenancy.roles import Role
from tests.factories import MembershipFactory
from tests.isolation import (
    anonymous_problems,
    cross_org_problems,
    cross_org_urls,
    outsider_problems,
    role_matrix_problem,
    url_values_for,
)
from tests.urlwalk import KNOWN_KINDS, all_routes

CANARY = "tests.canary.urls"


@pytest.mark.urls(CANARY)
def test_leaky_view_is_caught_for_outsiders_and_anonymous(org, outsider, client, client_for):
    leaky = next(r for r in all_routes(CANARY) if r.name == "leaky")
    assert leaky.access_kind == ORGANISATION
    url = leaky.url(url_values_for(leaky, org))
    assert outsider_problems(client_for(outsider), url), "harness missed a leak to an outsider"
    assert anonymous_problems(client, url), "harness missed a leak to an anonymous visitor"


def test_unclassified_view_is_caught():
    unclassified = next(r for r in all_routes(CANARY) if r.name == "unclassified")
    assert unclassified.access_kind not in KNOWN_KINDS


def test_unknown_object_keyword_is_reported(org):
    from tests.urlwalk import Route

    route = Route(
        route="o/<slug:org_slug>/things/<uuid:thing_code>/",
        name="x",
        view=None,
        kwargs=("org_slug", "thing_code"),
    )
    with pytest.raises(AssertionError, match="url_kwarg"):
        url_values_for(route, org)


@pytest.mark.urls(CANARY)
def test_object_leak_under_the_callers_own_slug_is_caught(
    org, other_org, member, outsider, client_for
):
    """The leak the old harness missed: own slug, another organisation's object code."""
    route = next(r for r in all_routes(CANARY) if r.name == "leaky_object")
    victim_url = route.url(url_values_for(route, other_org))
    # The old probes stay blind to it: the victim's slug is refused before the view runs.
    assert not outsider_problems(client_for(member), victim_url)
    # The cross-organisation probe is not.
    urls = cross_org_urls(route, org, other_org)
    assert urls == [f"/o/{org.slug}/people/{url_values_for(route, other_org)['member_code']}/"]
    problems = cross_org_problems(client_for(member), route, urls)
    assert len(problems) == 2, problems  # GET and POST both leak
    assert outsider.email in client_for(member).get(urls[0]).content.decode()


def test_nested_urls_are_probed_with_the_callers_own_parents(org, other_org):
    from tests.urlwalk import Route

    route = Route(
        route="o/<slug:org_slug>/people/<uuid:member_code>/again/<uuid:member_code>/",
        name="nested",
        view=None,
        kwargs=("org_slug", "member_code", "member_code"),
    )
    MembershipFactory(organisation=org)
    MembershipFactory(organisation=other_org)
    assert len(cross_org_urls(route, org, other_org)) == 2


@pytest.mark.urls(CANARY)
def test_loosened_view_is_caught_by_the_independent_table(org, viewer, client_for):
    from tests.canary.urls import EXPECTED_ACCESS

    route = next(r for r in all_routes(CANARY) if r.name == "loosened")
    status = client_for(viewer).get(route.url({"org_slug": org.slug})).status_code
    assert status == 200  # the view's own decorator lets a viewer in...
    problem = role_matrix_problem("loosened", Role.VIEWER, status, EXPECTED_ACCESS)
    assert "lacks manage_compliance_work but was not refused" in problem  # ...the table does not
    assert role_matrix_problem("unknown", Role.VIEWER, status, EXPECTED_ACCESS)
