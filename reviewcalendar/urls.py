from django.urls import path

from reviewcalendar import views

app_name = "reviewcalendar"

urlpatterns = [
    path("o/<slug:org_slug>/calendar/", views.calendar_view, name="calendar"),
    path("o/<slug:org_slug>/calendar/feed/", views.feed_settings, name="feed"),
]

# Opened by calendar apps with no session: a secret, revocable address outside /o/.
feed_urlpatterns = [
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
