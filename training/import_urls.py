"""The spreadsheet import's URLs (their own namespace, so they sit beside `training.urls`)."""

from django.urls import path

from training import import_views

app_name = "training_import"

prefix = "o/<slug:org_slug>/training/import/"
batch = prefix + "<uuid:batch_code>/"

urlpatterns = [
    path(prefix, import_views.import_start, name="start"),
    path(batch, import_views.import_mapping, name="mapping"),
    path(batch + "preview/", import_views.import_preview, name="preview"),
    path(batch + "confirm/", import_views.import_confirm, name="confirm"),
]
