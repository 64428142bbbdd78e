"""The project's PostgreSQL backend with a flush fit for tests.

After every test that commits (browser, race and live-server tests) Django empties the database
with `TRUNCATE` of all ~250 tables, which PostgreSQL answers in about 5 s (each table and index
gets new files), and then recreates every content type and permission. `DELETE` of what those
tests leave is a few milliseconds; content types and permissions are kept, so they keep their
ids and Django's post-migrate step finds them in place. Every foreign key Django makes on
PostgreSQL is deferrable, so the order of the deletes does not matter.
"""

from django.db.backends.postgresql.operations import DatabaseOperations

from core.postgresql import base

#: Rows Django's post-migrate step would only write again, identically.
KEPT_TABLES = frozenset({"django_content_type", "auth_permission"})


class TestDatabaseOperations(DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        emptied = [table for table in tables if table not in KEPT_TABLES]
        if not emptied:
            return []
        statements = ["SET CONSTRAINTS ALL DEFERRED"]
        statements += [f"DELETE FROM {self.quote_name(table)}" for table in emptied]  # noqa: S608
        if reset_sequences:
            sequences = self.connection.introspection.sequence_list()
            statements += self.sequence_reset_by_name_sql(
                style, [s for s in sequences if s["table"] in emptied]
            )
        return statements


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = TestDatabaseOperations
