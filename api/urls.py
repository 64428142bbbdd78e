from django.urls import path

from api.schema import docs_view, schema_view
from api.views import actions, keys, records, registers

app_name = "api"

API = "api/v1/o/<slug:org_slug>/"

urlpatterns = [
    path("api/v1/schema/", schema_view, name="schema"),
    path("api/v1/docs/", docs_view, name="docs"),
    path(f"{API}self-evaluations/", records.AssessmentListView.as_view(), name="assessments"),
    path(
        f"{API}self-evaluations/<uuid:assessment_code>/",
        records.AssessmentDetailView.as_view(),
        name="assessment",
    ),
    path(
        f"{API}self-evaluations/<uuid:assessment_code>/responses/",
        records.ResponseListView.as_view(),
        name="responses",
    ),
    path(f"{API}actions/", actions.ActionListView.as_view(), name="actions"),
    path(f"{API}actions/<uuid:action_code>/", actions.ActionDetailView.as_view(), name="action"),
    path(
        f"{API}actions/<uuid:action_code>/progress/",
        actions.ProgressListView.as_view(),
        name="progress",
    ),
    path(f"{API}evidence/", records.EvidenceListView.as_view(), name="evidence"),
    path(
        f"{API}evidence/<uuid:evidence_code>/",
        records.EvidenceDetailView.as_view(),
        name="evidence_item",
    ),
    path(f"{API}subcontractors/", records.SubcontractorListView.as_view(), name="subcontractors"),
    path(
        f"{API}subcontractors/<uuid:subcontractor_code>/",
        records.SubcontractorDetailView.as_view(),
        name="subcontractor",
    ),
    path(f"{API}registers/risks/", registers.RiskListView.as_view(), name="risks"),
    path(
        f"{API}registers/risks/<uuid:risk_code>/", registers.RiskDetailView.as_view(), name="risk"
    ),
    path(f"{API}registers/events/", registers.EventListView.as_view(), name="events"),
    path(
        f"{API}registers/events/<uuid:event_code>/",
        registers.EventDetailView.as_view(),
        name="event",
    ),
    # The quality manager's key pages.
    path("o/<slug:org_slug>/api-keys/", keys.keys, name="keys"),
    path("o/<slug:org_slug>/api-keys/<uuid:key_code>/revoke/", keys.key_revoke, name="key_revoke"),
]
