"""Every URL that names an organisation or an object answers 404 to other tenants and sends
anonymous visitors to login. Routes are discovered from the resolver, not listed by hand."""

import pytest

from core.access import API, ORGANISATION, PUBLIC, TOKEN, USER
from tenancy.models import Organisation
from tenancy.roles import Designation, Perm, Role, holder_can
from tests.demo_snapshot import check_deferred_keys_now
from tests.expected_access import EXPECTED_ACCESS
from tests.factories import UserFactory, signed_in_client
from tests.isolation import (
    anonymous_problems,
    api_client,
    api_cross_org_problems,
    api_outsider_problems,
    api_unauthenticated_problems,
    cross_org_problems,
    cross_org_urls,
    object_kwargs,
    outsider_problems,
    url_values_for,
)
from tests.urlwalk import KNOWN_KINDS, all_routes, routes_of_kind

ORG_ROUTES = routes_of_kind(ORGANISATION)
OBJECT_ROUTES = [r for r in ORG_ROUTES if object_kwargs(r)]
# The attackers: Northfield's people, one per role, against Riverside's records.
NORTHFIELD = {
    Role.QUALITY_MANAGER: "qm@northfield.demo.example",
    Role.SENIOR_LEADER: "leader@northfield.demo.example",
    Role.CONTRIBUTOR: "staff@northfield.demo.example",
}
# For the pages only a designation opens (the exact referral figures): Northfield's DSL.
NORTHFIELD_DSL = (
    Role.SENIOR_LEADER,
    {Designation.SAFEGUARDING_LEAD},
    "dsl@northfield.demo.example",
)
TOKEN_ROUTES = routes_of_kind(TOKEN)
USER_ROUTES = routes_of_kind(USER)


@pytest.fixture
def world(demo_world, db):
    """The demo data: Northfield's people attack, Riverside's records are the victims."""
    return Organisation.objects.get(slug="riverside-college")


def _user(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


def test_every_url_pattern_is_classified():
    unclassified = [r.route for r in all_routes() if r.access_kind not in KNOWN_KINDS]
    assert not unclassified, (
        "These URL patterns do not say who may reach them; decorate the view with "
        f"org_view, user_view, token_view or public_view: {unclassified}"
    )


def test_urls_naming_an_object_are_organisation_or_token_views():
    wrong = [
        r.route
        for r in all_routes()
        if r.names_an_object and r.access_kind not in {ORGANISATION, TOKEN, API}
    ]
    assert not wrong, f"These URLs name an organisation or object but are not scoped: {wrong}"


def test_discovery_finds_the_organisation_views():
    names = {r.name for r in ORG_ROUTES}
    assert {"tenancy:org_home", "tenancy:member_list", "tenancy:member_remove"} <= names


@pytest.mark.parametrize("route", ORG_ROUTES, ids=lambda r: r.name)
def test_member_of_another_organisation_gets_404(route, world):
    url = route.url(url_values_for(route, world))
    problems = outsider_problems(signed_in_client(_user("qm@northfield.demo.example")), url)
    assert not problems, problems


@pytest.mark.parametrize("route", ORG_ROUTES, ids=lambda r: r.name)
def test_unassigned_account_manager_gets_404(route, world):
    url = route.url(url_values_for(route, world))
    stranger = UserFactory(is_account_manager=True)
    problems = outsider_problems(signed_in_client(stranger), url)
    assert not problems, problems


def _attacker_for(route):
    """A Northfield member whose role passes the page's permission check, so the view runs."""
    perm = EXPECTED_ACCESS[route.name]
    role = next((role for role in NORTHFIELD if holder_can(role, perm)), None)
    if role is not None:
        return _user(NORTHFIELD[role])
    role, designations, email = NORTHFIELD_DSL
    assert holder_can(role, Perm(perm), designations), f"no Northfield attacker for {route.name}"
    return _user(email)


def test_every_object_url_is_probed_across_organisations():
    assert {"reporting:pack_download", "evidence:download", "subcontractors:review"} <= {
        r.name for r in OBJECT_ROUTES
    }


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda r: r.name)
def test_own_organisation_slug_with_another_organisations_objects_gets_404(route, world):
    own = Organisation.objects.get(slug="northfield-training")
    client = signed_in_client(_attacker_for(route))
    problems = cross_org_problems(client, route, cross_org_urls(route, own, world))
    assert not problems, problems


