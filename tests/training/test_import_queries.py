"""The staff and completions import's preview and confirm (the shared import's pages) cost the
same number of queries for 5 rows or 400."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports.models import ImportJob
from tests.training.import_helpers import STAFF_HEADER, csv_bytes, staff_rows, upload_and_map
from training.models import Completion, Course, RoleGroup, StaffMember

pytestmark = pytest.mark.django_db


def _queries(client, method: str, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url)
    return response.status_code, len(captured)


def _staff_import_costs(client, org, count: int) -> tuple[int, int, int]:
    """Queries for: the preview of a new file, its confirm, the preview of the same file again
    (every row an update or unchanged)."""
    StaffMember.unscoped.filter(organisation=org).delete()
    content = csv_bytes(STAFF_HEADER, staff_rows(count))
    _job, urls = upload_and_map(client, org, content)
    status, preview = _queries(client, "get", urls["preview"])
    assert status == 200
    status, confirm = _queries(client, "post", urls["confirm"])
    assert status == 302
    assert StaffMember.unscoped.filter(organisation=org).count() == count
    rows = staff_rows(count)
    for row in rows[::2]:
        row[4] = "Second campus"  # half the rows become updates
    _job, urls = upload_and_map(client, org, csv_bytes(STAFF_HEADER, rows))
    status, again = _queries(client, "get", urls["preview"])
    assert status == 200
    status, update = _queries(client, "post", urls["confirm"])
    assert status == 302
    assert StaffMember.unscoped.filter(organisation=org, site="Second campus").count() == len(
        rows[::2]
    )
    return preview, confirm, again + update


def test_staff_import_queries_do_not_grow_with_the_file(org, qm, client_for):
    client = client_for(qm)
    small = _staff_import_costs(client, org, 5)
    large = _staff_import_costs(client, org, 400)
    assert small == large, (small, large)


def _completion_costs(client, org, count: int) -> tuple[int, int]:
    Completion.unscoped.filter(organisation=org).delete()
    header = ["Staff number", "Course", "Date completed", "Score"]
    rows = [[f"E{n:05d}", "Prevent awareness", "15/10/2025", "90"] for n in range(1, count + 1)]
    _job, urls = upload_and_map(client, org, csv_bytes(header, rows), kind="completions")
    status, preview = _queries(client, "get", urls["preview"])
    assert status == 200
    status, confirm = _queries(client, "post", urls["confirm"])
    assert status == 302
    assert Completion.unscoped.filter(organisation=org).count() == count
    return preview, confirm


def test_completion_import_queries_do_not_grow_with_the_file(org, qm, client_for):
    client = client_for(qm)
    Course.unscoped.create(organisation=org, title="Prevent awareness", role_groups=["tutors"])
    StaffMember.unscoped.bulk_create(
        StaffMember(
            organisation=org,
            name=f"Person {n}",
            staff_number=f"E{n:05d}",
            role_group=RoleGroup.TUTORS,
            start_date="2024-09-01",
        )
        for n in range(1, 401)
    )
    assert _completion_costs(client, org, 5) == _completion_costs(client, org, 400)
    assert ImportJob.unscoped.filter(organisation=org, kind="completions", rows=[]).count() == 2
