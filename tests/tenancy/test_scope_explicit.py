"""The explicit ways into the tenant scope: `objects.for_organisation` and `@with_tenant_scope`."""

import pytest
from celery import shared_task

from tenancy.models import Invitation, Membership
from tenancy.roles import Role
from tenancy.scope import (
    TenantScopeError,
    current_organisation_id,
    tenant_scope,
    with_tenant_scope,
)
from tests.factories import InvitationFactory, MembershipFactory


@pytest.fixture
def two_tenants(org, other_org):
    ours = MembershipFactory.create_batch(2, organisation=org, role=Role.CONTRIBUTOR)
    theirs = MembershipFactory.create_batch(3, organisation=other_org, role=Role.VIEWER)
    return ours, theirs


# for_organisation


def test_for_organisation_returns_only_that_organisations_rows_outside_a_scope(
    org, other_org, two_tenants
):
    ours, theirs = two_tenants
    assert set(Membership.objects.for_organisation(org)) == set(ours)
    assert set(Membership.objects.for_organisation(other_org.pk)) == set(theirs)
    assert current_organisation_id() is None


def test_for_organisation_cannot_reach_another_tenants_row_by_primary_key(org, two_tenants):
    _, theirs = two_tenants
    with pytest.raises(Membership.DoesNotExist):
        Membership.objects.for_organisation(org).get(pk=theirs[0].pk)


def test_for_organisation_chains_like_any_queryset(org, two_tenants):
    ours, _ = two_tenants
    mine = Membership.objects.for_organisation(org).filter(user=ours[0].user)
    assert list(mine.values_list("pk", flat=True)) == [ours[0].pk]
    assert Membership.objects.for_organisation(org).filter(role=Role.VIEWER).count() == 0


def test_for_organisation_works_inside_the_same_scope(org, two_tenants):
    ours, _ = two_tenants
    with tenant_scope(org):
        assert set(Membership.objects.for_organisation(org)) == set(ours)


def test_for_organisation_refuses_another_organisation_inside_a_scope(org, other_org, db):
    with tenant_scope(org), pytest.raises(TenantScopeError, match="inside the scope"):
        Membership.objects.for_organisation(other_org)


@pytest.mark.parametrize("missing", [None, "unsaved"])
def test_for_organisation_fails_closed_without_an_organisation(missing, two_tenants):
    from tenancy.models import Organisation

    organisation = Organisation() if missing == "unsaved" else None
    with pytest.raises(TenantScopeError):
        Membership.objects.for_organisation(organisation)


@pytest.mark.parametrize("not_an_organisation", ["1", True, 1.0])
def test_for_organisation_refuses_what_is_not_an_organisation_or_its_id(
    not_an_organisation, two_tenants
):
    with pytest.raises(TenantScopeError, match="Not an organisation"):
        Membership.objects.for_organisation(not_an_organisation)


def test_for_organisation_refuses_another_model_passed_as_the_organisation(two_tenants):
    ours, _ = two_tenants
    with pytest.raises(TenantScopeError, match="Not an organisation"):
        Membership.objects.for_organisation(ours[0])  # a membership, not its organisation


def test_objects_outside_a_scope_names_the_explicit_way(two_tenants):
    with pytest.raises(TenantScopeError, match=r"objects\.for_organisation\(organisation\)"):
        Membership.objects.count()


# @with_tenant_scope


@shared_task
@with_tenant_scope("organisation_id")
def count_members_task(organisation_id: int, *, role: str = "") -> dict:
    members = Membership.objects.all()
    if role:
        members = members.filter(role=role)
    return {"scope": current_organisation_id(), "members": members.count()}


@shared_task
@with_tenant_scope("invitation_id", model=Invitation, if_missing="gone")
def invitation_scope_task(invitation_id: int) -> dict | str:
    invitation = Invitation.objects.get(pk=invitation_id)
    return {"scope": current_organisation_id(), "email": invitation.email}


