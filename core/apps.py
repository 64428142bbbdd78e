from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        engines = {database["ENGINE"] for database in settings.DATABASES.values()}
        if engines & {"core.postgresql", "django.db.backends.postgresql"}:
            from core.db import install_client_deadline

            install_client_deadline()
