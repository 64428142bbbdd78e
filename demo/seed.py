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
            "description": "Approved by the board. Covers the Prevent duty, the referral route "
            "to the local Prevent team, external speakers and online safety.",
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
                    "4. Staff training, and how the DSL refers concerns to the local authority",
                    "   Prevent team on the national referral form (Channel may follow).",
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
            "title": "Prevent referral pathway poster",
            "description": "Displayed in staff rooms: tell the DSL the same day; the DSL refers "
            "to the local authority Prevent team on the national referral form.",
            "owner": "staff",
            "uploaded_by": "staff",
            "effective_date": today - timedelta(days=200),
            "valid_until": None,
            "filename": "Prevent referral pathway.png",
            "content": png_bytes(),
        },
        *_provider_specs(organisation, today),
    ]


def _document(title: str, description: str, owner: str, days_ago: int, lines: list[str]):
    today = timezone.localdate()
    return {
        "title": title,
        "description": description,
        "owner": owner,
        "effective_date": today - timedelta(days=days_ago),
        "valid_until": today - timedelta(days=days_ago) + timedelta(days=365),
        "filename": f"{title[:60].replace(':', '').replace(',', '')}.pdf",
        "content": pdf_bytes(title, lines),
    }


def _provider_specs(organisation: Organisation, today: date) -> list[dict]:
    """Evidence a college has and a training provider has: they differ."""
    if organisation.provider_type == ProviderType.INDEPENDENT_TRAINING_PROVIDER:
        return [
            _document(
                "Directors' meeting minutes: termly Prevent report",
                "Minutes of the directors' meeting with the DSL's termly Prevent report.",
                "leader",
                45,
                [
                    "Item 4: Prevent report. Training 86%. Concerns 2, referrals 1 (counts).",
                    "Directors asked for assessor completion by 30 April: agreed.",
                ],
            ),
            _document(
                "Filtering test log (SWGfL Test Filtering)",
                "Termly filtering tests on the centre network and loan laptops.",
                "qm",
                50,
                ["October: all categories blocked on both networks.", "Next test: January."],
            ),
            _document(
                "Apprentice voice survey",
                "Spring survey of apprentices: feeling safe, reporting a concern, the DSL.",
                "qm",
                120,
                ["142 responses. Know how to report a concern: 91%. Can name the DSL: 84%."],
            ),
            _document(
                "Apprentice induction workbook: Prevent, British values and online safety",
                "The workbook every apprentice completes in the first four weeks.",
                "staff",
                200,
                ["Unit 3: British values at work.", "Unit 4: staying safe online."],
            ),
            _document(
                "Employer agreement template (Prevent and safeguarding section)",
                "Signed with each employer at sign-up; names a workplace contact.",
                "qm",
                90,
                ["Section 7: the employer tells us of any safeguarding or Prevent concern."],
            ),
            _document(
                "Apprentice progress review template",
                "Ten-weekly review with the Prevent, online safety and wellbeing item.",
                "staff",
                150,
                ["Item 5: Prevent, online safety and wellbeing: prompts by programme stage."],
            ),
        ]
    return [
        _document(
            "Governors' safeguarding and Prevent report, autumn term",
            "Report to the corporation's quality and standards committee.",
            "leader",
            30,
            [
                "Concerns and referrals by term (counts, fewer than 5 suppressed).",
                "Link governor's visit notes; filtering review to come to the committee.",
            ],
        ),
        _document(
            "Lettings agreement with Prevent conditions and hirer checks",
            "The standard agreement for evening and weekend lettings.",
            "leader",
            100,
            ["Clause 9: hirers agree to the external speakers policy.", "Clause 10: materials."],
        ),
        _document(
            "Prayer and reflection room guidelines",
            "Rules for the multi-faith room, managed by the chaplaincy coordinator.",
            "staff",
            160,
            ["Booking through student services; no materials left in the room."],
        ),
        _document(
            "14 to 16 school-link learners: safeguarding protocol with partner schools",
            "How the college and partner schools share safeguarding concerns.",
            "qm",
            80,
            ["Concerns shared DSL to DSL the same day.", "Schools named in annex A."],
        ),
        _document(
            "Filtering and monitoring annual review",
            "Annual review under DfE's filtering and monitoring standards, with SWGfL tests.",
            "qm",
            40,
            [
                "Signed by the vice principal (students) and the link governor.",
                "Action: route library guest-network alerts to the safeguarding team.",
            ],
        ),
        _document(
            "Student voice survey: feeling safe, Prevent and British values",
            "Autumn survey of all students.",
            "qm",
            60,
            ["1,240 responses. 16 to 18: 88% know how to report a concern. Adults: 64%."],
        ),
        _document(
            "Students' union speaker and society events protocol",
            "Agreed with the students' union: how societies book speakers and events.",
            "leader",
            110,
            ["Requests ten working days ahead; online events included."],
        ),
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
                by=people[spec.get("uploaded_by", "qm")],
                title=spec["title"],
                description=spec["description"],
                kind=EvidenceKind.FILE if is_file else EvidenceKind.LINK,
                file=ContentFile(spec["content"], name=spec["filename"]) if is_file else None,
                url=spec.get("url", ""),
                owner=people[spec["owner"]],
                effective_date=spec["effective_date"],
                valid_until=spec["valid_until"],
            )
