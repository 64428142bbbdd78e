"""The invitation tests' cast: the quality manager who invites and their invitation of a new
senior leader."""

import pytest

from tenancy.roles import Role
from tests.factories import InvitationFactory, MembershipFactory


@pytest.fixture
def inviter(org):
    return MembershipFactory(
        organisation=org, role=Role.QUALITY_MANAGER, user__name="Quinn Manager"
    ).user


@pytest.fixture
def invitation(org, inviter):
    return InvitationFactory(
        organisation=org, email="sam.patel@example.org", role=Role.SENIOR_LEADER, invited_by=inviter
    )
