"""The People page tests' cast: a quality manager (with their membership and client), a
colleague and a pending invitation."""

import pytest

from tenancy.roles import Role
from tests.factories import InvitationFactory, MembershipFactory


@pytest.fixture
def qm_membership(org):
    return MembershipFactory(
        organisation=org, role=Role.QUALITY_MANAGER, user__name="Quinn Manager"
    )


@pytest.fixture
def qm(qm_membership):
    return qm_membership.user


@pytest.fixture
def qm_client(qm, client_for):
    return client_for(qm)


@pytest.fixture
def colleague(org):
    return MembershipFactory(organisation=org, role=Role.CONTRIBUTOR, user__name="Casey Colleague")


@pytest.fixture
def invitation(org, qm):
    return InvitationFactory(
        organisation=org, email="pending@example.org", role=Role.VIEWER, invited_by=qm
    )
