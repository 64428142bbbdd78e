"""What each role may do, checked against the one table in tenancy/roles.py.

The cases are generated: every organisation view (found by walking the URL resolver) times every
role in the table. A view must be allowed exactly when the role holds the permission that the
hand-written table in tests/expected_access.py expects for that URL name; the view's own
decorator is not consulted, so a quietly loosened view fails.
"""

import pytest

from core.access import API, ORGANISATION
from tenancy.models import Organisation
from tenancy.roles import (
    ACCOUNT_MANAGER,
    API_KEY_SCOPES,
    PERMISSIONS,
    Designation,
    Perm,
    Role,
    holder_can,
)
from tests.demo_snapshot import check_deferred_keys_now
from tests.expected_access import (
    EXPECTED_ACCESS,
    EXPECTED_API_ACCESS,
    OBJECT_RULES,
    missing_entry_message,
)
from tests.factories import signed_in_client
from tests.isolation import api_client, api_scope_problem, role_matrix_problem, url_values_for
from tests.urlwalk import THIRD_PARTY, all_routes, routes_of_kind

ORG_ROUTES = routes_of_kind(ORGANISATION)
DEMO_USER_FOR = {
    Role.QUALITY_MANAGER: "qm@northfield.demo.example",
    Role.SENIOR_LEADER: "leader@northfield.demo.example",
    Role.CONTRIBUTOR: "staff@northfield.demo.example",
    Role.VIEWER: "viewer@northfield.demo.example",
    ACCOUNT_MANAGER: "am@demo.example",
}
#: Holders with a designation on top of their role: (role, designations) and a demo user each.
DESIGNATED = {
    "senior_leader+safeguarding_lead": (
        Role.SENIOR_LEADER,
        frozenset({Designation.SAFEGUARDING_LEAD}),
        "dsl@northfield.demo.example",
    ),
}
HOLDERS = [*PERMISSIONS, *DESIGNATED]
CASES = [(route, holder) for route in ORG_ROUTES for holder in HOLDERS]


def _role_and_designations(holder: str) -> tuple[str, frozenset[str]]:
    if holder in DESIGNATED:
        role, designations, _ = DESIGNATED[holder]
        return role, designations
    return holder, frozenset()


def _demo_email(holder: str) -> str:
    return DESIGNATED[holder][2] if holder in DESIGNATED else DEMO_USER_FOR[holder]


def test_every_holder_in_the_table_has_a_demo_user():
    assert set(DEMO_USER_FOR) == set(PERMISSIONS)


def test_the_designated_demo_users_hold_exactly_their_designations(demo_world, db):
    from tenancy.models import Membership

    for role, designations, email in DESIGNATED.values():
        membership = Membership.unscoped.get(
            user__email=email, organisation__slug="northfield-training"
        )
        assert (membership.role, membership.designations) == (role, designations)
    for holder, email in DEMO_USER_FOR.items():
        member = Membership.unscoped.filter(
            user__email=email, organisation__slug="northfield-training"
        ).first()
        assert member is None or not member.designations, holder


def test_every_role_is_in_the_table():
    assert set(Role.values) <= set(PERMISSIONS)


def _our_routes():
    third_party = set(THIRD_PARTY.values()) | {"admin"}
    return [r for r in all_routes() if r.access_kind not in third_party]


def _declared(route) -> str:
    perm = getattr(route.view, "required_permission", None)
    return f"Perm.{Perm(perm).name}" if perm else str(route.access_kind).upper()


def test_every_url_has_an_expected_access_entry():
    routes = _our_routes()
    missing = [r.name for r in routes if r.name not in EXPECTED_ACCESS]
    assert not missing, missing_entry_message(missing, {r.name: _declared(r) for r in routes})


def test_every_expected_access_entry_names_a_url():
    names = {r.name for r in _our_routes()}
    stale = sorted(set(EXPECTED_ACCESS) - names)
    assert not stale, f"Remove these names from tests/expected_access.py (no such URL): {stale}"


@pytest.mark.parametrize("route", _our_routes(), ids=lambda r: r.name)
def test_each_url_is_the_kind_of_page_the_table_expects(route):
    expected = EXPECTED_ACCESS.get(route.name)
    assert expected is not None, missing_entry_message([route.name], {route.name: _declared(route)})
    if isinstance(expected, Perm):
        assert route.access_kind == ORGANISATION, f"{route.name} should be an organisation page"
    else:
        assert route.access_kind == expected, f"{route.name} should be a {expected} page"


def test_object_rules_are_only_on_organisation_pages_in_the_table():
    assert set(OBJECT_RULES) <= {n for n, e in EXPECTED_ACCESS.items() if isinstance(e, Perm)}


