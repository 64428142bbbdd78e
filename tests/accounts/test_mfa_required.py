"""Two-factor authentication is required of platform admins and account managers, and of everyone
in an organisation whose quality manager requires it; until set up, nothing else is reachable."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from core.access import ORGANISATION, USER
from tenancy.mfa import RequiredMFAAdapter
from tenancy.roles import Role
from tenancy.services import organisation_assign_account_manager
from tests.factories import PASSWORD, MembershipFactory, UserFactory, give_mfa_if_required
from tests.isolation import url_values_for
from tests.urlwalk import routes_of_kind

pytestmark = pytest.mark.django_db

SETUP = "/accounts/2fa/totp/activate/"


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def new_account_manager(org):
    user = UserFactory(is_account_manager=True, mfa=False)
    organisation_assign_account_manager(organisation=org, user=user)
    return user


def test_an_account_manager_signing_in_is_sent_to_set_up_two_factor(new_account_manager, client):
    response = client.post(
        "/accounts/login/", {"login": new_account_manager.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    landing = client.get(response["Location"])
    assert landing.status_code == 302 and landing["Location"] == SETUP
    page = client.get(SETUP, follow=True)
    assert page.status_code == 200
    assert "needs two-factor authentication" in page.content.decode()


@pytest.mark.parametrize(
    "route", routes_of_kind(ORGANISATION) + routes_of_kind(USER), ids=lambda r: r.name
)
def test_every_page_redirects_to_setup_until_it_is_done(route, demo_world, db):
    from django.contrib.auth import get_user_model

    from tenancy.models import Organisation

    organisation = Organisation.objects.get(slug="northfield-training")
    account_manager = get_user_model().objects.get(email="am@demo.example")
    assert not Authenticator.objects.filter(user=account_manager).exists()
    url = route.url(url_values_for(route, organisation))
    client = _signed_in(account_manager)
    for method in ("GET", "POST"):
        response = client.generic(method, url)
        assert response.status_code == 302 and response["Location"] == SETUP, f"{method} {url}"


def test_the_admin_is_unreachable_for_a_platform_admin_without_two_factor():
    admin = UserFactory(is_staff=True, is_superuser=True, mfa=False)
    response = _signed_in(admin).get("/admin/")
    assert response.status_code == 302 and response["Location"] == SETUP


def test_signing_out_and_the_two_factor_pages_stay_reachable(new_account_manager):
    client = _signed_in(new_account_manager)
    for path in ("/accounts/2fa/", SETUP):
        response = client.get(path)
        assert response.status_code in {200, 302}
        assert response.get("Location") != SETUP, path
    assert client.post("/accounts/logout/")["Location"] != SETUP
    assert "_auth_user_id" not in client.session


def test_once_set_up_the_pages_open(org, new_account_manager):
    give_mfa_if_required(new_account_manager)
    assert _signed_in(new_account_manager).get(f"/o/{org.slug}/").status_code == 200


def test_ordinary_members_need_it_only_when_their_organisation_requires_it(org, qm, viewer):
    client = _signed_in(viewer)
    assert client.get(f"/o/{org.slug}/").status_code == 200
    response = _signed_in(qm).post(f"/o/{org.slug}/members/two-factor/", {"require_mfa": "on"})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.require_mfa
    response = client.get(f"/o/{org.slug}/")
    assert response.status_code == 302 and response["Location"] == SETUP
    # Members of other organisations are untouched.
    elsewhere = MembershipFactory(role=Role.VIEWER).user
    assert _signed_in(elsewhere).get("/notifications/").status_code == 200


def test_the_members_page_offers_the_setting_to_a_quality_manager(org, qm, client_for):
    page = client_for(qm).get(f"/o/{org.slug}/members/").content.decode()
    assert "Require two-factor authentication for everyone" in page


def test_someone_who_must_use_it_cannot_remove_their_authenticator(new_account_manager):
    give_mfa_if_required(new_account_manager)
    authenticator = Authenticator.objects.get(user=new_account_manager)
    assert RequiredMFAAdapter().can_delete_authenticator(authenticator) is False
    member = UserFactory()
    give_mfa_if_required(member, force=True)
    own = Authenticator.objects.get(user=member)
    assert RequiredMFAAdapter().can_delete_authenticator(own) is True
