"""One staff import confirmed four times at once (double clicks, two tabs) is applied once."""

from django.test import Client

from imports import views as import_views
from imports.models import ImportJob, ImportStatus
from tests.concurrency import at_the_same_moment, needs_postgresql, raised, run_in_threads
from tests.training.import_helpers import STAFF_HEADER, csv_bytes, staff_rows, upload_and_map
from training.models import StaffMember

pytestmark = needs_postgresql


def test_four_confirms_at_once_apply_the_import_once(org, qm):
    client = Client()
    client.force_login(qm)
    job, urls = upload_and_map(client, org, csv_bytes(STAFF_HEADER, staff_rows(20)))

    def confirm():
        other = Client()
        other.force_login(qm)
        return other.post(urls["confirm"], follow=True)

    with at_the_same_moment(import_views, "import_job_apply", parties=4):
        results = run_in_threads(*(confirm for _ in range(4)))

    assert not raised(results)
    assert [r.status_code for r in results] == [200] * 4
    pages = [r.content.decode() for r in results]
    assert sum("already been imported" in page for page in pages) == 3
    assert all("Import complete" in page for page in pages)
    assert StaffMember.unscoped.filter(organisation=org).count() == 20
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED
    assert ImportJob.unscoped.get(pk=job.pk).summary["create"] == 20
