from django.apps import AppConfig


class SubcontractorsConfig(AppConfig):
    name = "subcontractors"
    verbose_name = "Subcontractor due diligence"
