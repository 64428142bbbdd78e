"""Builders behind `seed_demo`. Later capabilities add their own records here."""

from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from demo.evidence_specs import evidence_specs
from evidence.models import EvidenceItem, EvidenceKind, Sensitivity
from evidence.services import evidence_create
from tenancy.models import Invitation, Membership, Organisation, ProviderType, SupportGrant
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tenancy.services import organisation_assign_account_manager

User = get_user_model()

PROVIDERS: list[dict[str, Any]] = [
    {
        "slug": "northfield-training",
        "name": "Northfield Training",
        "ukprn": "10091234",
        "provider_type": ProviderType.INDEPENDENT_TRAINING_PROVIDER,
        "contact_name": "Priya Shah",
        "domain": "northfield.demo.example",
        # Apprentices are based with employers across the North West and Yorkshire.
        "delivers_in_several_regions": True,
        "people": {
            "qm": ("Priya Shah", Role.QUALITY_MANAGER),
            "leader": ("Daniel Okafor", Role.SENIOR_LEADER),
            "staff": ("Megan Lewis", Role.CONTRIBUTOR),
            "viewer": ("Tom Hughes", Role.VIEWER),
            "dsl": ("Aisha Rahman", Role.SENIOR_LEADER),
        },
        # Northfield's designated safeguarding lead is a senior leader of her own; at Riverside
        # the quality manager is also the DSL, as at many providers.
        "safeguarding_leads": {"dsl"},
    },
    {
        "slug": "riverside-college",
        "name": "Riverside College",
        "ukprn": "10005678",
        "provider_type": ProviderType.GENERAL_FE_COLLEGE,
        "contact_name": "Alan Brooks",
        "domain": "riverside.demo.example",
        "delivers_in_several_regions": False,
        "people": {
            "qm": ("Alan Brooks", Role.QUALITY_MANAGER),
            "leader": ("Fatima Begum", Role.SENIOR_LEADER),
            "staff": ("Gareth Evans", Role.CONTRIBUTOR),
            "viewer": ("Sophie Turner", Role.VIEWER),
        },
        "safeguarding_leads": {"qm"},
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
                "delivers_in_several_regions": spec["delivers_in_several_regions"],
                "subcontracts_delivery": True,  # both have subcontractors in their register
                "onboarded_by": account_manager,
            },
        )
        organisation_assign_account_manager(organisation=organisation, user=account_manager)
        people = {}
        for local, (name, role) in spec["people"].items():
            user = demo_user(f"{local}@{spec['domain']}", name, password)
            Membership.objects.for_organisation(organisation).get_or_create(
                organisation=organisation,
                user=user,
                defaults={
                    "role": role,
                    "is_safeguarding_lead": local in spec["safeguarding_leads"],
                },
            )
            people[local] = user
        # One colleague invited but not yet joined, so the invitations list has something in it.
        Invitation.objects.for_organisation(organisation).get_or_create(
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
        seed_evidence(organisation, people)
        seed_support_grant(organisation, account_manager)
        lines.append(
            f"{organisation.name}: {', '.join(f'{p}@' for p in spec['people'])}{spec['domain']}"
        )
    return lines


def seed_support_grant(organisation: Organisation, account_manager) -> None:
    """A support grant that has ended, so the page has a row and the account manager still
    sees figures, not content (a live grant would change what the role matrix expects)."""
    grants = SupportGrant.objects.for_organisation(organisation)
    if grants.exists():
        return
    qm = organisation.memberships.get(role=Role.QUALITY_MANAGER).user
    start = timezone.now() - timedelta(days=30)
    grant = grants.create(
        organisation=organisation,
        account_manager=account_manager,
        reason="Help setting up the evidence library",
        ends_at=start + timedelta(days=3),
        granted_by=qm,
        ended_at=start + timedelta(days=1),
        ended_by=qm,
    )
    grants.filter(pk=grant.pk).update(created_at=start)  # granted a month ago


def seed_evidence(organisation: Organisation, people: dict) -> None:
    """A realistic evidence library, created through the service (idempotent, by title)."""
    with tenant_scope(organisation):
        existing = set(EvidenceItem.objects.values_list("title", flat=True))
        for spec in evidence_specs(organisation, timezone.localdate()):
            if spec["title"] in existing:
                continue
            is_file = "content" in spec
            evidence_create(
                organisation=organisation,
                by=people[spec.get("uploaded_by", "qm")],
                title=spec["title"],
                description=spec["description"],
                kind=EvidenceKind.FILE if is_file else EvidenceKind.LINK,
                file=ContentFile(spec["content"], name=spec["filename"]) if is_file else None,
                url=spec.get("url", ""),
                owner=people[spec["owner"]],
                effective_date=spec["effective_date"],
                valid_until=spec["valid_until"],
                sensitivity=Sensitivity.RESTRICTED
                if spec.get("restricted")
                else Sensitivity.NORMAL,
            )
