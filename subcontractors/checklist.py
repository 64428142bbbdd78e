"""The due diligence checklist: what every subcontractor is asked, defined here in code.

Each review gets one `ReviewItem` per entry, in this order. Two entries ask for an extra value:
the date the Prevent policy is next reviewed, and the share of staff who have completed Prevent
training.
"""

from dataclasses import dataclass

POLICY_REVIEW_DATE = "policy_review_date"
TRAINING_PERCENTAGE = "training_percentage"


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    title: str
    question: str
    evidence_hint: str
    extra: str = ""  # POLICY_REVIEW_DATE, TRAINING_PERCENTAGE or ""
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
)

BY_KEY: dict[str, ChecklistItem] = {item.key: item for item in CHECKLIST}
KEY_CHOICES = [(item.key, item.title) for item in CHECKLIST]
