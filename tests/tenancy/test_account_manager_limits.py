"""An account manager cannot make itself a member of a provider it looks after, nobody invites
their own address, and sign-off is never by the provider's account manager (issue 10)."""

import pytest
from django.core.exceptions import ValidationError

from assessments.models import Status
from assessments.services import assessment_approve, assessment_submit
from tenancy.access import resolve_access
from tenancy.models import Invitation, Membership
from tenancy.roles import ACCOUNT_MANAGER, Role
from tenancy.scope import tenant_scope
from tenancy.services import (
    invitation_accept,
    invitation_create,
    organisation_assign_account_manager,
)
from tests.assessments.helpers import answer_all, start
from tests.factories import InvitationFactory, MembershipFactory, UserFactory
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def account_manager(org):
    user = UserFactory(is_account_manager=True, email="am@ourcompany.example")
    organisation_assign_account_manager(organisation=org, user=user)
    return user


def test_an_account_manager_cannot_invite_its_own_address(org, account_manager, client_for):
    response = client_for(account_manager).post(
        f"/o/{org.slug}/members/invite/",
        {"email": "AM@ourcompany.example", "role": Role.SENIOR_LEADER},
    )
    assert response.status_code == 400
    assert "You cannot invite yourself" in field_error_html(response, "email")
    assert not Invitation.unscoped.exists()


def test_a_quality_manager_cannot_invite_itself_either(org, member):
    with tenant_scope(org), pytest.raises(ValidationError, match="cannot invite yourself"):
        invitation_create(organisation=org, email=member.email, role=Role.SENIOR_LEADER, by=member)


def test_nobody_can_invite_the_providers_account_manager(org, member, account_manager):
    with tenant_scope(org), pytest.raises(ValidationError, match="account manager"):
        invitation_create(
            organisation=org, email=account_manager.email, role=Role.VIEWER, by=member
        )


def test_an_account_manager_cannot_accept_an_invitation_to_a_provider_it_looks_after(
    org, member, account_manager
):
    # An invitation sent before the assignment, or to an address the account manager controls.
    invitation = InvitationFactory(
        organisation=org, email=account_manager.email, role=Role.SENIOR_LEADER, invited_by=member
    )
    with pytest.raises(ValidationError, match="cannot also be a member"):
        invitation_accept(invitation=invitation, user=account_manager)
    assert not Membership.unscoped.filter(user=account_manager).exists()


def test_a_member_cannot_be_made_the_providers_account_manager(org):
    user = UserFactory(is_account_manager=True)
    MembershipFactory(organisation=org, user=user, role=Role.SENIOR_LEADER)
    with pytest.raises(ValidationError, match="cannot look after a provider they belong to"):
        organisation_assign_account_manager(organisation=org, user=user)


def test_the_assignment_wins_over_a_membership_held_from_before(org, account_manager):
    MembershipFactory(organisation=org, user=account_manager, role=Role.SENIOR_LEADER)
    access = resolve_access(account_manager, org.slug)
    assert access is not None and access.holder == ACCOUNT_MANAGER
    assert not access.can("approve_assessments")


@pytest.fixture
def submitted(org, member, version):
    assessment = start(org, version, member)
    answer_all(assessment, member)
    with tenant_scope(org):
        return assessment_submit(assessment=assessment, by=member)


def test_the_providers_account_manager_cannot_approve(org, submitted, account_manager):
    MembershipFactory(organisation=org, user=account_manager, role=Role.SENIOR_LEADER)
    with tenant_scope(org), pytest.raises(ValidationError, match="account manager cannot approve"):
        assessment_approve(assessment=submitted, by=account_manager)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_only_a_member_can_approve(org, submitted):
    with tenant_scope(org), pytest.raises(ValidationError, match="Only a member"):
        assessment_approve(assessment=submitted, by=UserFactory())
