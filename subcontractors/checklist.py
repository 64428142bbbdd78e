"""The due diligence checklist: what every subcontractor is asked, defined here in code.

Each review gets one `ReviewItem` per entry, in this order; a review keeps the items it started
with, so adding entries here never changes last year's answers. Three entries ask for extra values:
the date the Prevent policy is next reviewed, the share of staff who have completed Prevent
training, and the subcontractor's own declaration of its specified-authority status (status, basis,
funding from all lead providers and the funders), in the fields the lead records it with.
"""

from dataclasses import dataclass

POLICY_REVIEW_DATE = "policy_review_date"
TRAINING_PERCENTAGE = "training_percentage"
AUTHORITY_DECLARATION = "authority_declaration"


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    title: str
    question: str
    evidence_hint: str
    extra: str = ""  # POLICY_REVIEW_DATE, TRAINING_PERCENTAGE, AUTHORITY_DECLARATION or ""
    document_kind: str = "other"  # the kind of document an upload for this item is filed as


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        key="prevent_policy",
        title="Prevent policy",
        question="Do you have a Prevent policy (or a safeguarding policy with a Prevent "
        "section) that your leaders have approved, with a date for its next review?",
        evidence_hint="Upload the current policy.",
        extra=POLICY_REVIEW_DATE,
        document_kind="policy",
    ),
    ChecklistItem(
        key="prevent_lead_dsl",
        title="Named Prevent lead and Designated Safeguarding Lead",
        question="Have you named a Prevent lead and a Designated Safeguarding Lead (DSL), and "
        "do your staff and learners know who they are and how to reach them?",
        evidence_hint="For example, a staff handbook page or poster naming them.",
    ),
    ChecklistItem(
        key="staff_training",
        title="Staff Prevent training",
        question="Have the staff who work with our learners completed Prevent training "
        "(and refresher training) suited to their role?",
        evidence_hint="For example, a training record or an export from your training system.",
        extra=TRAINING_PERCENTAGE,
    ),
    ChecklistItem(
        key="risk_assessment",
        title="Prevent risk assessment",
        question="Do you have a Prevent risk assessment for your sites, learners and delivery, "
        "reviewed in the last year, with actions for the risks it finds?",
        evidence_hint="Upload the risk assessment or its action plan.",
    ),
    ChecklistItem(
        key="it_filtering",
        title="IT filtering and monitoring",
        question="Do you filter and monitor internet use on the networks and devices our "
        "learners use, and act on the alerts?",
        evidence_hint="For example, your filtering provider's statement or a test record.",
    ),
    ChecklistItem(
        key="external_speakers",
        title="External speaker procedure",
        question="Do you check and approve external speakers and events before they go ahead, "
        "and keep a record of the checks?",
        evidence_hint="For example, the procedure or a page of the speaker log.",
    ),
    ChecklistItem(
        key="contract_clauses",
        title="Contract clauses",
        question="Does your contract with us cover the Prevent duty, reporting incidents and "
        "referrals to our Prevent lead, and access for our monitoring?",
        evidence_hint="For example, the signed contract or the extract with these clauses.",
        document_kind="contract",
    ),
    ChecklistItem(
        key="learner_awareness",
        title="Learner awareness",
        question="Do the learners you teach for us learn about Prevent, British values and "
        "online safety, and know how to report a concern?",
        evidence_hint="For example, induction materials or learner survey results.",
    ),
    ChecklistItem(
        key="funding_all_leads",
        title="Funding from all lead providers and specified-authority status",
        question="What is your total funding as a subcontractor from all your lead providers "
        "this funding year, and who are the funders (DfE, or which mayoral or combined "
        "authority)? Are you a specified authority under the Prevent duty in your own right "
        "(for example an FE-sector college, or an institution with more than 250 students on "
        "regulated courses), and on what basis?",
        evidence_hint="For example, your funding allocation letters.",
        extra=AUTHORITY_DECLARATION,
    ),
    ChecklistItem(
        key="safer_recruitment",
        title="Safer recruitment",
        question="Do you check everyone who works with our learners before they start (DBS "
        "checks at the right level, references) and keep a single central record of the "
        "checks?",
        evidence_hint="For example, your safer recruitment policy or an extract of the record.",
        document_kind="policy",
    ),
    ChecklistItem(
        key="dsl_training",
        title="Training for the DSL",
        question="Has your Designated Safeguarding Lead completed enhanced safeguarding and "
        "Prevent training, refreshed in the last two years?",
        evidence_hint="For example, the DSL's certificates.",
    ),
    ChecklistItem(
        key="incident_notification",
        title="Telling us about incidents and referrals",
        question="How, how quickly and to whom do you tell us about Prevent concerns, "
        "referrals and safeguarding incidents involving our learners? How many Prevent "
        "concerns and referrals did you have in the last 12 months? Give counts only, never "
        "names or case details.",
        evidence_hint="For example, your procedure or information-sharing agreement.",
    ),
    ChecklistItem(
        key="local_prevent_contacts",
        title="Local Prevent contacts",
        question="Do you know the local authority Prevent lead and the police Prevent contact "
        "for each area where you deliver for us, and have you been in touch with the DfE "
        "regional Prevent coordinator?",
        evidence_hint="For example, your partner contact list by area.",
    ),
    ChecklistItem(
        key="other_venues",
        title="Venues you do not run",
        question="Where you teach in venues you do not run (community centres, employers' "
        "premises), how do you check their security, their guest Wi-Fi filtering and their "
        "bookings of other groups?",
        evidence_hint="For example, a venue risk assessment.",
    ),
    ChecklistItem(
        key="apprentice_employers",
        title="Employers of apprentices",
        question="If you teach apprentices for us, do their employers' agreements cover "
        "Prevent and safeguarding with a named workplace contact, and do progress reviews "
        "revisit Prevent?",
        evidence_hint="For example, an employer agreement and a progress review template. "
        "Answer 'not applicable' if you teach no apprentices for us.",
    ),
    ChecklistItem(
        key="further_subcontracting",
        title="Further subcontracting",
        question="Do you subcontract any of the delivery you do for us to another "
        "organisation? If so, which, and with our agreement?",
        evidence_hint="Say in the note; say 'no' if you do not.",
    ),
    ChecklistItem(
        key="ofsted_outcome",
        title="Latest Ofsted outcome",
        question="What was your latest Ofsted outcome: report-card grades and the safeguarding "
        "judgement (met or not met), your last overall grade if inspected before November "
        "2025, or a monitoring visit for a new provider?",
        evidence_hint="Give the date and outcome; a link to the report is enough.",
    ),
)

BY_KEY: dict[str, ChecklistItem] = {item.key: item for item in CHECKLIST}
KEY_CHOICES = [(item.key, item.title) for item in CHECKLIST]
