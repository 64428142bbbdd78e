from django.apps import AppConfig


class ImportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "imports"
    verbose_name = "Spreadsheet imports"

    def ready(self) -> None:
        # Each app that imports something registers it in its own `importers` module (as the
        # admin finds `admin` modules), so this low app never imports the apps above it.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("importers")
