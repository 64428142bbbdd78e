"""Who can be given work: one definition (tenancy.selectors.assignable_members), used by every
owner, lead, assignee and visitor choice and by the services that check them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from actionplans.services import action_create
from evidence.models import EvidenceKind
from evidence.services import evidence_create
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tenancy.selectors import assignable_members, is_assignable, not_assignable_message
from tenancy.services import require_assignable
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def deactivated_member(org):
    return MembershipFactory(
        organisation=org, role=Role.CONTRIBUTOR, user__is_active=False, user__name="Dee Parted"
    ).user


def test_only_active_members_of_the_organisation_are_assignable(org, qm, contributor, outsider):
    gone = deactivated_member(org)
    stranger = User.objects.create(email="nobody@example.org", name="No Body")

    people = list(assignable_members(organisation=org))

    assert set(people) == {qm, contributor}
    assert people == sorted(people, key=lambda u: (u.name, u.email))
    assert is_assignable(organisation=org, user=qm)
    for user in (gone, outsider, stranger):
        assert not is_assignable(organisation=org, user=user)


def test_the_selector_needs_no_tenant_scope_and_ignores_another_active_one(
    org, other_org, qm, outsider
):
    with tenant_scope(other_org):
        assert list(assignable_members(organisation=org)) == [qm]


def test_the_check_names_the_field_or_the_form_and_lets_nobody_through(org, outsider):
    require_assignable(organisation=org, user=None)

    with pytest.raises(ValidationError) as on_field:
        require_assignable(organisation=org, user=outsider, field="visitor")
    assert on_field.value.message_dict == {"visitor": [not_assignable_message(org)]}
    with pytest.raises(ValidationError) as on_form:
        require_assignable(organisation=org, user=outsider, field=None)
    assert on_form.value.messages == [not_assignable_message(org)]


def test_services_refuse_work_for_a_deactivated_member(org, qm):
    gone = deactivated_member(org)
    with tenant_scope(org), pytest.raises(ValidationError) as action:
        action_create(
            organisation=org, title="Refresh training", owner=gone, due_date=date(2027, 1, 1), by=qm
        )
    assert "owner" in action.value.message_dict
    with tenant_scope(org), pytest.raises(ValidationError) as evidence:
        evidence_create(
            organisation=org,
            title="Prevent policy",
            kind=EvidenceKind.LINK,
            url="https://intranet.example/policy",
            owner=gone,
            effective_date=date(2026, 9, 1),
            by=qm,
        )
    assert "owner" in evidence.value.message_dict
