"""Roles that may not manage people get 403 and change nothing (not even their own role); the
People page's query count does not grow with the people."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenancy.models import Invitation, Membership
from tenancy.roles import Role
from tests.factories import InvitationFactory, MembershipFactory
from tests.tenancy.members.helpers import invitation_url, member_url, page_text, url

pytestmark = pytest.mark.django_db


# --- Roles that may not manage people -------------------------------------------------------


LESSER_ROLES = [Role.VIEWER, Role.CONTRIBUTOR, Role.SENIOR_LEADER]


@pytest.fixture
def state_of(org):
    def snapshot():
        return (
            sorted(Membership.unscoped.filter(organisation=org).values_list("pk", "role")),
            sorted(
                Invitation.unscoped.filter(organisation=org).values_list(
                    "pk", "send_count", "revoked_at"
                )
            ),
        )

    return snapshot


@pytest.mark.parametrize("role", LESSER_ROLES)
def test_a_member_without_manage_rights_gets_403_and_nothing_changes(
    role,
    org,
    qm_membership,
    colleague,
    invitation,
    client_for,
    state_of,
    django_capture_on_commit_callbacks,
):
    actor = MembershipFactory(organisation=org, role=role).user
    client = client_for(actor)
    before = state_of()
    attempts = [
        ("post", url("member_invite", org), {"email": "x@example.org", "role": "quality_manager"}),
        ("post", member_url("member_change_role", colleague), {"role": "quality_manager"}),
        ("post", member_url("member_change_role", qm_membership), {"role": "viewer"}),
        ("get", member_url("member_remove", colleague), {}),
        ("post", member_url("member_remove", colleague), {}),
        ("post", member_url("member_remove", qm_membership), {}),
        ("post", invitation_url("invitation_resend", invitation), {}),
        ("post", invitation_url("invitation_revoke", invitation), {}),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for method, target, data in attempts:
            response = getattr(client, method)(target, data)
            assert response.status_code == 403, f"{method} {target}"
            assert "You cannot do that" in page_text(response)

    assert state_of() == before
    assert mail.outbox == []


@pytest.mark.parametrize("role", LESSER_ROLES)
def test_a_member_without_manage_rights_cannot_change_their_own_role(role, org, client_for):
    membership = MembershipFactory(organisation=org, role=role)
    response = client_for(membership.user).post(
        member_url("member_change_role", membership), {"role": "quality_manager"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == role


# --- Performance ----------------------------------------------------------------------------


def _add_people(org, inviter, members: int, invitations: int) -> None:
    roles = [Role.CONTRIBUTOR, Role.VIEWER, Role.SENIOR_LEADER, Role.QUALITY_MANAGER]
    for n in range(members):
        MembershipFactory(organisation=org, role=roles[n % len(roles)])
    for _ in range(invitations):
        InvitationFactory(organisation=org, invited_by=inviter)


def _count_queries(client, target: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(target)
    assert response.status_code == 200
    return len(queries)


def test_the_people_page_query_count_does_not_grow_with_people(qm_client, qm, org):
    _add_people(org, qm, members=2, invitations=1)
    target = url("member_list", org)
    qm_client.get(target)  # warm up
    small = _count_queries(qm_client, target)

    _add_people(org, qm, members=27, invitations=9)
    response = qm_client.get(target)
    assert len(response.context["memberships"]) == 30
    assert len(response.context["invitations"]) == 10
    assert _count_queries(qm_client, target) == small
