"""Builders behind `seed_demo`. Later capabilities add their own records here."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from tenancy.models import Invitation, Membership, Organisation, ProviderType
from tenancy.roles import Role
from tenancy.services import organisation_assign_account_manager

User = get_user_model()

PROVIDERS = [
    {
        "slug": "northfield-training",
        "name": "Northfield Training",
        "ukprn": "10091234",
        "provider_type": ProviderType.INDEPENDENT_TRAINING_PROVIDER,
        "contact_name": "Priya Shah",
        "domain": "northfield.demo.example",
        "people": {
            "qm": ("Priya Shah", Role.QUALITY_MANAGER),
            "leader": ("Daniel Okafor", Role.SENIOR_LEADER),
            "staff": ("Megan Lewis", Role.CONTRIBUTOR),
            "viewer": ("Tom Hughes", Role.VIEWER),
        },
    },
    {
        "slug": "riverside-college",
        "name": "Riverside College",
        "ukprn": "10005678",
        "provider_type": ProviderType.GENERAL_FE_COLLEGE,
        "contact_name": "Alan Brooks",
        "domain": "riverside.demo.example",
        "people": {
            "qm": ("Alan Brooks", Role.QUALITY_MANAGER),
            "leader": ("Fatima Begum", Role.SENIOR_LEADER),
            "staff": ("Gareth Evans", Role.CONTRIBUTOR),
            "viewer": ("Sophie Turner", Role.VIEWER),
        },
    },
]


def demo_user(email: str, name: str, password: str, **flags) -> "User":
    user, created = User.objects.get_or_create(email=email, defaults={"name": name, **flags})
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed_foundation(*, password: str) -> list[str]:
    lines = []
    demo_user("admin@demo.example", "Platform Admin", password, is_staff=True, is_superuser=True)
    account_manager = demo_user("am@demo.example", "Ruth Kaur", password, is_account_manager=True)
    lines.append("admin@demo.example (platform admin), am@demo.example (account manager)")
    for spec in PROVIDERS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "ukprn": spec["ukprn"],
                "provider_type": spec["provider_type"],
                "contact_name": spec["contact_name"],
                "contact_email": f"qm@{spec['domain']}",
                "onboarded_by": account_manager,
            },
        )
        organisation_assign_account_manager(organisation=organisation, user=account_manager)
        for local, (name, role) in spec["people"].items():
            user = demo_user(f"{local}@{spec['domain']}", name, password)
            Membership.unscoped.get_or_create(
                organisation=organisation, user=user, defaults={"role": role}
            )
        # One colleague invited but not yet joined, so the invitations list has something in it.
        Invitation.unscoped.get_or_create(
            organisation=organisation,
            email=f"new.starter@{spec['domain']}",
            accepted_at=None,
            revoked_at=None,
            defaults={
                "role": Role.CONTRIBUTOR,
                "invited_by": organisation.memberships.get(role=Role.QUALITY_MANAGER).user,
                "email_sent_at": timezone.now(),
            },
        )
        lines.append(f"{organisation.name}: qm@, leader@, staff@, viewer@{spec['domain']}")
    return lines


def seed_large(*, password: str, organisations: int = 50) -> list[str]:
    account_manager = User.objects.get(email="am@demo.example")
    for n in range(organisations):
        organisation, _ = Organisation.objects.get_or_create(
            slug=f"large-provider-{n:03d}",
            defaults={
                "name": f"Large Demo Provider {n:03d}",
                "ukprn": f"1{n + 7000000:07d}",
                "provider_type": ProviderType.INDEPENDENT_TRAINING_PROVIDER,
                "contact_name": "Demo Contact",
                "contact_email": f"contact{n}@large.demo.example",
            },
        )
        organisation_assign_account_manager(organisation=organisation, user=account_manager)
        for local, role in [("qm", Role.QUALITY_MANAGER), ("staff", Role.CONTRIBUTOR)]:
            user = demo_user(f"{local}{n}@large.demo.example", f"{local.title()} {n}", password)
            Membership.unscoped.get_or_create(
                organisation=organisation, user=user, defaults={"role": role}
            )
    return [f"{organisations} extra organisations for benchmarks"]
