"""The demo world copied back (tests/demo_snapshot.py) is exactly the world the seed built."""

import json

import pytest
from django.db import connection, transaction

from tests.demo_snapshot import _table_rows, demo_world_build
from tests.markers import needs_postgres

pytestmark = [pytest.mark.django_db, needs_postgres]


def _as_sets(tables: dict[str, str]) -> dict[str, list[str]]:
    """Each table's rows, in an order of their own (a table's row order is not fixed)."""
    return {
        table: sorted(json.dumps(row, sort_keys=True) for row in json.loads(rows))
        for table, rows in tables.items()
    }


@pytest.mark.parametrize("packs", [False, True])
def test_the_copy_holds_every_row_and_file_the_seed_made(packs, settings):
    from pathlib import Path

    from tests.demo_snapshot import _copies

    demo_world_build(packs=packs)  # seeds, unless an earlier test in this process did
    seeded = _copies[packs]
    with transaction.atomic():
        with connection.cursor() as cursor:  # something to be replaced
            cursor.execute("DELETE FROM tenancy_organisation")
        demo_world_build(packs=packs)
        assert _as_sets(_table_rows()) == _as_sets(seeded.rows)
    assert seeded.rows["tenancy_organisation"] != "[]"
    media = Path(settings.MEDIA_ROOT)
    assert seeded.files, "the seed's evidence files are kept"
    assert all((media / name).read_bytes() == content for name, content in seeded.files.items())
    assert any(name.endswith(".pdf") for name in seeded.files) is packs
