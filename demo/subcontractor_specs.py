"""The demo's subcontractors as data: register entries, documents, visits and a full set of
questionnaire answers. `demo.seed_subcontractors` builds them through the real services.

Days are relative to today (negative: in the past). People are named by their demo address's
local part ("qm", "staff", "leader").
"""

from decimal import Decimal
from typing import NamedTuple

from subcontractors.models import (
    AuthorityBasis,
    AuthoritySource,
    AuthorityStatus,
    DocumentKind,
    FundingStream,
    ItemStatus,
    Rag,
    Region,
    RiskRating,
    SubcontractorStatus,
    VisitType,
)
from subcontractors.services import ItemAnswer

FULL_ANSWERS = {
    "prevent_policy": ItemAnswer(
        ItemStatus.MET, "Board-approved policy, reviewed every August.", None, None
    ),
    "prevent_lead_dsl": ItemAnswer(
        ItemStatus.MET, "Our operations director is the Prevent lead and DSL; a deputy covers."
    ),
    "staff_training": ItemAnswer(
        ItemStatus.PARTLY_MET,
        "Two new tutors start the Home Office course this month.",
        None,
        88,
    ),
    "risk_assessment": ItemAnswer(
        ItemStatus.MET, "Reviewed in September on the DfE template; three actions open."
    ),
    "it_filtering": ItemAnswer(
        ItemStatus.MET, "Smoothwall filtering on every site; alerts go to the DSL daily."
    ),
    "external_speakers": ItemAnswer(
        ItemStatus.MET, "Every speaker is checked and approved a week ahead; log kept."
    ),
    "contract_clauses": ItemAnswer(
        ItemStatus.MET, "Clauses 14 to 16 of our contract with you cover all three."
    ),
    "learner_awareness": ItemAnswer(
        ItemStatus.PARTLY_MET,
        "Covered at induction; the learner survey question is new this year.",
    ),
    "funding_all_leads": ItemAnswer(
        ItemStatus.MET,
        "All our subcontracted funding comes from you. We are not a college and have under 250 "
        "students on regulated courses.",
        declared_authority=AuthorityStatus.NO,
        declared_basis=AuthorityBasis.NONE_APPLIES,
        declared_funding_all_leads=Decimal("85000.00"),
        declared_funders="DfE (apprenticeships, through you only)",
    ),
    "safer_recruitment": ItemAnswer(
        ItemStatus.MET, "Enhanced DBS with barred-list check for every tutor; central record kept."
    ),
    "dsl_training": ItemAnswer(
        ItemStatus.MET, "DSL completed the two-day DSL course and the Home Office referrals module."
    ),
    "incident_notification": ItemAnswer(
        ItemStatus.MET,
        "Your Prevent lead is phoned the same day, then emailed. Last 12 months: 1 concern, "
        "0 referrals.",
    ),
    "local_prevent_contacts": ItemAnswer(
        ItemStatus.PARTLY_MET,
        "Newcastle and Gateshead Prevent leads known; Sunderland contact still to confirm.",
    ),
    "other_venues": ItemAnswer(
        ItemStatus.NOT_APPLICABLE, "We teach only on employers' premises and our own centre."
    ),
    "apprentice_employers": ItemAnswer(
        ItemStatus.PARTLY_MET,
        "New employer agreements name a workplace contact; 9 older agreements are being reissued.",
    ),
    "further_subcontracting": ItemAnswer(ItemStatus.MET, "No further subcontracting."),
    "ofsted_outcome": ItemAnswer(
        ItemStatus.MET,
        "Last inspected March 2024 under the previous framework; report at ofsted.gov.uk.",
    ),
}


class DocumentSpec(NamedTuple):
    kind: str
    title: str
    heading: str  # the sample file's own heading
    lines: list[str]
    filename: str
    owner: str
    expires_in: int
    fmt: str = "pdf"  # or "docx"


class VisitSpec(NamedTuple):
    days_ago: int
    visitor: str
    visit_type: str
    overall_rag: str
    summary: str
    findings: list[str]
    raise_actions: tuple[int, ...] = ()  # finding numbers that become actions
    action_owner: str = "qm"
    action_due_in: int = 0


