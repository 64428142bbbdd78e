"""Changes to the subcontractor register, due diligence reviews, the questionnaire, documents and
visits: one module each, imported from here. Views, the questionnaire, the daily task and the
demo seed call these."""

from core.dates import one_year_after, one_year_before
from subcontractors.services.documents import (
    document_add,
    document_add_from_questionnaire,
    document_archive,
)
from subcontractors.services.questionnaire import (
    ItemAnswer,
    QuestionnaireChange,
    SubmissionIncomplete,
    questionnaire_problems,
    questionnaire_save,
    questionnaire_submit,
)
from subcontractors.services.questions import (
    lead_question_create,
    lead_question_retire,
    lead_question_update,
    own_question_problems,
    review_questions,
)
from subcontractors.services.register import subcontractor_create, subcontractor_update
from subcontractors.services.reviews import (
    ALREADY_OPEN,
    links_revoke,
    review_accept,
    review_return,
    review_send,
    review_start,
)
from subcontractors.services.visits import (
    PRIORITY_FOR_RAG,
    FindingChange,
    visit_create,
    visit_raise_actions,
    visit_update,
)

__all__ = [
    "ALREADY_OPEN",
    "PRIORITY_FOR_RAG",
    "FindingChange",
    "ItemAnswer",
    "QuestionnaireChange",
    "SubmissionIncomplete",
    "document_add",
    "document_add_from_questionnaire",
    "document_archive",
    "lead_question_create",
    "lead_question_retire",
    "lead_question_update",
    "links_revoke",
    "one_year_after",
    "one_year_before",
    "own_question_problems",
    "questionnaire_problems",
    "questionnaire_save",
    "questionnaire_submit",
    "review_accept",
    "review_questions",
    "review_return",
    "review_send",
    "review_start",
    "subcontractor_create",
    "subcontractor_update",
    "visit_create",
    "visit_raise_actions",
    "visit_update",
]
