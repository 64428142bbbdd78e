"""Keeps docs/architecture.md true: the layering of apps and the tenant-model invariants."""

import ast
import functools
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from tenancy.models import Organisation, TenantModel

ROOT = Path(settings.BASE_DIR)
ARCHITECTURE = ROOT / "docs" / "architecture.md"
TABLE_HEADING = "## Apps and what each owns"
NO_APPS = "Django and libraries only"
EVERY_APP = "everything"
APP_NAME = re.compile(r"`([a-z_]+)`")


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def _table_rows() -> list[list[str]]:
    """The rows of the table under TABLE_HEADING, header first."""
    text = ARCHITECTURE.read_text()
    assert TABLE_HEADING in text, f"{ARCHITECTURE.name} has no {TABLE_HEADING!r} section"
    section = text.split(TABLE_HEADING, 1)[1].split("\n## ", 1)[0]
    rows = [_cells(line) for line in section.splitlines() if line.startswith("|")]
    return [row for row in rows if not all(set(cell) <= set("-: ") for cell in row)]


def _read_may_import(app: str, cell: str, known: set[str]) -> set[str]:
    """One "may import" cell: apps in backticks, NO_APPS or EVERY_APP; (parentheses) are notes."""
    text = re.sub(r"\([^)]*\)", "", cell).strip(" ,")
    if text == NO_APPS:
        return set()
    if text.split(",")[0].strip() == EVERY_APP:
        return set(known)
    names = set(APP_NAME.findall(text))
    leftover = APP_NAME.sub("", text).replace(",", " ").replace(" and ", " ").strip()
    assert not leftover, (
        f"docs/architecture.md: cannot read the 'may import' cell of `{app}`: {cell!r}. "
        f"List the apps in backticks, or write {NO_APPS!r} or {EVERY_APP!r}."
    )
    unknown = names - known
    assert not unknown, f"docs/architecture.md: `{app}` may import unknown apps {sorted(unknown)}"
    return names


@functools.cache
def layering_from_the_doc() -> dict[str, set[str]]:
    """app -> the project apps it may import, read from docs/architecture.md's table."""
    header, *rows = _table_rows()
    assert "may import" in header, f"the table under {TABLE_HEADING!r} has no 'may import' column"
    column = header.index("may import")
    apps_in_table = [APP_NAME.fullmatch(row[0]) for row in rows]
    assert all(apps_in_table), f"each row must start with an app in backticks: {rows}"
    known = {match[1] for match in apps_in_table if match}
    names = [row[0].strip("`") for row in rows]
    return {
        app: _read_may_import(app, row[column], known) for app, row in zip(names, rows, strict=True)
    }


# Our installed apps (the project package, which wires everything up, is not one of them).
INSTALLED_APPS = sorted(
    {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if (ROOT / config.name.split(".")[0]).is_dir()
    }
)
PROJECT_PACKAGES = {*INSTALLED_APPS, "prevent_compliance"}


def _imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & PROJECT_PACKAGES
    return found


@pytest.mark.parametrize("app", INSTALLED_APPS)
def test_apps_import_only_what_the_architecture_doc_allows(app):
    layers = layering_from_the_doc()
    assert app in layers, f"add a row for `{app}` to the table in docs/architecture.md"
    allowed = layers[app] | {app}
    wrong = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        extra = _imported_apps(path) - allowed
        if extra:
            wrong[str(path.relative_to(ROOT))] = sorted(extra)
    assert not wrong, (
        f"docs/architecture.md says `{app}` may import only {sorted(layers[app])}, but these "
        f"modules import more: {wrong}. Remove the import, or change the table's 'may import' "
        f"column if the layering really changes."
    )


def test_the_table_names_only_real_packages():
    extra = set(layering_from_the_doc()) - PROJECT_PACKAGES
    assert not extra, f"docs/architecture.md has rows for apps that do not exist: {sorted(extra)}"


def test_the_layering_has_no_cycles():
    graph = {app: lower - {app} for app, lower in layering_from_the_doc().items()}
    graph.pop("prevent_compliance", None)  # it wires everything up; nothing imports it
    done: set[str] = set()

    def visit(app: str, path: tuple[str, ...]) -> None:
        assert app not in path, f"docs/architecture.md: a cycle {' -> '.join((*path, app))}"
        if app not in done:
            for lower in sorted(graph.get(app, set())):
                visit(lower, (*path, app))
            done.add(app)

    for app in sorted(graph):
        visit(app, ())


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
# PersonalDataConfirmation is a log of decisions: one row each, never changed.
# ShareCode: one-time codes; a history table would only keep their hashes for longer.
WITHOUT_HISTORY = {
    "Notification",
    "PackAccess",
    "QuestionnaireAccess",
    "QuestionnaireEmail",
    "PersonalDataConfirmation",
    "ShareCode",
    "SupportPageView",
    "EvidenceDownload",
}
# A staged spreadsheet import: its history would keep the parsed rows it exists to drop.
WITHOUT_HISTORY |= {"ImportJob"}
# A figure recomputed from the rows it sums up (the cockpit's order): their history is the trail.
WITHOUT_HISTORY |= {"ProviderAttention"}


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
