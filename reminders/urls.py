from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/read/", views.notification_mark_all_read, name="mark_all_read"),
    path("o/<slug:org_slug>/reminders/", views.reminder_settings, name="settings"),
]
