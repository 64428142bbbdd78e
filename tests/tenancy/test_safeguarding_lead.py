"""The designated safeguarding lead designation: given on the people page, only to senior roles,
and adding its permissions to the role through the one access path."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tenancy.access import resolve_access
from tenancy.models import Membership
from tenancy.roles import Perm, Role
from tenancy.services import membership_change_role, membership_set_safeguarding_lead
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory()


def member(organisation, role):
    return MembershipFactory(organisation=organisation, role=role)


def access_of(membership):
    access = resolve_access(membership.user, membership.organisation.slug)
    assert access is not None
    return access


def test_a_senior_leader_designated_gets_the_designations_permissions(organisation):
    leader = member(organisation, Role.SENIOR_LEADER)
    before = access_of(leader)
    assert not before.can(Perm.RECORD_REFERRAL_FIGURES)

    membership_set_safeguarding_lead(membership=leader, designated=True)

    after = access_of(leader)
    assert after.can(Perm.RECORD_REFERRAL_FIGURES)
    assert "record_referral_figures" in after.perms
    assert after.can(Perm.APPROVE_ASSESSMENTS)  # the role's own permissions stay


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.VIEWER])
def test_only_senior_roles_can_be_designated(organisation, role):
    person = member(organisation, role)
    with pytest.raises(ValidationError, match="must be a quality manager or a senior leader"):
        membership_set_safeguarding_lead(membership=person, designated=True)
    person.refresh_from_db()
    assert not person.is_safeguarding_lead


def test_a_demoted_lead_loses_the_designation(organisation):
    member(organisation, Role.QUALITY_MANAGER)
    leader = member(organisation, Role.SENIOR_LEADER)
    membership_set_safeguarding_lead(membership=leader, designated=True)

    membership_change_role(membership=leader, role=Role.CONTRIBUTOR)

    leader.refresh_from_db()
    assert not leader.is_safeguarding_lead
    assert not access_of(leader).can(Perm.RECORD_REFERRAL_FIGURES)


def test_the_people_page_gives_and_takes_the_designation(organisation, client_for):
    qm = member(organisation, Role.QUALITY_MANAGER)
    leader = member(organisation, Role.SENIOR_LEADER)
    client = client_for(qm.user)
    url = reverse(
        "tenancy:member_safeguarding_lead",
        kwargs={"org_slug": organisation.slug, "member_code": leader.code},
    )

    page = client.post(url, {"designated": "yes"}, follow=True).content.decode()
    assert "is now a designated safeguarding lead" in page
    assert Membership.objects.for_organisation(organisation).get(pk=leader.pk).is_safeguarding_lead
    assert "Designated safeguarding lead</span>" in page

    page = client.post(url, {"designated": "no"}, follow=True).content.decode()
    assert "is no longer a designated safeguarding lead" in page
    assert (
        not Membership.objects.for_organisation(organisation).get(pk=leader.pk).is_safeguarding_lead
    )


def test_the_page_explains_why_a_contributor_cannot_be_designated(organisation, client_for):
    qm = member(organisation, Role.QUALITY_MANAGER)
    staff = member(organisation, Role.CONTRIBUTOR)
    url = reverse(
        "tenancy:member_safeguarding_lead",
        kwargs={"org_slug": organisation.slug, "member_code": staff.code},
    )
    page = client_for(qm.user).post(url, {"designated": "yes"}, follow=True).content.decode()
    assert "change their role first" in page
