"""Spreadsheets (CSV, XLSX and ODS, written with their libraries) and the import's steps."""

import csv
import io

from django.urls import reverse
from odf.opendocument import OpenDocumentSpreadsheet  # type: ignore[import-untyped]
from odf.table import Table, TableCell, TableRow  # type: ignore[import-untyped]
from odf.text import P  # type: ignore[import-untyped]
from openpyxl import Workbook

from imports.models import ImportJob

ACTION_HEADER = ["Ref", "Action", "Lead", "Deadline", "Priority", "Notes"]


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
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


def ods_bytes(header: list[str], rows: list[list]) -> bytes:
    """An OpenDocument spreadsheet as LibreOffice writes one (odfpy): text and date cells."""
    document = OpenDocumentSpreadsheet()
    table = Table(name="Plan")
    for values in [header, *rows]:
        row = TableRow()
        for value in values:
            if hasattr(value, "isoformat"):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
                cell.addElement(P(text=value.strftime("%d/%m/%Y")))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def upload(client, org, content: bytes, kind: str, name: str):
    file = io.BytesIO(content)
    file.name = name
    return client.post(
        reverse("imports:start", kwargs={"org_slug": org.slug}), {"kind": kind, "file": file}
    )


def job_urls(org, job: ImportJob) -> dict[str, str]:
    kwargs = {"org_slug": org.slug, "job_code": job.code}
    return {n: reverse(f"imports:{n}", kwargs=kwargs) for n in ("mapping", "preview", "confirm")}


def mapping_post(job: ImportJob, **changes) -> dict[str, str]:
    data = {k: ("" if v is None else str(v)) for k, v in job.mapping.items()}
    data.update({k: str(v) for k, v in changes.items()})
    return data


def upload_and_map(client, org, content: bytes, kind: str, name: str, **changes):
    """Upload, accept the guessed mapping (with `changes`); the job and its URLs."""
    response = upload(client, org, content, kind, name)
    assert response.status_code == 302, response.content.decode()[:3000]
    job = ImportJob.unscoped.filter(organisation=org).latest("created_at")
    urls = job_urls(org, job)
    response = client.post(urls["mapping"], mapping_post(job, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    return job, urls