APEX = {
    "name": "Apex Skills Partnership",
    "ukprn": "10061234",
    "contact_name": "Marcus Reid",
    "contact_email": "marcus.reid@apexskills.demo.example",
    "prevent_lead_name": "Joanne Pike",
    "prevent_lead_email": "joanne.pike@apexskills.demo.example",
    "delivery_regions": [Region.NORTH_WEST, Region.YORKSHIRE_HUMBER],
    "funding_stream": FundingStream.ADULT_SKILLS,
    "contract_value": Decimal("145000.00"),
    "contract_start": -400,
    "contract_end": 330,
    "status": SubcontractorStatus.ACTIVE,
    "risk_rating": RiskRating.HIGH,
    "risk_reasons": "Delivers to adult learners in community venues we do not run, "
    "and the spot check found gaps in IT filtering and speaker checks.",
    "authority": {
        "specified_authority": AuthorityStatus.YES,
        "authority_source": AuthoritySource.DECLARED,
        "authority_basis": AuthorityBasis.FUNDED_OVER_100K,
        "funding_all_leads": Decimal("212000.00"),
        "funders": "Greater Manchester Combined Authority (Adult Skills Fund); DfE",
        "authority_note": "Declared in this year's questionnaire: two lead providers. "
        "To verify against the funders' allocation letters at the next review.",
        "days_ago": 40,
    },
    "next_review_date": 10,
    "owner": "qm",
}
APEX_DOCUMENTS = [
    DocumentSpec(
        DocumentKind.CONTRACT,
        "Apex Skills Partnership subcontract 2025 to 2027",
        "Subcontract for the delivery of education and training",
        [
            "Clause 14: the subcontractor meets the Prevent duty.",
            "Clause 15: incidents and referrals are reported to the lead provider.",
            "Clause 16: the lead provider may visit and monitor at any time.",
        ],
        "Apex subcontract.pdf",
        owner="qm",
        expires_in=330,
    ),
    DocumentSpec(
        DocumentKind.INSURANCE,
        "Public and employer's liability insurance",
        "Certificate of insurance",
        ["Public liability: 5m."],
        "Apex insurance.pdf",
        owner="qm",
        expires_in=200,
    ),
]
APEX_VISITS = [
    VisitSpec(
        20,
        "staff",
        VisitType.SPOT_CHECK,
        Rag.RED,
        "Unannounced visit to the Salford community venue; spoke to the centre manager, two "
        "tutors and six learners.",
        [
            "Web filtering on the venue's guest Wi-Fi is not in place. Learners use their own "
            "devices on it during sessions.",
            "No record of checks for the two external speakers booked this term. The tutor did "
            "not know the procedure.",
            "Learners we spoke to knew how to report a concern and named the DSL.",
        ],
        raise_actions=(1, 2),
        action_owner="qm",
        action_due_in=21,
    ),
]

BRIGHTPATH = {
    "name": "Brightpath Training Ltd",
    "ukprn": "10072345",
    "contact_name": "Sarah Quinn",
    "contact_email": "sarah.quinn@brightpath.demo.example",
    "prevent_lead_name": "Hannah Cole",
    "prevent_lead_email": "hannah.cole@brightpath.demo.example",
    "delivery_regions": [Region.NORTH_EAST],
    "funding_stream": FundingStream.APPRENTICESHIPS,
    "contract_value": Decimal("85000.00"),
    "contract_start": -150,
    "contract_end": 215,
    "status": SubcontractorStatus.ACTIVE,
    "risk_rating": RiskRating.MEDIUM,
    "risk_reasons": "Apprentices work with employers across many small sites.",
    "authority": {
        "specified_authority": AuthorityStatus.NO,
        "authority_source": AuthoritySource.VERIFIED,
        "authority_basis": AuthorityBasis.NONE_APPLIES,
        "funding_all_leads": Decimal("85000.00"),
        "funders": "DfE (apprenticeships, through us only)",
        "authority_note": "We are its only lead provider; checked against its "
        "accounts. Our contract flows the Prevent duty down regardless.",
        "days_ago": 150,
    },
    "next_review_date": 18,
    "owner": "qm",
}
BRIGHTPATH_VISITS = [
    VisitSpec(
        45,
        "qm",
        VisitType.PLANNED,
        Rag.GREEN,
        "Termly visit: met the Prevent lead and looked at the training records.",
        ["Training records are complete and up to date."],
    ),
]

