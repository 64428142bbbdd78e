"""`.unscoped` (going round the tenant scope) appears only where tests/unscoped_allowlist.py
says a query must cross tenants."""

from tests.unscoped_allowlist import ALLOWED
from tests.unscoped_usage import ROOT, app_files, current_uses, uses_in_source

HOW_TO_FIX = """
Inside a request or task the scope is already set: use Model.objects. Outside one, use
Model.objects.for_organisation(organisation), or put @with_tenant_scope(...) under the task's
@shared_task (tenancy/scope.py). Only if the query really must cross tenants (admin, a user's
own memberships, a sweep over every tenant, a lookup by token before the organisation is
known), add these lines to ALLOWED in tests/unscoped_allowlist.py, each with its reason:
"""

SHRUNK = """
Fewer uses than tests/unscoped_allowlist.py allows: lower or delete these entries (the list
only shrinks), or regenerate it with `.venv/bin/python -m tests.unscoped_usage`:
"""


def test_no_escape_from_the_tenant_scope_outside_the_allow_list():
    over = {key: count for key, count in current_uses().items() if count > ALLOWED.get(key, 0)}
    lines = [f'    "{key}": {count},  # why it must cross tenants' for key, count in over.items()]
    assert not over, HOW_TO_FIX + "\n".join(sorted(lines))


def test_the_allow_list_lists_only_uses_that_still_exist():
    uses = current_uses()
    stale = {key: count for key, count in ALLOWED.items() if uses.get(key, 0) < count}
    lines = [f'    "{key}": {uses.get(key, 0)},  # (allowed {n})' for key, n in stale.items()]
    assert not stale, SHRUNK + "\n".join(sorted(lines))


def test_the_scan_finds_every_kind_of_use_by_function():
    source = """
from tenancy.models import Membership

EVERYONE = Membership.unscoped.all()


def sweep():
    return Membership.unscoped.filter(role="viewer"), Membership._base_manager.count()


class Report:
    def rows(self):
        def inner():
            return Membership._default_manager.all()

        return inner(), Membership.objects.count()
"""
    assert uses_in_source(source, "app/x.py") == {
        "app/x.py::<module>": 1,
        "app/x.py::sweep": 2,
        "app/x.py::Report.rows.inner": 1,
    }


def test_the_scan_reads_the_apps_but_not_tests_scripts_or_migrations():
    scanned = {path.relative_to(ROOT).as_posix() for path in app_files()}
    assert {"tenancy/services.py", "prevent_compliance/settings.py"} <= scanned
    assert "demo/seed.py" in scanned  # an app, though it only seeds
    tops = {path.split("/")[0] for path in scanned}
    assert not tops & {"tests", "benchmarks", "scripts"}
    assert not any("/migrations/" in path or "/tests/" in path for path in scanned)
