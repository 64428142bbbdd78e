from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "referrals"

    def ready(self) -> None:
        # Registers the live signals with frameworks' registry (see referrals/live.py).
        from referrals import live  # noqa: F401