@shared_task
@with_tenant_scope("organisation_id")
def failing_task(organisation_id: int) -> None:
    assert current_organisation_id() == organisation_id
    raise ValueError("boom")


@shared_task
@with_tenant_scope("organisation_id")
def read_membership_task(organisation_id: int, membership_id: int) -> int:
    return Membership.objects.get(pk=membership_id).pk


def test_a_task_runs_in_the_scope_of_its_organisation_argument(org, two_tenants):
    ours, _ = two_tenants
    assert count_members_task(org.pk) == {"scope": org.pk, "members": len(ours)}
    assert current_organisation_id() is None


def test_the_organisation_argument_may_be_passed_by_keyword(other_org, two_tenants):
    _, theirs = two_tenants
    result = count_members_task(organisation_id=other_org.pk, role=Role.VIEWER)
    assert result == {"scope": other_org.pk, "members": len(theirs)}


def test_a_task_enqueued_through_celery_enters_the_scope(org, two_tenants):
    ours, _ = two_tenants
    result = count_members_task.apply_async(args=(org.pk,)).get()
    assert result == {"scope": org.pk, "members": len(ours)}
    assert current_organisation_id() is None


def test_celery_still_checks_the_tasks_arguments(org):
    with pytest.raises(TypeError):
        count_members_task.delay(org.pk, "unexpected", "arguments")  # type: ignore[call-arg,misc]
    with pytest.raises(TypeError):
        count_members_task.delay()  # type: ignore[call-arg]


def test_a_task_resolves_its_scope_from_an_objects_id(org, other_org):
    theirs = InvitationFactory.create(organisation=other_org, email="theirs@example.org")
    assert invitation_scope_task(theirs.pk) == {"scope": other_org.pk, "email": theirs.email}
    assert current_organisation_id() is None


def test_a_task_for_a_deleted_row_is_skipped(org):
    invitation = InvitationFactory.create(organisation=org)
    pk = invitation.pk
    Invitation.unscoped.filter(pk=pk).delete()
    assert invitation_scope_task(pk) == "gone"
    assert current_organisation_id() is None


@pytest.mark.parametrize("task", [count_members_task, invitation_scope_task])
def test_a_task_without_its_scope_argument_fails_closed(task, db):
    with pytest.raises(TenantScopeError, match="without"):
        task(None)
    assert current_organisation_id() is None


def test_a_task_given_an_id_that_is_not_an_organisation_id_fails_closed(db):
    with pytest.raises(TenantScopeError, match="Not an organisation"):
        count_members_task("1")  # type: ignore[arg-type]


def test_a_task_scoped_to_the_wrong_organisation_cannot_read_the_other_tenants_row(
    org, two_tenants
):
    _, theirs = two_tenants
    with pytest.raises(Membership.DoesNotExist):
        read_membership_task(org.pk, theirs[0].pk)
    assert current_organisation_id() is None


def test_the_scope_is_left_when_the_task_raises(org, db):
    with pytest.raises(ValueError, match="boom"):
        failing_task(org.pk)
    assert current_organisation_id() is None
    with pytest.raises(TenantScopeError):
        Membership.objects.count()


def test_the_scope_is_left_when_the_task_raises_under_celery(org, db):
    with pytest.raises(ValueError, match="boom"):
        failing_task.apply(args=(org.pk,)).get()
    assert current_organisation_id() is None


def test_a_task_inside_another_scope_restores_it_afterwards(org, other_org, two_tenants):
    _, theirs = two_tenants
    with tenant_scope(org):
        assert count_members_task(other_org.pk)["members"] == len(theirs)
        assert current_organisation_id() == org.pk


def test_the_decorator_refuses_an_argument_the_task_does_not_have():
    with pytest.raises(TypeError, match="no argument 'org_id'"):

        @with_tenant_scope("org_id")
        def task(organisation_id: int) -> None: ...


def test_the_decorator_must_sit_under_shared_task():
    @shared_task
    def task(organisation_id: int) -> None: ...

    with pytest.raises(TypeError, match="under @shared_task"):
        with_tenant_scope("organisation_id")(task)
