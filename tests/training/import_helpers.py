"""Files and steps shared by the staff and completions import tests, through the shared import
pages (`imports:start`, mapping, preview, confirm)."""

import csv
import io

from tests.imports.helpers import job_urls, mapping_post, xlsx_bytes
from tests.imports.helpers import upload as shared_upload

__all__ = ["job_urls", "mapping_post", "xlsx_bytes"]

STAFF_HEADER = ["Employee No", "Forename", "Surname", "Job Title", "Campus", "Start Date", "Email"]


def csv_bytes(header: list[str], rows: list[list[str]], title_rows: int = 0) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for _ in range(title_rows):
        writer.writerow(["HR export"])
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def staff_rows(count: int, start: int = 1) -> list[list[str]]:
    return [
        [f"E{n:05d}", f"Person{n}", "Smith", "Tutor", "Main campus", "01/09/2024", f"p{n}@ex.org"]
        for n in range(start, start + count)
    ]


def upload(client, org, content: bytes, kind: str = "staff", name: str = "staff.csv"):
    return shared_upload(client, org, content, kind, name)


def latest_job(org):
    from imports.models import ImportJob

    return ImportJob.unscoped.filter(organisation=org).latest("created_at")


def upload_and_map(client, org, content: bytes, kind: str = "staff", name: str = "staff.csv"):
    """Upload, accept the guessed mapping; returns the job and its URLs."""
    response = upload(client, org, content, kind=kind, name=name)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = latest_job(org)
    urls = job_urls(org, job)
    response = client.post(urls["mapping"], mapping_post(job))
    assert response.status_code == 302, response.content.decode()[:3000]
    return job, urls
