from django.apps import AppConfig


class FilteringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "filtering"
    verbose_name = "IT filtering and monitoring log"

    def ready(self) -> None:
        # Registers the log's live signals with frameworks' registry (see filtering/live.py).
        from filtering import live  # noqa: F401
