from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("account/preferences/", views.preferences, name="preferences"),
]
