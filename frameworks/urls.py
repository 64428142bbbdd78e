from django.urls import path

from frameworks import views

app_name = "frameworks"

urlpatterns = [
    path("o/<slug:org_slug>/frameworks/", views.framework_index, name="index"),
    path("o/<slug:org_slug>/frameworks/choose/", views.subscription_edit, name="subscriptions"),
]
