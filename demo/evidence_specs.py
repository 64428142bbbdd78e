"""The demo evidence library as data: what every provider holds, and what a college holds
that a training provider does not (and the other way round). Dated relative to today.

`demo.seed.seed_evidence` creates each item through the evidence service. The titles matter:
`demo.narratives` links self-evaluation answers to evidence by title.
"""

from datetime import date, timedelta

from demo.sample_files import csv_bytes, docx_bytes, pdf_bytes, png_bytes
from tenancy.models import Organisation, ProviderType

# (title, description, owner, days since it took effect (valid for a year), lines of the PDF)
ITP_DOCUMENTS = [
    (
        "Directors' meeting minutes: termly Prevent report",
        "Minutes of the directors' meeting with the DSL's termly Prevent report.",
        "leader",
        45,
        [
            "Item 4: Prevent report. Training 86%. Concerns 2, referrals 1 (counts).",
            "Directors asked for assessor completion by 30 April: agreed.",
        ],
    ),
    (
        "Filtering test log (SWGfL Test Filtering)",
        "Termly filtering tests on the centre network and loan laptops.",
        "qm",
        50,
        ["October: all categories blocked on both networks.", "Next test: January."],
    ),
    (
        "Apprentice voice survey",
        "Spring survey of apprentices: feeling safe, reporting a concern, the DSL.",
        "qm",
        120,
        ["142 responses. Know how to report a concern: 91%. Can name the DSL: 84%."],
    ),
    (
        "Apprentice induction workbook: Prevent, British values and online safety",
        "The workbook every apprentice completes in the first four weeks.",
        "staff",
        200,
        ["Unit 3: British values at work.", "Unit 4: staying safe online."],
    ),
    (
        "Employer agreement template (Prevent and safeguarding section)",
        "Signed with each employer at sign-up; names a workplace contact.",
        "qm",
        90,
        ["Section 7: the employer tells us of any safeguarding or Prevent concern."],
    ),
    (
        "Apprentice progress review template",
        "Ten-weekly review with the Prevent, online safety and wellbeing item.",
        "staff",
        150,
        ["Item 5: Prevent, online safety and wellbeing: prompts by programme stage."],
    ),
]
COLLEGE_DOCUMENTS = [
    (
        "Governors' safeguarding and Prevent report, autumn term",
        "Report to the corporation's quality and standards committee.",
        "leader",
        30,
        [
            "Concerns and referrals by term (counts, fewer than 5 suppressed).",
            "Link governor's visit notes; filtering review to come to the committee.",
        ],
    ),
    (
        "Lettings agreement with Prevent conditions and hirer checks",
        "The standard agreement for evening and weekend lettings.",
        "leader",
        100,
        ["Clause 9: hirers agree to the external speakers policy.", "Clause 10: materials."],
    ),
    (
        "Prayer and reflection room guidelines",
        "Rules for the multi-faith room, managed by the chaplaincy coordinator.",
        "staff",
        160,
        ["Booking through student services; no materials left in the room."],
    ),
    (
        "14 to 16 school-link learners: safeguarding protocol with partner schools",
        "How the college and partner schools share safeguarding concerns.",
        "qm",
        80,
        ["Concerns shared DSL to DSL the same day.", "Schools named in annex A."],
    ),
    (
        "Filtering and monitoring annual review",
        "Annual review under DfE's filtering and monitoring standards, with SWGfL tests.",
        "qm",
        40,
        [
            "Signed by the vice principal (students) and the link governor.",
            "Action: route library guest-network alerts to the safeguarding team.",
        ],
    ),
    (
        "Student voice survey: feeling safe, Prevent and British values",
        "Autumn survey of all students.",
        "qm",
        60,
        ["1,240 responses. 16 to 18: 88% know how to report a concern. Adults: 64%."],
    ),
    (
        "Students' union speaker and society events protocol",
        "Agreed with the students' union: how societies book speakers and events.",
        "leader",
        110,
        ["Requests ten working days ahead; online events included."],
    ),
]