CASTLEGATE = {
    "name": "Castlegate Learning CIC",
    "ukprn": "10083456",
    "contact_name": "Owen Marsh",
    "contact_email": "owen.marsh@castlegate.demo.example",
    "prevent_lead_name": "Aisha Rahman",
    "prevent_lead_email": "aisha.rahman@castlegate.demo.example",
    "delivery_regions": [Region.WEST_MIDLANDS, Region.EAST_MIDLANDS],
    "funding_stream": FundingStream.STUDY_16_TO_19,
    "contract_value": Decimal("42000.00"),
    "contract_start": -500,
    "contract_end": 230,
    "status": SubcontractorStatus.ACTIVE,
    "risk_rating": RiskRating.LOW,
    "owner": "staff",
    "next_review_date": 300,
}
CASTLEGATE_DOCUMENTS = [
    DocumentSpec(
        DocumentKind.INSURANCE,
        "Employer's liability insurance 2025/26",
        "Certificate of insurance",
        ["Employer's liability: 10m."],
        "Castlegate.pdf",
        owner="staff",
        expires_in=-10,  # expired
    ),
    DocumentSpec(
        DocumentKind.POLICY,
        "Safeguarding and Prevent policy",
        "Castlegate Learning: safeguarding and Prevent policy",
        ["Policy."],
        "Castlegate policy.docx",
        owner="staff",
        expires_in=20,  # expiring: its owner is reminded
        fmt="docx",
    ),
]
CASTLEGATE_VISITS = [
    VisitSpec(
        70,
        "leader",
        VisitType.LEARNER_INTERVIEWS,
        Rag.AMBER,
        "Interviewed eight learners from two groups.",
        [
            "Most learners could explain British values.",
            "Two learners did not know how to report a concern online.",
        ],
    ),
]

DOVETAIL = {
    "name": "Dovetail Apprenticeships",
    "ukprn": "10094567",
    "contact_name": "Grace Whitfield",
    "contact_email": "grace@dovetail.demo.example",
    "prevent_lead_name": "Peter Lowe",
    "prevent_lead_email": "peter.lowe@dovetail.demo.example",
    "delivery_regions": [Region.LONDON, Region.SOUTH_EAST],
    "funding_stream": FundingStream.APPRENTICESHIPS,
    "contract_value": Decimal("38000.00"),
    "status": SubcontractorStatus.PROSPECTIVE,
    "risk_rating": RiskRating.LOW,
    "next_review_date": 28,
    "owner": "qm",
}

ELMSTEAD = {
    "name": "Elmstead Community Learning",
    "ukprn": "10015678",
    "contact_name": "Rita Bell",
    "contact_email": "rita.bell@elmstead.demo.example",
    "prevent_lead_name": "Rita Bell",
    "prevent_lead_email": "rita.bell@elmstead.demo.example",
    "delivery_regions": [Region.EAST_OF_ENGLAND],
    "funding_stream": FundingStream.ADULT_SKILLS,
    "contract_value": Decimal("60000.00"),
    "contract_start": -800,
    "contract_end": -90,
    "status": SubcontractorStatus.ACTIVE,
    "risk_rating": RiskRating.LOW,
    "owner": "qm",
    "next_review_date": 100,
}

HARBOUR = {
    "name": "Harbour Lane Training",
    "ukprn": "10047890",
    "contact_name": "Leon Ward",
    "contact_email": "leon.ward@harbourlane.demo.example",
    "prevent_lead_name": "Nadia Farouk",
    "prevent_lead_email": "nadia.farouk@harbourlane.demo.example",
    "delivery_regions": [Region.SOUTH_WEST],
    "funding_stream": FundingStream.STUDY_16_TO_19,
    "contract_value": Decimal("120000.00"),
    "contract_start": -300,
    "contract_end": 400,
    "status": SubcontractorStatus.ACTIVE,
    "risk_rating": RiskRating.MEDIUM,
    "risk_reasons": "First year of subcontracting with us.",
    "next_review_date": 20,
    "owner": "qm",
}
HARBOUR_DOCUMENTS = [
    DocumentSpec(
        DocumentKind.CONTRACT,
        "Harbour Lane subcontract",
        "Subcontract",
        ["Prevent clauses 9 to 11."],
        "Harbour Lane subcontract.pdf",
        owner="qm",
        expires_in=400,
    ),
]
HARBOUR_VISITS = [
    VisitSpec(
        30,
        "staff",
        VisitType.PLANNED,
        Rag.AMBER,
        "Termly visit.",
        ["The speaker log has no approvals recorded this term."],
        raise_actions=(1,),
        action_owner="staff",
        action_due_in=30,
    ),
]
