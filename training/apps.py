from django.apps import AppConfig


class TrainingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "training"

    def ready(self) -> None:
        # Registers the training matrix's live signals with frameworks' registry.
        from training import live  # noqa: F401
