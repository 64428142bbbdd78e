from django.apps import AppConfig


class RegistersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "registers"

    def ready(self) -> None:
        # Registers each live signal with frameworks' registry (see registers/live.py).
        from registers import live  # noqa: F401
