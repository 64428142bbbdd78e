from django.urls import path

from assessments.views import briefing, detail, evidence_add, lists, respond, review

app_name = "assessments"

prefix = "o/<slug:org_slug>/assessments/"
one = prefix + "<uuid:assessment_code>/"

urlpatterns = [
    path(prefix, lists.assessment_index, name="index"),
    path(prefix + "new/", lists.assessment_new, name="new"),
    path(one, detail.assessment_detail, name="detail"),
    path(one + "respond/", respond.assessment_respond, name="respond"),
    path(
        one + "responses/<uuid:response_code>/",
        respond.response_update,
        name="response_update",
    ),
    path(
        one + "responses/<uuid:response_code>/evidence/",
        evidence_add.response_evidence_add,
        name="response_evidence_add",
    ),
    path(one + "assign/", detail.assessment_assign, name="assign"),
    path(one + "submit/", detail.assessment_submit_view, name="submit"),
    path(one + "review/", detail.assessment_review, name="review"),
    path(one + "reopen/", review.assessment_reopen_view, name="reopen"),
    path(
        prefix + "comments/<uuid:comment_code>/resolve/",
        review.benchmark_comment_resolve_view,
        name="comment_resolve",
    ),
    path(one + "summary/", detail.assessment_summary, name="summary"),
    path(one + "briefing/", briefing.assessment_briefing, name="briefing"),
    path(one + "briefing/save/", briefing.assessment_briefing_save, name="briefing_save"),
]