@pytest.mark.parametrize("route", ORG_ROUTES + USER_ROUTES, ids=lambda r: r.name)
def test_anonymous_visitor_is_sent_to_login(route, world, client):
    url = route.url(url_values_for(route, world))
    problems = anonymous_problems(client, url)
    assert not problems, problems


@pytest.mark.parametrize("route", TOKEN_ROUTES, ids=lambda r: r.name)
def test_token_urls_refuse_a_wrong_token(route, world, client):
    url = route.url(url_values_for(route, world))  # the token is replaced by zeros
    outsider = signed_in_client(_user("qm@northfield.demo.example"))
    for who in (client, outsider):
        for method in ("GET", "POST"):
            assert who.generic(method, url).status_code == 404, f"{method} {url}"


@pytest.mark.parametrize("route", routes_of_kind(PUBLIC), ids=lambda r: r.name)
def test_public_urls_name_no_tenant_object(route):
    assert not route.names_an_object


# --- The REST API, walked the same way with API keys ---------------------------------------
API_ROUTES = routes_of_kind(API)


@pytest.fixture(scope="module")
def api_keys(demo_world, django_db_blocker):
    """A working read-and-write key of each demo organisation, and a revoked one of Riverside's,
    made once for the module (rolled back with the demo world); no rate limit gets in the way."""
    from django.test import override_settings

    from api.models import KeyScope
    from api.services import api_key_create, api_key_revoke
    from tenancy.scope import tenant_scope

    secrets = {}
    with django_db_blocker.unblock(), override_settings(API_RATE_LIMIT="100000/min"):
        for slug in ("northfield-training", "riverside-college"):
            organisation = Organisation.objects.get(slug=slug)
            qm = _user(f"qm@{slug.split('-')[0]}.demo.example")
            with tenant_scope(organisation):
                made = [
                    api_key_create(
                        organisation=organisation, name=n, scope=KeyScope.READ_WRITE, by=qm
                    )
                    for n in ("Harness", "Old")
                ]
                api_key_revoke(key=made[1][0], by=qm)
            secrets[slug], secrets[f"{slug} revoked"] = made[0][1], made[1][1]
        check_deferred_keys_now()
        yield secrets


def test_discovery_finds_the_api_endpoints():
    assert {"api:actions", "api:action", "api:risks", "api:responses"} <= {
        r.name for r in API_ROUTES
    }


@pytest.mark.parametrize("route", API_ROUTES, ids=lambda r: r.name)
def test_api_key_of_another_organisation_gets_404(route, world, api_keys):
    url = route.url(url_values_for(route, world))
    problems = api_outsider_problems(api_client(api_keys["northfield-training"]), url)
    assert not problems, problems


@pytest.mark.parametrize("route", [r for r in API_ROUTES if object_kwargs(r)], ids=lambda r: r.name)
def test_api_own_slug_with_another_organisations_objects_gets_404(route, world, api_keys):
    own = Organisation.objects.get(slug="northfield-training")
    client = api_client(api_keys["northfield-training"])
    problems = api_cross_org_problems(client, route, cross_org_urls(route, own, world))
    assert not problems, problems


@pytest.mark.parametrize("route", API_ROUTES, ids=lambda r: r.name)
def test_api_without_a_working_key_gets_401(route, world, api_keys):
    url = route.url(url_values_for(route, world))
    problems = api_unauthenticated_problems(api_client(None), url)
    # A revoked key of the organisation itself, and a signed-in member's session (the API takes
    # keys only, so a session is no way in either).
    revoked = api_client(api_keys["riverside-college revoked"])
    session = signed_in_client(_user("qm@riverside.demo.example"))
    problems += api_unauthenticated_problems(revoked, url, methods=("GET",))
    problems += api_unauthenticated_problems(session, url, methods=("POST",))
    assert not problems, problems
