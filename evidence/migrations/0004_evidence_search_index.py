"""A GIN index for the organisation search's full-text match on evidence (search.selectors):
the same expression Django's SearchVector("title", "description", config="english") writes, so
PostgreSQL can use it. PostgreSQL only; SQLite searches with LIKE and gets nothing."""

from django.db import migrations

INDEX = "evidence_item_search_document"
CREATE = f"""
CREATE INDEX IF NOT EXISTS {INDEX} ON evidence_evidenceitem USING gin (
    to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(description, ''))
)
"""


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("evidence", "0003_latest_change_per_organisation")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
