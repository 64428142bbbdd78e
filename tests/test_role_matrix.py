"""What each role may do, checked against the one table in tenancy/roles.py.

The cases are generated: every organisation view (found by walking the URL resolver) times every
role in the table. A view is allowed exactly when the role holds the view's required permission.
"""

import pytest

from core.access import ORGANISATION
from tenancy.models import Organisation
from tenancy.roles import ACCOUNT_MANAGER, PERMISSIONS, Perm, Role, holder_can
from tests.isolation import url_values_for
from tests.urlwalk import routes_of_kind

ORG_ROUTES = routes_of_kind(ORGANISATION)
DEMO_USER_FOR = {
    Role.QUALITY_MANAGER: "qm@northfield.demo.example",
    Role.SENIOR_LEADER: "leader@northfield.demo.example",
    Role.CONTRIBUTOR: "staff@northfield.demo.example",
    Role.VIEWER: "viewer@northfield.demo.example",
    ACCOUNT_MANAGER: "am@demo.example",
}
CASES = [(route, holder) for route in ORG_ROUTES for holder in PERMISSIONS]


def test_every_holder_in_the_table_has_a_demo_user():
    assert set(DEMO_USER_FOR) == set(PERMISSIONS)


def test_every_role_is_in_the_table():
    assert set(Role.values) <= set(PERMISSIONS)


def test_every_organisation_view_requires_a_permission_from_the_table():
    for route in ORG_ROUTES:
        assert isinstance(route.view.required_permission, Perm), route.name


@pytest.mark.parametrize(("route", "holder"), CASES, ids=[f"{r.name}-{h}" for r, h in CASES])
def test_role_matrix(route, holder, demo_world, db, client_for):
    from django.contrib.auth import get_user_model

    organisation = Organisation.objects.get(slug="northfield-training")
    user = get_user_model().objects.get(email=DEMO_USER_FOR[holder])
    url = route.url(url_values_for(route, organisation))
    method = "GET" if "GET" in route.allowed_methods else "POST"

    response = client_for(user).generic(method, url)

    if holder_can(holder, route.view.required_permission):
        refused = {403, 404}
        if route.view.object_rule and not holder_can(holder, Perm.MANAGE_COMPLIANCE_WORK):
            refused = {404}  # the view's own object rule may refuse this object (tested apart)
        assert response.status_code not in refused, f"{holder} refused {method} {url}"
        assert response.status_code < 500
    else:
        assert response.status_code == 403, f"{holder} allowed {method} {url}"


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
    ],
)
def test_the_roles_described_in_the_brief(holder, perm, expected):
    assert holder_can(holder, perm) is expected
