from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Dashboards and evidence packs"

    def ready(self) -> None:
        from reporting import checks  # noqa: F401  (registers the signing certificate's check)
        from reporting.attention import connect_signals

        connect_signals()
