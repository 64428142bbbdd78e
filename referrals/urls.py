from django.urls import path

from referrals import views

app_name = "referrals"

prefix = "o/<slug:org_slug>/registers/referrals/"

urlpatterns = [
    path(prefix, views.index, name="index"),
    path(prefix + "figures/", views.figures, name="figures"),
    path(prefix + "figures/new/", views.record, name="record"),
    path(prefix + "figures/<uuid:figures_code>/", views.edit, name="edit"),
    path(prefix + "sites/", views.sites, name="sites"),
]
