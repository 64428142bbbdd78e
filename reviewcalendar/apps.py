from django.apps import AppConfig


class ReviewCalendarConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviewcalendar"
    verbose_name = "Review calendar"
