from django.urls import path

from subcontractors.views import (
    authority,
    documents,
    own_questions,
    questionnaire,
    register,
    reviews,
    visits,
)

app_name = "subcontractors"

prefix = "o/<slug:org_slug>/subcontractors/"
one = prefix + "<uuid:subcontractor_code>/"
review = one + "reviews/<uuid:review_code>/"
visit = one + "visits/<uuid:visit_code>/"
document = one + "documents/<uuid:document_code>/"

urlpatterns = [
    path(prefix, register.subcontractor_index, name="index"),
    path(prefix + "export.csv", register.subcontractor_export, name="export"),
    path(prefix + "new/", register.subcontractor_create_view, name="create"),
    path(prefix + "questions/", own_questions.own_question_list, name="own_questions"),
    path(
        prefix + "questions/<uuid:question_code>/",
        own_questions.own_question_edit,
        name="own_question_edit",
    ),
    path(
        prefix + "questions/<uuid:question_code>/retire/",
        own_questions.own_question_retire,
        name="own_question_retire",
    ),
    path(one, register.subcontractor_detail, name="detail"),
    path(one + "edit/", register.subcontractor_edit, name="edit"),
    path(one + "specified-authority/", authority.subcontractor_authority, name="authority"),
    path(one + "reviews/new/", reviews.review_start_view, name="review_start"),
    path(review, reviews.review_detail, name="review"),
    path(review + "send/", reviews.review_send_view, name="review_send"),
    path(review + "decision/", reviews.review_decide, name="review_decide"),
    path(review + "revoke-links/", reviews.review_revoke_links, name="review_revoke_links"),
    path(one + "visits/new/", visits.visit_create_view, name="visit_create"),
    path(visit, visits.visit_detail, name="visit"),
    path(visit + "edit/", visits.visit_edit, name="visit_edit"),
    path(visit + "actions/", visits.visit_raise_actions_view, name="visit_raise_actions"),
    path(one + "documents/new/", documents.document_add_view, name="document_add"),
    path(document + "download/", documents.document_download, name="document_download"),
    path(document + "archive/", documents.document_archive_view, name="document_archive"),
]

# Reached by a secret link, without an account: deliberately outside the namespace and /o/.
questionnaire_urlpatterns = [
    path("q/<str:token>/", questionnaire.questionnaire, name="questionnaire"),
    path("q/<str:token>/done/", questionnaire.questionnaire_done, name="questionnaire_done"),
    path(
        "q/<str:token>/documents/<uuid:document_code>/",
        questionnaire.questionnaire_document,
        name="questionnaire_document",
    ),
]
