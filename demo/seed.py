"""Builders behind `seed_demo`. Later capabilities add their own records here."""

from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from demo.sample_files import csv_bytes, docx_bytes, pdf_bytes, png_bytes
from evidence.models import EvidenceItem, EvidenceKind
from evidence.services import evidence_create
from tenancy.models import Invitation, Membership, Organisation, ProviderType
from tenancy.roles import Role
from tenancy.scope import tenant_scope
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
        people = {}
        for local, (name, role) in spec["people"].items():
            user = demo_user(f"{local}@{spec['domain']}", name, password)
            Membership.unscoped.get_or_create(
                organisation=organisation, user=user, defaults={"role": role}
            )
            people[local] = user
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
        seed_evidence(organisation, people)
        lines.append(f"{organisation.name}: qm@, leader@, staff@, viewer@{spec['domain']}")
    return lines


def _academic_year(today: date) -> int:
    return today.year if today.month >= 9 else today.year - 1


def evidence_specs(organisation: Organisation, today: date) -> list[dict]:
    """The demo evidence of one provider, dated relative to today.

    The training report is the most recent (effective today) and belongs to the contributor
    (`staff`), so the first item a test picks is one every role with edit rights may edit. One
    item has already expired and one expires within the warning period.
    """
    year = _academic_year(today)
    span = f"{year}/{(year + 1) % 100:02d}"
    name = organisation.name
    policy_from = min(date(year, 9, 1), today - timedelta(days=1))

    def days_ago(days: int) -> str:
        return (today - timedelta(days=days)).isoformat()

    return [
        {
            "title": f"Prevent and safeguarding policy {span}",
            "description": "Approved by the board. Covers the Prevent duty, Channel referrals, "
            "external speakers and online safety.",
            "owner": "qm",
            "effective_date": policy_from,
            "valid_until": max(date(year + 1, 8, 31), policy_from),
            "filename": f"Prevent and safeguarding policy {span}.pdf",
            "content": pdf_bytes(
                f"{name}: Prevent and safeguarding policy {span}",
                [
                    "1. Purpose: how we meet the Prevent duty (section 26, CTSA 2015).",
                    "2. Roles: the Designated Safeguarding Lead is the Prevent lead.",
                    "3. Risk assessment and action plan, reviewed every year.",
                    "4. Staff training, and how concerns are referred to Channel.",
                    "5. External speakers and events; IT filtering and monitoring.",
                ],
            ),
        },
        {
            "title": "Prevent risk assessment (DfE template)",
            "description": "Annual risk assessment on the Department for Education template. "
            "Overdue for review.",
            "owner": "qm",
            "effective_date": today - timedelta(days=380),
            "valid_until": today - timedelta(days=15),
            "filename": "Prevent risk assessment.docx",
            "content": docx_bytes(
                f"{name}: Prevent risk assessment",
                [
                    "Leadership and partnership: low risk. Named Prevent lead in place.",
                    "Staff training: medium risk. Refresher training due for new starters.",
                    "IT policies: low risk. Filtering and monitoring tested termly.",
                    "External speakers: medium risk. Log kept; checks to be evidenced.",
                ],
            ),
        },
        {
            "title": "Staff Prevent training completion report",
            "description": "Export from the training system: who has completed the Home "
            "Office Prevent awareness course.",
            "owner": "staff",
            "uploaded_by": "staff",
            "effective_date": today,
            "valid_until": today + timedelta(days=90),
            "filename": "Prevent training completion.csv",
            "content": csv_bytes(
                [
                    ["Name", "Role", "Course", "Completed on", "Status"],
                    ["A. Patel", "Tutor", "Prevent awareness", days_ago(75), "Complete"],
                    ["J. Morgan", "Assessor", "Prevent awareness", days_ago(68), "Complete"],
                    ["L. Chen", "Learner support", "Prevent awareness", "", "Not started"],
                    ["R. Davies", "Tutor", "Prevent refresher", days_ago(54), "Complete"],
                ]
            ),
        },
        {
            "title": "External speaker log",
            "description": "Every external speaker and event, with the checks made and who "
            "approved them.",
            "owner": "leader",
            "effective_date": today - timedelta(days=60),
            "valid_until": None,
            "url": f"https://intranet.{organisation.slug}.demo.example/safeguarding/speakers",
        },
        {
            "title": "DSL Prevent refresher training certificate",
            "description": "The Designated Safeguarding Lead's refresher training; renew "
            "every two years.",
            "owner": "qm",
            "effective_date": today - timedelta(days=710),
            "valid_until": today + timedelta(days=20),
            "filename": "DSL Prevent refresher certificate.pdf",
            "content": pdf_bytes(
                "Certificate of completion: Prevent refresher for DSLs",
                [f"Awarded to the Designated Safeguarding Lead, {name}.", "Valid for 2 years."],
            ),
        },
        {
            "title": "Channel referral pathway poster",
            "description": "Displayed in staff rooms: who to tell about a Prevent concern.",
            "owner": "staff",
            "uploaded_by": "staff",
            "effective_date": today - timedelta(days=200),
            "valid_until": None,
            "filename": "Channel referral pathway.png",
            "content": png_bytes(),
        },
    ]


def seed_evidence(organisation: Organisation, people: dict) -> None:
    """A realistic evidence library, created through the service (idempotent, by title)."""
    existing = set(
        EvidenceItem.unscoped.filter(organisation=organisation).values_list("title", flat=True)
    )
    with tenant_scope(organisation):
        for spec in evidence_specs(organisation, timezone.localdate()):
            if spec["title"] in existing:
                continue
            is_file = "content" in spec
            evidence_create(
                organisation=organisation,
                uploaded_by=people[spec.get("uploaded_by", "qm")],
                title=spec["title"],
                description=spec["description"],
                kind=EvidenceKind.FILE if is_file else EvidenceKind.LINK,
                file=ContentFile(spec["content"], name=spec["filename"]) if is_file else None,
                url=spec.get("url", ""),
                owner=people[spec["owner"]],
                effective_date=spec["effective_date"],
                valid_until=spec["valid_until"],
            )


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
