"""One import confirmed four times at once (double clicks, two tabs) is applied once."""

from django.test import Client

from tests.concurrency import at_the_same_moment, needs_postgresql, raised, run_in_threads
from tests.training.import_helpers import STAFF_HEADER, csv_bytes, staff_rows, upload_and_map
from training import import_views
from training.import_models import ImportBatch, ImportStatus
from training.models import StaffMember

pytestmark = needs_postgresql


def test_four_confirms_at_once_apply_the_import_once(org, qm):
    client = Client()
    client.force_login(qm)
    batch, urls = upload_and_map(client, org, csv_bytes(STAFF_HEADER, staff_rows(20)))

    def confirm():
        other = Client()
        other.force_login(qm)
        return other.post(urls["confirm"], follow=True)

    with at_the_same_moment(import_views, "import_batch_apply", parties=4):
        results = run_in_threads(*(confirm for _ in range(4)))

    assert not raised(results)
    assert [r.status_code for r in results] == [200] * 4
    pages = [r.content.decode() for r in results]
    assert sum("already been imported" in page for page in pages) == 3
    assert all("Import complete" in page for page in pages)
    assert StaffMember.unscoped.filter(organisation=org).count() == 20
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED
    assert ImportBatch.unscoped.get(pk=batch.pk).summary["create"] == 20
