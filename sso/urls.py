from django.urls import path

from sso import views

app_name = "sso"

urlpatterns = [
    path("sso/start/", views.sso_start, name="sso_start"),
    path("o/<slug:org_slug>/single-sign-on/", views.sso_settings, name="settings"),
]
