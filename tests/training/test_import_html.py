"""The import's pages in every state are valid HTML (the Nu checker, as tests/test_html_valid.py):
the upload form with an error, the mapping with errors, a preview with errors, a preview ready
to confirm, and the finished import, for a staff list on the shared import's pages. The URL
walk there sees only the demo jobs' states."""

import pytest
from django.urls import reverse

from tests.test_html_valid import _java, _vnu_errors
from tests.training.import_helpers import (
    STAFF_HEADER,
    csv_bytes,
    job_urls,
    latest_job,
    mapping_post,
    staff_rows,
    upload,
    upload_and_map,
)

pytestmark = pytest.mark.django_db


def test_every_state_of_the_import_is_valid_html(org, qm, client_for, tmp_path):
    java = _java()
    client = client_for(qm)
    start = reverse("imports:start", kwargs={"org_slug": org.slug})
    pages = {"upload": client.get(start + "?kind=staff")}
    pages["upload refused"] = upload(client, org, b"not,a\nspreadsheet", name="x.pdf")
    upload(client, org, csv_bytes(STAFF_HEADER, staff_rows(2)))
    job = latest_job(org)
    urls = job_urls(org, job)
    pages["mapping"] = client.get(urls["mapping"])
    pages["mapping refused"] = client.post(urls["mapping"], mapping_post(job, role_group=""))
    bad = staff_rows(2)
    bad[0][3] = "Chef"
    _job, urls = upload_and_map(client, org, csv_bytes(STAFF_HEADER, bad))
    pages["preview with errors"] = client.get(urls["preview"])
    _job, urls = upload_and_map(client, org, csv_bytes(STAFF_HEADER, staff_rows(2)))
    pages["preview ready"] = client.get(urls["preview"] + "?show=create")
    pages["done"] = client.post(urls["confirm"], follow=True)
    assert [r.status_code for r in pages.values()] == [200, 400, 200, 400, 200, 200, 200]
    html = {label: response.content.decode() for label, response in pages.items()}
    assert "Import complete" in html["done"]
    html["control"] = "<!doctype html><html lang=en><title>x</title><p></div>"  # the checker ran
    errors = _vnu_errors(java, html, tmp_path)
    assert errors and all(e.startswith("control:") for e in errors), errors
