"""The subcontractors app's forms, one module per page family, imported from here."""

from subcontractors.forms.documents import (
    DocumentForm,
)
from subcontractors.forms.fields import (
    EMAIL_INVALID,
    PoundsField,
    choice_field,
    file_help_text,
    member_field,
    not_in_the_past,
    validated_upload,
)
from subcontractors.forms.own_questions import (
    LeadQuestionForm,
    OwnQuestionsForm,
)
from subcontractors.forms.questionnaire import (
    ItemForm,
    SubmitForm,
)
from subcontractors.forms.register import (
    RegisterFilterForm,
    SubcontractorForm,
)
from subcontractors.forms.reviews import (
    DecisionForm,
    QuestionnaireSendForm,
    ReviewStartForm,
    sender_language,
)
from subcontractors.forms.visits import (
    FindingForm,
    FindingFormSet,
    RaiseActionsForm,
    VisitForm,
    findings_initial,
)

__all__ = [
    "EMAIL_INVALID",
    "DecisionForm",
    "DocumentForm",
    "FindingForm",
    "FindingFormSet",
    "ItemForm",
    "LeadQuestionForm",
    "OwnQuestionsForm",
    "PoundsField",
    "QuestionnaireSendForm",
    "RaiseActionsForm",
    "RegisterFilterForm",
    "ReviewStartForm",
    "SubcontractorForm",
    "SubmitForm",
    "VisitForm",
    "choice_field",
    "file_help_text",
    "findings_initial",
    "member_field",
    "not_in_the_past",
    "sender_language",
    "validated_upload",
]
