"""`seed_demo` creates the documented demo accounts, idempotently, and only when safe."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from tenancy.models import (
    Invitation,
    Membership,
    Organisation,
    OrganisationUserObjectPermission,
    ProviderType,
)
from tenancy.roles import Role
from tests.demo_snapshot import check_deferred_keys_now

pytestmark = pytest.mark.django_db

User = get_user_model()

PROVIDERS = {
    "Northfield Training": ("northfield.demo.example", ProviderType.INDEPENDENT_TRAINING_PROVIDER),
    "Riverside College": ("riverside.demo.example", ProviderType.GENERAL_FE_COLLEGE),
}
PEOPLE = {
    "qm": Role.QUALITY_MANAGER,
    "leader": Role.SENIOR_LEADER,
    "staff": Role.CONTRIBUTOR,
    "viewer": Role.VIEWER,
}
#: Each provider's extra people and who is its designated safeguarding lead.
EXTRA_PEOPLE = {"Northfield Training": {"dsl": Role.SENIOR_LEADER}, "Riverside College": {}}
SAFEGUARDING_LEADS = {"Northfield Training": {"dsl"}, "Riverside College": {"qm"}}


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": Membership.unscoped.count(),
        "invitations": Invitation.unscoped.count(),
        "assignments": OrganisationUserObjectPermission.objects.count(),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One run of `seed_demo --force` from an empty database with DEBUG off (as `make stack`
    runs it), shared by the module's tests that read what it created; rolled back after the
    module. Returns what it printed. (Each real seed renders two packs: one is enough here.)"""
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(DEBUG=False):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            printed = seed("--force")
            check_deferred_keys_now()
            yield printed
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# These need an empty database, so they come before the first test that takes `seeded`
# (a module-scoped fixture stays in place until the module ends).
def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        seed()
    assert not User.objects.exists()
    assert not Organisation.objects.exists()


def test_with_debug_on_it_needs_no_force(settings, monkeypatch):
    from demo.management.commands import seed_demo

    settings.DEBUG = True
    monkeypatch.setattr(seed_demo, "seed_all", lambda password: [f"seeded with {password}"])
    assert f"seeded with {settings.DEMO_PASSWORD}" in seed()


def test_force_runs_it_with_debug_off(seeded, db):
    assert "Demo data ready (small)" in seeded
    assert User.objects.filter(email="am@demo.example", is_account_manager=True).exists()
    assert Organisation.objects.count() == 2


def test_it_creates_the_platform_accounts(seeded, db):
    output = seeded

    am = User.objects.get(email="am@demo.example")
    assert am.is_account_manager
    assert not am.is_superuser
    admin = User.objects.get(email="admin@demo.example")
    assert admin.is_superuser
    assert admin.is_staff
    assert not Membership.unscoped.filter(user__in=[am, admin]).exists()
    assert "Demo data ready (small)" in output


@pytest.mark.parametrize("name", PROVIDERS)
def test_it_creates_each_provider_with_its_people(seeded, db, name):
    domain, provider_type = PROVIDERS[name]
    organisation = Organisation.objects.get(name=name)
    assert organisation.provider_type == provider_type
    organisation.full_clean()  # a valid UKPRN and the rest
    memberships = Membership.unscoped.filter(organisation=organisation).select_related("user")
    roles = {m.user.email: m.role for m in memberships}
    people = PEOPLE | EXTRA_PEOPLE[name]
    assert roles == {f"{local}@{domain}": role for local, role in people.items()}
    leads = {m.user.email for m in memberships if m.is_safeguarding_lead}
    assert leads == {f"{local}@{domain}" for local in SAFEGUARDING_LEADS[name]}


def test_both_providers_are_assigned_to_the_account_manager(seeded, db):
    am = User.objects.get(email="am@demo.example")
    for name in PROVIDERS:
        assert am.has_perm("tenancy.look_after_organisation", Organisation.objects.get(name=name))
    admin = User.objects.get(email="admin@demo.example")
    assert not OrganisationUserObjectPermission.objects.filter(user=admin).exists()


def test_everyone_has_a_verified_email_and_the_demo_password(seeded, db, settings):
    users = list(User.objects.all())
    extra = sum(len(people) for people in EXTRA_PEOPLE.values())
    assert len(users) == 2 + len(PROVIDERS) * len(PEOPLE) + extra
    for user in users:
        address = EmailAddress.objects.get(user=user)
        assert address.email == user.email
        assert address.verified, user.email
        assert address.primary, user.email
        assert user.check_password(settings.DEMO_PASSWORD), user.email


def test_a_demo_user_can_sign_in_with_the_demo_password(seeded, db, client, settings):
    response = client.post(
        reverse("account_login"),
        {"login": "qm@riverside.demo.example", "password": settings.DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/").url == "/o/riverside-college/"


def test_running_it_twice_creates_no_duplicates(seeded, db, debug):
    first = counts()  # after the first run
    seed()
    assert counts() == first
    assert first["organisations"] == 2
    assert first["memberships"] == 9
    assert first["assignments"] == 2