@pytest.mark.parametrize(("route", "holder"), CASES, ids=[f"{r.name}-{h}" for r, h in CASES])
def test_role_matrix(route, holder, demo_world, db):
    from django.contrib.auth import get_user_model

    organisation = Organisation.objects.get(slug="northfield-training")
    user = get_user_model().objects.get(email=_demo_email(holder))
    url = route.url(url_values_for(route, organisation))
    method = "GET" if "GET" in route.allowed_methods else "POST"

    response = signed_in_client(user).generic(method, url)

    role, designations = _role_and_designations(holder)
    problem = role_matrix_problem(
        route.name, role, response.status_code, EXPECTED_ACCESS, designations=designations
    )
    assert not problem, f"{method} {url}: {problem}"


@pytest.mark.parametrize(
    ("holder", "perm", "expected"),
    [
        (Role.QUALITY_MANAGER, Perm.MANAGE_MEMBERS, True),
        (Role.QUALITY_MANAGER, Perm.APPROVE_ASSESSMENTS, False),
        (Role.SENIOR_LEADER, Perm.APPROVE_ASSESSMENTS, True),
        (Role.SENIOR_LEADER, Perm.MANAGE_MEMBERS, False),
        (Role.CONTRIBUTOR, Perm.UPDATE_ASSIGNED_WORK, True),
        (Role.CONTRIBUTOR, Perm.MANAGE_COMPLIANCE_WORK, False),
        (Role.VIEWER, Perm.VIEW_ORGANISATION, True),
        (Role.VIEWER, Perm.UPDATE_ASSIGNED_WORK, False),
        (ACCOUNT_MANAGER, Perm.MANAGE_MEMBERS, True),
        (ACCOUNT_MANAGER, Perm.APPROVE_ASSESSMENTS, False),
        (Role.SENIOR_LEADER, Perm.VIEW_RESTRICTED_EVIDENCE, True),
        (Role.QUALITY_MANAGER, Perm.VIEW_RESTRICTED_EVIDENCE, False),
        (Role.SENIOR_LEADER, Perm.RECORD_REFERRAL_FIGURES, False),
        (ACCOUNT_MANAGER, Perm.VIEW_RESTRICTED_EVIDENCE, False),
    ],
)
def test_the_roles_described_in_the_brief(holder, perm, expected):
    assert holder_can(holder, perm) is expected


@pytest.mark.parametrize(
    ("holder", "perm", "expected"),
    [
        (Role.QUALITY_MANAGER, Perm.RECORD_REFERRAL_FIGURES, True),
        (Role.QUALITY_MANAGER, Perm.VIEW_RESTRICTED_EVIDENCE, True),
        (Role.SENIOR_LEADER, Perm.RECORD_REFERRAL_FIGURES, True),
        # A designation counts only on the roles it may be given to.
        (Role.CONTRIBUTOR, Perm.RECORD_REFERRAL_FIGURES, False),
        (Role.VIEWER, Perm.VIEW_RESTRICTED_EVIDENCE, False),
        (ACCOUNT_MANAGER, Perm.RECORD_REFERRAL_FIGURES, False),
    ],
)
def test_what_the_safeguarding_lead_designation_adds(holder, perm, expected):
    assert holder_can(holder, perm, {Designation.SAFEGUARDING_LEAD}) is expected


# --- API keys: each scope against every endpoint and method ---------------------------------
API_ROUTES = routes_of_kind(API)
API_CASES = [
    (route, method, scope)
    for route in API_ROUTES
    for method in sorted(route.allowed_methods - {"HEAD"})
    for scope in API_KEY_SCOPES
]


def test_every_api_endpoint_has_its_methods_in_the_table():
    for route in API_ROUTES:
        assert set(EXPECTED_API_ACCESS.get(route.name, {})) == route.allowed_methods - {"HEAD"}, (
            f"{route.name}: EXPECTED_API_ACCESS should list exactly its methods"
        )


@pytest.fixture(scope="module")
def scope_keys(demo_world, django_db_blocker):
    """A key of each scope for Northfield, made once by its quality manager (rolled back with
    the demo world), with no rate limit in the way."""
    from django.contrib.auth import get_user_model
    from django.test import override_settings

    from api.services import api_key_create
    from tenancy.scope import tenant_scope

    with django_db_blocker.unblock(), override_settings(API_RATE_LIMIT="100000/min"):
        organisation = Organisation.objects.get(slug="northfield-training")
        qm = get_user_model().objects.get(email=DEMO_USER_FOR[Role.QUALITY_MANAGER])
        with tenant_scope(organisation):
            keys = {
                scope: api_key_create(organisation=organisation, name=scope, scope=scope, by=qm)[1]
                for scope in API_KEY_SCOPES
            }
        check_deferred_keys_now()
        yield keys


@pytest.mark.parametrize(
    ("route", "method", "scope"),
    API_CASES,
    ids=[f"{r.name}-{m}-{s}" for r, m, s in API_CASES],
)
def test_api_key_scope_matrix(route, method, scope, scope_keys, db):
    organisation = Organisation.objects.get(slug="northfield-training")
    url = route.url(url_values_for(route, organisation))

    response = api_client(scope_keys[scope]).generic(method, url, "{}", "application/json")

    problem = api_scope_problem(
        route.name, method, scope, response.status_code, EXPECTED_API_ACCESS
    )
    assert not problem, f"{method} {url}: {problem}"
