"""Two people doing the same thing at the same moment get a clear message, never a 500.

Each request runs in its own thread on its own PostgreSQL connection (ATOMIC_REQUESTS, as in
production); `at_the_same_moment` lines them up just before the step that races.
"""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from portfolio import views as portfolio_views
from tenancy.models import Invitation, Membership, Organisation
from tenancy.roles import Role
from tests.concurrency import at_the_same_moment, needs_postgresql, raised, run_in_threads
from tests.factories import InvitationFactory, MembershipFactory, account_manager_for
from tests.tenancy.helpers import field_error_html, local_path
from tests.tenancy.invitations.helpers import signup_data
from tests.tenancy.test_onboarding import onboard_data

pytestmark = needs_postgresql

User = get_user_model()


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, path: str, data: dict):
    return lambda: client.post(path, data)


def test_two_invitations_of_the_same_email_at_once(org):
    qms = [MembershipFactory(organisation=org, role=Role.QUALITY_MANAGER).user for _ in range(2)]
    path = reverse("tenancy:member_invite", kwargs={"org_slug": org.slug})
    data = {"email": "sam.patel@example.org", "role": Role.CONTRIBUTOR}
    with at_the_same_moment(Invitation, "save", parties=2):
        results = run_in_threads(*(post(logged_in(u), path, data) for u in qms))

    assert not raised(results)
    assert sorted(r.status_code for r in results) == [302, 400]
    refused = next(r for r in results if r.status_code == 400)
    assert "already has an invitation waiting" in field_error_html(refused, "email")
    assert 'value="sam.patel@example.org"' in refused.content.decode()  # what was typed
    assert Invitation.unscoped.filter(email="sam.patel@example.org").count() == 1


def test_two_sign_ups_through_one_invitation_link_at_once(org):
    invitation = InvitationFactory(organisation=org, email="sam.patel@example.org")
    path = local_path(invitation.accept_url())
    names = ["Sam Patel", "Samira Patel"]
    with at_the_same_moment(User.objects, "create_user", parties=2):
        results = run_in_threads(*(post(Client(), path, signup_data(name=name)) for name in names))

    assert not raised(results)
    assert sorted(r.status_code for r in results) == [302, 400]
    refused = next(r for r in results if r.status_code == 400)
    page = refused.content.decode()
    assert "already been used to create an account" in page
    assert any(f'value="{name}"' in page for name in names)  # what was typed
    assert User.objects.filter(email="sam.patel@example.org").count() == 1
    assert (
        Membership.unscoped.filter(organisation=org, user__email="sam.patel@example.org").count()
        == 1
    )


def onboard_at_once(*forms: dict) -> list:
    """Each form posted by its own account manager, both reaching the service together."""
    managers = [account_manager_for(email=f"am{i}@example.org") for i in range(len(forms))]
    path = reverse("portfolio:onboard")
    with at_the_same_moment(portfolio_views, "organisation_onboard", parties=len(forms)):
        results = run_in_threads(
            *(post(logged_in(m), path, f) for m, f in zip(managers, forms, strict=True))
        )
    assert not raised(results)
    return results


def test_two_onboardings_with_one_ukprn_at_once(db):
    results = onboard_at_once(
        onboard_data(name="Westbrook Skills Academy"),
        onboard_data(name="Westbrook Skills", quality_manager_email="qm@westbrook.example"),
    )

    assert sorted(r.status_code for r in results) == [200, 302]
    refused = next(r for r in results if r.status_code == 200)
    assert "already onboarded" in field_error_html(refused, "ukprn")
    assert 'value="10077001"' in refused.content.decode()
    assert Organisation.objects.filter(ukprn="10077001").count() == 1


def test_two_onboardings_with_one_name_at_once_both_succeed(db):
    results = onboard_at_once(
        onboard_data(ukprn="10077001"),
        onboard_data(ukprn="10077002", quality_manager_email="qm@westbrook.example"),
    )

    assert [r.status_code for r in results] == [302, 302]
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert slugs == {"westbrook-skills-academy", "westbrook-skills-academy-2"}


def test_two_quality_managers_demoting_each_other_at_once(org):
    a, b = (MembershipFactory(organisation=org, role=Role.QUALITY_MANAGER) for _ in range(2))

    def demote(by: Membership, whom: Membership):
        path = reverse(
            "tenancy:member_change_role", kwargs={"org_slug": org.slug, "member_code": whom.code}
        )
        client = logged_in(by.user)
        return lambda: client.post(path, {"role": Role.CONTRIBUTOR}, follow=True)

    with at_the_same_moment(Membership, "save", parties=2):
        results = run_in_threads(demote(a, b), demote(b, a))

    assert not raised(results)
    assert [r.status_code for r in results] == [200, 200]
    pages = sorted(r.content.decode() for r in results)
    assert sum("is the only quality manager" in page for page in pages) == 1
    assert sum("is now a contributor" in page for page in pages) == 1
    roles = list(Membership.unscoped.filter(organisation=org).values_list("role", flat=True))
    assert roles.count(Role.QUALITY_MANAGER) == 1
