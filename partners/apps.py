from django.apps import AppConfig


class PartnersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "partners"
    verbose_name = "Partners and advice"

    def ready(self) -> None:
        # Registers the live signals with frameworks' registry (see partners/live.py).
        from partners import live  # noqa: F401