def _academic_year(today: date) -> int:
    return today.year if today.month >= 9 else today.year - 1


def _policy(name: str, today: date) -> dict:
    year = _academic_year(today)
    span = f"{year}/{(year + 1) % 100:02d}"
    policy_from = min(date(year, 9, 1), today - timedelta(days=1))
    return {
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
    }


def _risk_assessment(name: str, today: date) -> dict:
    return {
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
    }


def _training_report(today: date) -> dict:
    def days_ago(days: int) -> str:
        return (today - timedelta(days=days)).isoformat()

    return {
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
    }


def _speaker_log(organisation: Organisation, today: date) -> dict:
    return {
        "title": "External speaker log",
        "description": "Every external speaker and event, with the checks made and who "
        "approved them.",
        "owner": "leader",
        "effective_date": today - timedelta(days=60),
        "valid_until": None,
        "url": f"https://intranet.{organisation.slug}.demo.example/safeguarding/speakers",
    }


def _dsl_certificate(name: str, today: date) -> dict:
    return {
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
    }


def _referral_poster(today: date) -> dict:
    return {
        "title": "Prevent referral pathway poster",
        "description": "Displayed in staff rooms: tell the DSL the same day; the DSL refers "
        "to the local authority Prevent team on the national referral form.",
        "owner": "staff",
        "uploaded_by": "staff",
        "effective_date": today - timedelta(days=200),
        "valid_until": None,
        "filename": "Prevent referral pathway.png",
        "content": png_bytes(),
    }


def _restricted(today: date) -> list[dict]:
    """Restricted items the DSL holds: seen only by the DSL and senior leaders, never in packs.
    Even these hold no learner's case: dates, routes and outcome categories only."""
    common = {"owner": "dsl", "uploaded_by": "dsl", "restricted": True, "valid_until": None}
    return [
        {
            **common,
            "title": "Prevent referral and concerns log (held by the DSL)",
            "description": "The DSL's log of Prevent concerns raised and referrals made: date, "
            "route and outcome category. Case records stay in the safeguarding system.",
            "effective_date": today - timedelta(days=30),
            "filename": "Prevent concerns log.pdf",
            "content": pdf_bytes(
                "Prevent referral and concerns log",
                ["Concerns this year: 2. Referrals to the local authority: 1.", "Counts only."],
            ),
        },
        {
            **common,
            "title": "Police Prevent officer liaison record (held by the DSL)",
            "description": "Dates of the DSL's meetings with the police Prevent officer and "
            "what the provider changed as a result.",
            "effective_date": today - timedelta(days=75),
            "filename": "Police liaison record.pdf",
            "content": pdf_bytes(
                "Police Prevent officer liaison record",
                ["Meetings: September, January.", "Changed: assessor briefing on local risks."],
            ),
        },
    ]


def _document(
    today: date, title: str, description: str, owner: str, days_ago: int, lines: list[str]
) -> dict:
    return {
        "title": title,
        "description": description,
        "owner": owner,
        "effective_date": today - timedelta(days=days_ago),
        "valid_until": today - timedelta(days=days_ago) + timedelta(days=365),
        "filename": f"{title[:60].replace(':', '').replace(',', '')}.pdf",
        "content": pdf_bytes(title, lines),
    }


def evidence_specs(organisation: Organisation, today: date) -> list[dict]:
    """The demo evidence of one provider, dated relative to today.

    The training report is the most recent (effective today) and belongs to the contributor
    (`staff`), so the first item a test picks is one every role with edit rights may edit. One
    item has already expired and one expires within the warning period.
    """
    name = organisation.name
    itp = organisation.provider_type == ProviderType.INDEPENDENT_TRAINING_PROVIDER
    own_kind = ITP_DOCUMENTS if itp else COLLEGE_DOCUMENTS
    return [
        _policy(name, today),
        _risk_assessment(name, today),
        _training_report(today),
        _speaker_log(organisation, today),
        _dsl_certificate(name, today),
        _referral_poster(today),
        *(_document(today, *row) for row in own_kind),
        *(_restricted(today) if itp else []),
    ]
