"""`Model.objects` on tenant-owned models fails closed outside `tenant_scope`."""

import pytest

from tenancy.models import Invitation, Membership, Organisation
from tenancy.roles import Role
from tenancy.scope import TenantScopeError, current_organisation_id, tenant_scope
from tests.factories import InvitationFactory, MembershipFactory


@pytest.fixture
def two_tenants(org, other_org):
    ours = MembershipFactory.create_batch(2, organisation=org, role=Role.CONTRIBUTOR)
    theirs = MembershipFactory.create_batch(3, organisation=other_org, role=Role.VIEWER)
    return ours, theirs


def test_it_refuses_to_list_memberships_outside_a_scope(two_tenants):
    with pytest.raises(TenantScopeError, match="outside tenant_scope"):
        Membership.objects.all()


def test_it_refuses_every_scoped_query_outside_a_scope(two_tenants):
    with pytest.raises(TenantScopeError):
        Membership.objects.filter(role=Role.VIEWER).exists()
    with pytest.raises(TenantScopeError):
        Membership.objects.count()
    with pytest.raises(TenantScopeError):
        Invitation.objects.first()


def test_it_returns_only_the_scoped_organisations_rows(org, other_org, two_tenants):
    ours, theirs = two_tenants
    with tenant_scope(org):
        assert set(Membership.objects.all()) == set(ours)
    with tenant_scope(other_org):
        assert set(Membership.objects.all()) == set(theirs)


def test_it_cannot_reach_another_tenants_row_by_primary_key_inside_a_scope(org, two_tenants):
    _, theirs = two_tenants
    with tenant_scope(org), pytest.raises(Membership.DoesNotExist):
        Membership.objects.get(pk=theirs[0].pk)


def test_it_scopes_invitations_too(org, other_org):
    ours = InvitationFactory(organisation=org)
    InvitationFactory(organisation=other_org)
    with tenant_scope(org):
        assert list(Invitation.objects.all()) == [ours]


def test_it_accepts_an_organisation_id(org, two_tenants):
    ours, _ = two_tenants
    with tenant_scope(org.pk):
        assert Membership.objects.count() == len(ours)


def test_unscoped_manager_sees_every_tenant(two_tenants):
    ours, theirs = two_tenants
    assert set(Membership.unscoped.all()) == set(ours) | set(theirs)


def test_unscoped_manager_works_inside_a_scope_as_well(org, two_tenants):
    ours, theirs = two_tenants
    with tenant_scope(org):
        assert Membership.unscoped.count() == len(ours) + len(theirs)


def test_it_resets_the_scope_after_the_with_block(org, two_tenants):
    with tenant_scope(org):
        assert current_organisation_id() == org.pk
    assert current_organisation_id() is None
    with pytest.raises(TenantScopeError):
        Membership.objects.count()


def test_it_resets_the_scope_when_the_block_raises(org, two_tenants):
    with pytest.raises(ValueError, match="boom"), tenant_scope(org):
        raise ValueError("boom")
    assert current_organisation_id() is None
    with pytest.raises(TenantScopeError):
        Membership.objects.count()


def test_nested_scopes_restore_the_outer_scope(org, other_org, two_tenants):
    ours, theirs = two_tenants
    with tenant_scope(org):
        with tenant_scope(other_org):
            assert Membership.objects.count() == len(theirs)
        assert current_organisation_id() == org.pk
        assert Membership.objects.count() == len(ours)
    assert current_organisation_id() is None


def test_it_refuses_an_unsaved_organisation(db):
    with pytest.raises(TenantScopeError, match="unsaved"), tenant_scope(Organisation()):
        pass
    assert current_organisation_id() is None
