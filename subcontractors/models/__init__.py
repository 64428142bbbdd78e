"""The subcontractor register, its due diligence reviews, questionnaire links, documents and
monitoring visits: one module each, imported from here (`subcontractors.models.X`)."""

from subcontractors.models.documents import (
    DocumentKind,
    SubcontractorDocument,
    document_upload_to,
)
from subcontractors.models.questionnaire import (
    AccessAction,
    EmailKind,
    QuestionnaireAccess,
    QuestionnaireEmail,
    QuestionnaireLink,
    default_link_expiry,
)
from subcontractors.models.questions import (
    MAX_OWN_QUESTIONS,
    LeadQuestion,
    QuestionKind,
    ReviewQuestion,
)
from subcontractors.models.register import (
    SUBCONTRACTING_STANDARD_THRESHOLD,
    SUBCONTRACTOR_FIELDS,
    AuthorityBasis,
    AuthoritySource,
    AuthorityStatus,
    FundingStream,
    Region,
    RiskRating,
    Subcontractor,
    SubcontractorStatus,
)
from subcontractors.models.reviews import (
    AWAITING_SUBCONTRACTOR,
    OPEN_REVIEW_STATUSES,
    DueDiligenceReview,
    ItemStatus,
    ReviewItem,
    ReviewKind,
    ReviewStatus,
)
from subcontractors.models.visits import (
    VISIT_FIELDS,
    MonitoringVisit,
    Rag,
    VisitFinding,
    VisitType,
)

__all__ = [
    "AWAITING_SUBCONTRACTOR",
    "MAX_OWN_QUESTIONS",
    "OPEN_REVIEW_STATUSES",
    "SUBCONTRACTING_STANDARD_THRESHOLD",
    "SUBCONTRACTOR_FIELDS",
    "VISIT_FIELDS",
    "AccessAction",
    "AuthorityBasis",
    "AuthoritySource",
    "AuthorityStatus",
    "DocumentKind",
    "DueDiligenceReview",
    "EmailKind",
    "FundingStream",
    "ItemStatus",
    "LeadQuestion",
    "MonitoringVisit",
    "QuestionKind",
    "QuestionnaireAccess",
    "QuestionnaireEmail",
    "QuestionnaireLink",
    "Rag",
    "Region",
    "ReviewItem",
    "ReviewKind",
    "ReviewQuestion",
    "ReviewStatus",
    "RiskRating",
    "Subcontractor",
    "SubcontractorDocument",
    "SubcontractorStatus",
    "VisitFinding",
    "VisitType",
    "default_link_expiry",
    "document_upload_to",
]
