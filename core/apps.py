from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.core.validators import ProhibitNullCharactersValidator

        from core.forms import NUL_CHARACTER_MESSAGE

        # Every forms.CharField (ours, allauth's, the admin's) carries this validator.
        ProhibitNullCharactersValidator.message = NUL_CHARACTER_MESSAGE
