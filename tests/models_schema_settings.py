"""The production settings with every app's migrations switched off, so that
`manage.py migrate --run-syncdb` builds a throwaway database's tables straight from the models,
as the test databases are built (pytest's --no-migrations).

tests/test_gunicorn_stack.py makes its SQLite file this way: it tests gunicorn, and running the
95 migrations on SQLite took it 55-130 s (over 300 s on a loaded machine). The migrations
themselves run for real in .ci/stack-check, on PostgreSQL and on SQLite (make run's database).
"""

from prevent_compliance.settings import *  # noqa: F403


class _NoMigrations(dict):
    """Every app label maps to None: Django then treats the app as having no migrations."""

    def __contains__(self, item: object) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


MIGRATION_MODULES = _NoMigrations()
