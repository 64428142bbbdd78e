"""Where "/" sends people, the organisation switcher, and the organisation home page."""

import re

import pytest
from django.urls import reverse

from tenancy.models import ProviderType
from tenancy.roles import Role
from tests.factories import MembershipFactory, OrganisationFactory, account_manager_for

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def switcher_html(response) -> str:
    match = re.search(
        r'<details class="menu switcher".*?</details>', response.content.decode(), re.S
    )
    assert match, "the page has no organisation switcher"
    return match.group(0)


def test_a_user_with_one_membership_goes_straight_to_it(org, member, client_for):
    response = client_for(member).get(HOME)
    assert response.status_code == 302
    assert response.url == org.get_absolute_url()
    assert response.url == f"/o/{org.slug}/"


def test_a_user_with_two_memberships_chooses(org, other_org, member, client_for):
    MembershipFactory(organisation=other_org, user=member, role=Role.VIEWER)

    response = client_for(member).get(HOME)

    assert response.status_code == 200
    assert [m.organisation for m in response.context["memberships"]] == [org, other_org]
    html = response.content.decode()
    assert "Choose an organisation" in html
    assert f'<a href="{org.get_absolute_url()}">{org.name}</a>' in html
    assert f'<a href="{other_org.get_absolute_url()}">{other_org.name}</a>' in html
    assert "your role: quality manager" in html
    assert "your role: viewer" in html


def test_the_chooser_leaves_out_other_peoples_organisations(
    org, other_org, member, outsider, client_for
):
    third = OrganisationFactory(name="Third Provider")
    MembershipFactory(organisation=third, user=member, role=Role.CONTRIBUTOR)
    response = client_for(member).get(HOME)
    assert other_org.name not in response.content.decode()
    assert [m.organisation for m in response.context["memberships"]] == [org, third]


def test_an_account_manager_without_memberships_goes_to_the_portfolio(org, client_for):
    account_manager = account_manager_for(org)
    response = client_for(account_manager).get(HOME)
    assert response.status_code == 302
    assert response.url == reverse("reporting:cockpit")


def test_an_account_manager_with_a_membership_chooses_and_can_reach_the_portfolio(
    org, other_org, client_for
):
    account_manager = account_manager_for(other_org)
    MembershipFactory(organisation=org, user=account_manager, role=Role.VIEWER)
    response = client_for(account_manager).get(HOME)
    assert response.status_code == 200
    html = response.content.decode()
    assert org.name in html
    assert reverse("reporting:cockpit") in html


def test_a_user_without_memberships_is_told_to_ask_for_an_invitation(user_factory, client_for):
    response = client_for(user_factory()).get(HOME)
    assert response.status_code == 200
    assert "not part of any organisation yet" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_switcher_lists_the_users_organisations(org, other_org, member, client_for):
    MembershipFactory(organisation=other_org, user=member, role=Role.SENIOR_LEADER)
    elsewhere = OrganisationFactory(name="Not Theirs College")

    response = client_for(member).get(org.get_absolute_url())

    switcher = switcher_html(response)
    assert f'href="{org.get_absolute_url()}" aria-current="page"' in switcher
    assert f'href="{other_org.get_absolute_url()}">' in switcher
    assert org.name in switcher
    assert other_org.name in switcher
    assert "Senior leader" in switcher
    assert elsewhere.name not in response.content.decode()


def test_the_switcher_shows_the_portfolio_link_to_account_managers(org, client_for):
    account_manager = account_manager_for(org)
    response = client_for(account_manager).get(org.get_absolute_url())
    switcher = switcher_html(response)
    assert org.name in switcher
    assert reverse("reporting:cockpit") in switcher


def test_the_switcher_is_on_the_chooser_too(org, other_org, member, client_for):
    MembershipFactory(organisation=other_org, user=member, role=Role.VIEWER)
    switcher = switcher_html(client_for(member).get(HOME))
    assert org.name in switcher
    assert other_org.name in switcher


def test_the_org_home_shows_name_ukprn_and_role(client_for):
    organisation = OrganisationFactory(
        name="Harbourside College",
        ukprn="10034567",
        provider_type=ProviderType.GENERAL_FE_COLLEGE,
        contact_name="Morgan Lee",
        contact_email="morgan.lee@harbourside.example",
    )
    user = MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR).user

    response = client_for(user).get(organisation.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Harbourside College</h1>" in html
    assert "UKPRN 10034567" in html
    assert "General further education college" in html
    assert "Your role: contributor" in html
    assert "Updates the items and actions assigned to them." in html
    assert "morgan.lee@harbourside.example" in html
    assert '<p class="role-badge">Contributor</p>' in html


def test_the_org_home_shows_an_account_manager_their_role(org, client_for):
    response = client_for(account_manager_for(org)).get(org.get_absolute_url())
    assert response.status_code == 200
    assert "Your role: account manager" in response.content.decode()


def test_the_org_home_counts_people_and_prompts_a_lonely_qm_to_invite(org, member, client_for):
    client = client_for(member)
    html = client.get(org.get_absolute_url()).content.decode()
    assert "Next step: invite your colleagues" in html
    assert '<span class="stat-number">1</span> member' in html

    MembershipFactory(organisation=org, role=Role.VIEWER)
    org.invitations.create(email="waiting@example.org", role=Role.CONTRIBUTOR)
    html = client.get(org.get_absolute_url()).content.decode()
    assert "Next step: invite your colleagues" not in html
    assert '<span class="stat-number">2</span> members' in html
    assert '<span class="stat-number">1</span> invitation waiting' in html


def test_the_org_home_does_not_prompt_a_lonely_viewer_to_invite(org, readonly_member, client_for):
    response = client_for(readonly_member).get(org.get_absolute_url())
    assert response.context["needs_colleagues"]
    html = response.content.decode()
    assert "Your role: viewer" in html
    assert "Invite colleagues" not in html
