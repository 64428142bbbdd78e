"""The training matrix's old import address, kept as a redirect to the shared import
(`imports:start` with the staff list chosen), so bookmarks and old links still work."""

from django.urls import path

from training.views import import_redirect

app_name = "training_import"

urlpatterns = [
    path("o/<slug:org_slug>/training/import/", import_redirect.import_redirect, name="start"),
]
