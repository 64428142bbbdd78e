from django.urls import path

from actionplans.views import detail, edit, export, gaps, plan

app_name = "actionplans"

prefix = "o/<slug:org_slug>/actions/"
one = prefix + "<uuid:action_code>/"

urlpatterns = [
    path(prefix, plan.action_index, name="index"),
    path(prefix + "export.csv", export.action_export, name="export"),
    path(prefix + "new/", edit.action_create_view, name="create"),
    path(prefix + "reassign/", plan.action_bulk_reassign_view, name="bulk_reassign"),
    path(
        prefix + "from-assessment/<uuid:assessment_code>/",
        gaps.actions_from_assessment,
        name="from_assessment",
    ),
    path(one, detail.action_detail, name="detail"),
    path(one + "edit/", edit.action_edit, name="edit"),
    path(one + "progress/", detail.action_progress, name="progress"),
    path(one + "evidence/", detail.action_evidence_add, name="evidence_add"),
]
