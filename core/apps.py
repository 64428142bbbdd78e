from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.core.validators import ProhibitNullCharactersValidator
        from django.db import connections

        from core.forms import NUL_CHARACTER_MESSAGE
        from core.languages import drop_empty_catalogues

        # Every forms.CharField (ours, allauth's, the admin's) carries this validator.
        ProhibitNullCharactersValidator.message = NUL_CHARACTER_MESSAGE
        drop_empty_catalogues()

        if any(connections[alias].vendor == "postgresql" for alias in settings.DATABASES):
            from core.db import install_client_deadline

            install_client_deadline()
