"""The test databases are made from the models (tests/conftest.py), so every migration operation
the models cannot describe must be known there: a new RunPython or RunSQL fails here until
`MIGRATION_ONLY_OPERATIONS` says what it means for a database made from the models."""

import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import migrations

from tests.conftest import MIGRATION_ONLY_OPERATIONS

MODEL_FREE = (migrations.RunPython, migrations.RunSQL)


def _project_migrations():
    root = Path(settings.BASE_DIR)
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        ours = root in folder.parents and "site-packages" not in folder.parts
        if not ours or not folder.is_dir():
            continue
        for file in sorted(folder.glob("0*.py")):
            module = importlib.import_module(f"{config.name}.migrations.{file.stem}")
            yield (config.label, file.stem), module.Migration


def test_the_project_has_migrations_to_read():
    assert sum(1 for _ in _project_migrations()) > 20


def test_every_operation_the_models_do_not_describe_is_known():
    found = {
        key
        for key, migration in _project_migrations()
        if any(isinstance(op, MODEL_FREE) for op in migration.operations)
    }
    assert found == set(MIGRATION_ONLY_OPERATIONS), (
        "A migration runs Python or SQL: say in tests/conftest.py MIGRATION_ONLY_OPERATIONS "
        "whether a database made from the models needs it (schema) or not (data)"
    )


def test_the_schema_only_a_migration_makes_is_in_the_test_database(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'evidence_evidenceitem'")
        names = {row[0] for row in cursor.fetchall()}
    assert "evidence_item_search_document" in names
