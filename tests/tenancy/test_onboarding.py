"""Account managers onboard providers from their portfolio and invite the first QM."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenancy.models import Invitation, InvitationState, Organisation, ProviderType
from tenancy.roles import Role
from tenancy.services import organisation_assign_account_manager
from tests.factories import MembershipFactory, OrganisationFactory, account_manager_for
from tests.tenancy.helpers import field_error_html, local_path

pytestmark = pytest.mark.django_db

PORTFOLIO_URL = reverse("reporting:cockpit")
ONBOARD_URL = reverse("portfolio:onboard")


def onboard_data(**overrides) -> dict[str, str]:
    data = {
        "name": "Westbrook Skills Academy",
        "ukprn": "10077001",
        "provider_type": ProviderType.INDEPENDENT_TRAINING_PROVIDER,
        "contact_name": "Jordan Pike",
        "contact_email": "jordan.pike@westbrook.example",
        "contact_phone": "0161 496 0000",
        "quality_manager_email": "Quality.Lead@Westbrook.example",
    }
    data.update(overrides)
    return data


@pytest.fixture
def account_manager(db):
    return account_manager_for(email="am@example.org", name="Ruth Kaur")


@pytest.fixture
def am_client(account_manager, client_for):
    return client_for(account_manager)


def test_it_shows_the_onboarding_form_to_an_account_manager(am_client):
    response = am_client.get(ONBOARD_URL)
    assert response.status_code == 200
    assert set(response.context["form"].fields) == {*onboard_data(), "frameworks"}
    assert b"Onboard a provider" in response.content


def test_it_onboards_a_provider(am_client, account_manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = am_client.post(ONBOARD_URL, onboard_data())

    organisation = Organisation.objects.get(ukprn="10077001")
    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()
    assert organisation.name == "Westbrook Skills Academy"
    assert organisation.slug == "westbrook-skills-academy"
    assert organisation.provider_type == ProviderType.INDEPENDENT_TRAINING_PROVIDER
    assert organisation.contact_name == "Jordan Pike"
    assert organisation.contact_email == "jordan.pike@westbrook.example"
    assert organisation.contact_phone == "0161 496 0000"
    assert organisation.onboarded_by == account_manager


def test_it_assigns_the_account_manager_through_guardian(
    am_client, account_manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        am_client.post(ONBOARD_URL, onboard_data())

    organisation = Organisation.objects.get(ukprn="10077001")
    assert account_manager.has_perm("tenancy.look_after_organisation", organisation)
    other_am = account_manager_for()
    assert not other_am.has_perm("tenancy.look_after_organisation", organisation)
    # The account manager can open the new provider's pages straight away.
    assert am_client.get(organisation.get_absolute_url()).status_code == 200


def test_it_invites_the_first_quality_manager(
    am_client, account_manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        am_client.post(ONBOARD_URL, onboard_data())

    organisation = Organisation.objects.get(ukprn="10077001")
    invitation = Invitation.unscoped.get(organisation=organisation)
    assert invitation.email == "quality.lead@westbrook.example"
    assert invitation.role == Role.QUALITY_MANAGER
    assert invitation.state == InvitationState.PENDING
    assert invitation.invited_by == account_manager
    assert invitation.email_sent_at is not None
    assert not organisation.memberships.exists()


def test_it_emails_the_invitation(am_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        am_client.post(ONBOARD_URL, onboard_data())

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    invitation = Invitation.unscoped.get(email="quality.lead@westbrook.example")
    accept_url = invitation.accept_url()
    assert message.to == ["quality.lead@westbrook.example"]
    assert message.subject == (
        "You are invited to join Westbrook Skills Academy on Prevent Compliance"
    )
    assert accept_url in message.body
    assert "Westbrook Skills Academy" in message.body
    assert "quality manager" in message.body
    assert "Ruth Kaur has invited you" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{accept_url}"' in html
    assert "<strong>Westbrook Skills Academy</strong>" in html


def test_the_emailed_link_opens_the_sign_up_form(
    am_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        am_client.post(ONBOARD_URL, onboard_data())

    link = re.search(r"http://testserver/invitations/\S+/", mail.outbox[0].body).group(0)
    response = client.get(local_path(link))
    assert response.status_code == 200
    assert b"Join Westbrook Skills Academy" in response.content
    assert "form" in response.context


def test_it_sends_no_email_before_the_transaction_commits(
    am_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        am_client.post(ONBOARD_URL, onboard_data())
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_it_gives_two_providers_with_the_same_name_different_slugs(
    am_client, django_capture_on_commit_callbacks
):
    OrganisationFactory(name="Westbrook Skills Academy", slug="westbrook-skills-academy")
    with django_capture_on_commit_callbacks(execute=True):
        response = am_client.post(ONBOARD_URL, onboard_data())
    assert response.status_code == 302
    assert Organisation.objects.get(ukprn="10077001").slug == "westbrook-skills-academy-2"


@pytest.mark.parametrize(
    ("ukprn", "message"),
    [
        ("1234", "exactly 8 digits"),
        ("123456789", "exactly 8 digits"),
        ("2001234X", "starts with 1"),
        ("20012345", "starts with 1"),
        ("1001234a", "starts with 1"),
        ("1\uff10\uff10\uff17\uff17\uff10\uff10\uff11", "starts with 1"),  # full-width digits
        ("1007700\u0661", "starts with 1"),  # an Arabic-Indic digit one
        ("", "This field is required"),
    ],
)
def test_it_rejects_a_bad_ukprn_next_to_the_field(
    am_client, ukprn, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = am_client.post(ONBOARD_URL, onboard_data(ukprn=ukprn))

    assert response.status_code in {200, 400}  # the form again, not a redirect or a 500
    form = response.context["form"]
    assert list(form.errors) == ["ukprn"]
    assert message in " ".join(form.errors["ukprn"])
    assert message in field_error_html(response, "ukprn")
    html = response.content.decode()
    assert 'value="Westbrook Skills Academy"' in html
    assert 'value="jordan.pike@westbrook.example"' in html
    assert 'value="Quality.Lead@Westbrook.example"' in html
    assert not Organisation.objects.filter(name="Westbrook Skills Academy").exists()
    assert not Invitation.unscoped.exists()
    assert mail.outbox == []


def test_it_does_not_let_look_alike_digits_dodge_the_duplicate_check(am_client):
    OrganisationFactory(ukprn="10077001")
    response = am_client.post(
        ONBOARD_URL, onboard_data(ukprn="1\uff10\uff10\uff17\uff17\uff10\uff10\uff11")
    )
    assert "starts with 1" in field_error_html(response, "ukprn")
    assert Organisation.objects.count() == 1


def test_it_rejects_a_ukprn_that_is_already_onboarded(
    am_client, django_capture_on_commit_callbacks
):
    OrganisationFactory(name="Existing College", ukprn="10077001")
    with django_capture_on_commit_callbacks(execute=True):
        response = am_client.post(ONBOARD_URL, onboard_data())

    assert response.status_code in {200, 400}
    assert response.context["form"].errors["ukprn"] == [
        "A provider with this UKPRN is already onboarded."
    ]
    assert "already onboarded" in field_error_html(response, "ukprn")
    html = response.content.decode()
    assert 'value="Westbrook Skills Academy"' in html
    assert Organisation.objects.filter(ukprn="10077001").count() == 1
    assert mail.outbox == []


def test_it_keeps_the_typed_ukprn_when_another_field_is_wrong(am_client):
    response = am_client.post(ONBOARD_URL, onboard_data(quality_manager_email="not-an-email"))
    assert list(response.context["form"].errors) == ["quality_manager_email"]
    assert "valid email" in field_error_html(response, "quality_manager_email")
    assert field_error_html(response, "ukprn") == ""
    html = response.content.decode()
    assert 'value="10077001"' in html
    assert 'value="not-an-email"' in html
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("url", [PORTFOLIO_URL, ONBOARD_URL])
def test_a_member_who_is_not_an_account_manager_gets_404(url, member, client_for):
    client = client_for(member)
    assert client.get(url).status_code == 404
    assert client.post(url, onboard_data()).status_code == 404
    assert not Organisation.objects.filter(ukprn="10077001").exists()


@pytest.mark.parametrize("url", [PORTFOLIO_URL, ONBOARD_URL])
def test_a_platform_admin_who_is_not_an_account_manager_gets_404(url, user_factory, client_for):
    admin = user_factory(is_staff=True, is_superuser=True)
    assert client_for(admin).get(url).status_code == 404


@pytest.mark.parametrize("url", [PORTFOLIO_URL, ONBOARD_URL])
def test_an_anonymous_visitor_is_sent_to_sign_in(url, client):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_portfolio_lists_only_the_account_managers_providers(client_for):
    mine = OrganisationFactory(name="Ashford Apprenticeships")
    also_mine = OrganisationFactory(name="Beacon College")
    unassigned = OrganisationFactory(name="Unassigned Provider Ltd")
    someone_elses = OrganisationFactory(name="Colleague's Provider")
    account_manager = account_manager_for(mine, also_mine)
    account_manager_for(someone_elses)

    response = client_for(account_manager).get(PORTFOLIO_URL)

    assert response.status_code == 200
    assert [row.organisation for row in response.context["page"]] == [mine, also_mine]
    html = response.content.decode()
    assert "Ashford Apprenticeships" in html
    assert "Beacon College" in html
    assert unassigned.name not in html
    assert "Colleague" not in html


def test_the_portfolio_shows_each_providers_set_up_state(client_for):
    with_qm = OrganisationFactory(name="Has QM")
    MembershipFactory(organisation=with_qm, role=Role.QUALITY_MANAGER)
    MembershipFactory(organisation=with_qm, role=Role.VIEWER)
    waiting = OrganisationFactory(name="Waiting")
    waiting.invitations.create(email="qm@waiting.example", role=Role.QUALITY_MANAGER)
    neither = OrganisationFactory(name="Neither")
    account_manager = account_manager_for(with_qm, waiting, neither)

    response = client_for(account_manager).get(PORTFOLIO_URL)

    rows = {row.organisation.name: row.organisation for row in response.context["page"]}
    assert rows["Has QM"].member_count == 2
    assert rows["Has QM"].quality_manager_count == 1
    assert rows["Waiting"].member_count == 0
    assert rows["Waiting"].has_pending_invitation
    assert not rows["Neither"].has_pending_invitation
    html = response.content.decode()
    assert "Quality manager in place" in html
    assert "Waiting for quality manager" in html
    assert "No quality manager" in html


def test_an_empty_portfolio_points_to_onboarding(account_manager, am_client):
    response = am_client.get(PORTFOLIO_URL)
    assert response.status_code == 200
    assert b"No providers are assigned to you yet" in response.content


def _assign_providers(account_manager, count: int) -> None:
    for _ in range(count):
        organisation = OrganisationFactory()
        MembershipFactory(organisation=organisation, role=Role.QUALITY_MANAGER)
        MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR)
        organisation.invitations.create(email=f"new@{organisation.slug}.example", role="viewer")
        organisation_assign_account_manager(organisation=organisation, user=account_manager)


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_portfolio_query_count_does_not_grow_with_providers(account_manager, am_client):
    _assign_providers(account_manager, 2)
    am_client.get(PORTFOLIO_URL)  # warm up: first-request lookups are not what we measure
    small = _count_queries(am_client, PORTFOLIO_URL)

    _assign_providers(account_manager, 10)
    response = am_client.get(PORTFOLIO_URL)
    assert len(response.context["page"]) == 12
    assert _count_queries(am_client, PORTFOLIO_URL) == small
