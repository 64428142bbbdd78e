from django.urls import include, path

from evidence import picker, views

app_name = "evidence"

evidence_urls = [
    path("", views.evidence_list_view, name="list"),
    path("add/", views.evidence_add, name="add"),
    path("search/", picker.evidence_picker_search, name="picker_search"),
    path("<uuid:evidence_code>/", views.evidence_detail, name="detail"),
    path("<uuid:evidence_code>/edit/", views.evidence_edit, name="edit"),
    path("<uuid:evidence_code>/download/", views.evidence_download, name="download"),
    path("<uuid:evidence_code>/archive/", views.evidence_archive_view, name="archive"),
]

urlpatterns = [
    path("o/<slug:org_slug>/evidence/", include(evidence_urls)),
]
