"""The spreadsheet import's URLs: one set for every kind of list."""

from django.urls import path

from imports import views

app_name = "imports"

prefix = "o/<slug:org_slug>/import/"
job = prefix + "<uuid:job_code>/"

urlpatterns = [
    path(prefix, views.import_start, name="start"),
    path(job, views.import_mapping, name="mapping"),
    path(job + "preview/", views.import_preview, name="preview"),
    path(job + "confirm/", views.import_confirm, name="confirm"),
]
