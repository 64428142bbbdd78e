"""Files and steps shared by the import tests (the staff and completions spreadsheets)."""

import csv
import io

from django.urls import reverse
from openpyxl import Workbook

from training.import_models import ImportBatch

STAFF_HEADER = ["Employee No", "Forename", "Surname", "Job Title", "Campus", "Start Date", "Email"]


def csv_bytes(header: list[str], rows: list[list[str]], title_rows: int = 0) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for _ in range(title_rows):
        writer.writerow(["HR export"])
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(header: list[str], rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def staff_rows(count: int, start: int = 1) -> list[list[str]]:
    return [
        [f"E{n:05d}", f"Person{n}", "Smith", "Tutor", "Main campus", "01/09/2024", f"p{n}@ex.org"]
        for n in range(start, start + count)
    ]


def upload(client, org, content: bytes, kind: str = "staff", name: str = "staff.csv"):
    file = io.BytesIO(content)
    file.name = name
    url = reverse("training_import:start", kwargs={"org_slug": org.slug})
    return client.post(url, {"kind": kind, "file": file})


def batch_urls(org, batch: ImportBatch) -> dict[str, str]:
    kwargs = {"org_slug": org.slug, "batch_code": batch.code}
    return {
        name: reverse(f"training_import:{name}", kwargs=kwargs)
        for name in ("mapping", "preview", "confirm")
    }


def mapping_post(batch: ImportBatch, **changes) -> dict[str, str]:
    """The mapping form's data as guessed, with `changes` (field key -> column index or "")."""
    data = {k: ("" if v is None else str(v)) for k, v in batch.mapping.items()}
    data.update({k: str(v) for k, v in changes.items()})
    return data


def upload_and_map(client, org, content: bytes, kind: str = "staff", name: str = "staff.csv"):
    """Upload, accept the guessed mapping; returns the batch and its URLs."""
    response = upload(client, org, content, kind=kind, name=name)
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.unscoped.filter(organisation=org).latest("created_at")
    urls = batch_urls(org, batch)
    response = client.post(urls["mapping"], mapping_post(batch))
    assert response.status_code == 302, response.content.decode()[:3000]
    return batch, urls
