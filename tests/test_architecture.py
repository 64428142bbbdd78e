"""Keeps docs/architecture.md true: the layering of apps and the tenant-model invariants."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from tenancy.models import Organisation, TenantModel

ROOT = Path(settings.BASE_DIR)

# app -> the project apps it may import (third-party libraries are always allowed).
ALLOWED_IMPORTS = {
    "core": set(),
    "accounts": {"core"},
    "tenancy": {"core", "accounts"},
    "evidence": {"core", "accounts", "tenancy"},
    "frameworks": {"core", "accounts", "tenancy"},
    "assessments": {"core", "accounts", "tenancy", "frameworks", "evidence"},
    "actionplans": {"core", "accounts", "tenancy", "frameworks", "evidence", "assessments"},
    "subcontractors": {
        "core",
        "accounts",
        "tenancy",
        "evidence",
        "frameworks",
        "assessments",
        "actionplans",
    },
    # The registers (risk register, speaker and event log; part 2's registers join it).
    "registers": {
        "core",
        "accounts",
        "tenancy",
        "frameworks",
        "evidence",
        "assessments",
        "actionplans",
    },
    "reviewcalendar": {
        "core",
        "accounts",
        "tenancy",
        "evidence",
        "assessments",
        "actionplans",
        "subcontractors",
        "registers",
    },
    "reminders": {
        "core",
        "accounts",
        "tenancy",
        "evidence",
        "actionplans",
        "subcontractors",
        "registers",
    },
    "portfolio": {"core", "accounts", "tenancy", "frameworks"},
    "reporting": {
        "core",
        "accounts",
        "tenancy",
        "frameworks",
        "evidence",
        "assessments",
        "actionplans",
        "subcontractors",
        "registers",
    },
    # demo seeds everything, so it sits above everything; nothing imports it.
    "demo": {
        "core",
        "accounts",
        "tenancy",
        "frameworks",
        "evidence",
        "assessments",
        "actionplans",
        "subcontractors",
        "registers",
        "reviewcalendar",
        "reminders",
        "reporting",
    },
}
PROJECT_APPS = set(ALLOWED_IMPORTS) | {"prevent_compliance"}


def _imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & PROJECT_APPS
    return found


@pytest.mark.parametrize("app", sorted(ALLOWED_IMPORTS))
def test_apps_import_only_the_layers_below_them(app):
    allowed = ALLOWED_IMPORTS[app] | {app}
    wrong = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        extra = _imported_apps(path) - allowed
        if extra:
            wrong[str(path.relative_to(ROOT))] = sorted(extra)
    assert not wrong, f"{app} imports apps above it: {wrong}"


def test_every_installed_project_app_is_in_the_layering_table():
    ours = {
        config.name
        for config in apps.get_app_configs()
        if (ROOT / config.name.split(".")[0]).is_dir() and not config.name.startswith("django")
    }
    assert ours <= set(ALLOWED_IMPORTS), ours - set(ALLOWED_IMPORTS)


def _models_with_organisation():
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if getattr(field, "related_model", None) is Organisation and field.many_to_one:
                yield model
                break


def test_models_that_carry_an_organisation_are_tenant_models():
    allowed_outside = {"OrganisationUserObjectPermission", "OrganisationGroupObjectPermission"}
    wrong = [
        m.__name__
        for m in _models_with_organisation()
        if not issubclass(m, TenantModel) and m.__name__ not in allowed_outside
    ]
    assert not wrong, f"These models carry an organisation but are not TenantModels: {wrong}"


# Machine-written rows that are themselves a log (created once; only read/sent stamps change).
WITHOUT_HISTORY = {"Notification", "PackAccess", "QuestionnaireAccess", "QuestionnaireEmail"}


def test_tenant_models_keep_an_audit_trail():
    tenant_models = [
        m
        for m in apps.get_models()
        if issubclass(m, TenantModel) and m.__name__ not in WITHOUT_HISTORY
    ]
    assert tenant_models
    missing = [m.__name__ for m in [*tenant_models, Organisation] if not hasattr(m, "history")]
    assert not missing, f"No simple-history HistoricalRecords on: {missing}"


def test_tenant_models_default_manager_is_unscoped_and_objects_is_scoped():
    from tenancy.scope import TenantManager

    for model in apps.get_models():
        if issubclass(model, TenantModel):
            assert isinstance(model.objects, TenantManager), model
            assert not isinstance(model._default_manager, TenantManager), model
