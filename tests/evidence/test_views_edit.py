"""Editing an evidence item (who may change what, and the history it leaves) and its detail
page."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.formats import date_format

from demo.sample_files import csv_bytes
from evidence.models import EvidenceItem
from tests.clock import days_from_today, iso_days_from_today
from tests.evidence.factories import SAMPLE_PDF
from tests.evidence.helpers import PDF, file_form, html, item_in, item_url, url
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


# --- Editing --------------------------------------------------------------------------------


def edit_form(item, **overrides) -> dict:
    data = {
        "kind": item.kind,
        "url": item.url,
        "title": item.title,
        "description": item.description,
        "owner": item.owner_id or "",
        "effective_date": f"{item.effective_date:%Y-%m-%d}",
        "valid_until": f"{item.valid_until:%Y-%m-%d}" if item.valid_until else "",
    }
    data.update(overrides)
    return data


def test_a_contributor_edits_an_item_they_own(org, qm, contributor, client_for):
    item = item_in(org, owner=contributor, uploaded_by=qm)
    client = client_for(contributor)
    assert client.get(item_url("edit", item)).status_code == 200

    response = client.post(item_url("edit", item), edit_form(item, title="Speaker log 2026/27"))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Speaker log 2026/27"


def test_a_contributor_edits_an_item_they_uploaded(org, qm, contributor, client_for):
    item = item_in(org, owner=qm, uploaded_by=contributor)
    assert client_for(contributor).get(item_url("edit", item)).status_code == 200


def test_a_contributor_cannot_edit_someone_elses_item(org, qm, contributor, client_for):
    item = item_in(org, owner=qm, uploaded_by=qm, title="Board-approved policy")
    client = client_for(contributor)

    assert client.get(item_url("edit", item)).status_code == 403
    assert client.post(item_url("edit", item), edit_form(item, title="Mine")).status_code == 403
    item.refresh_from_db()
    assert item.title == "Board-approved policy"
    assert item_url("edit", item) not in html(client.get(item_url("detail", item)))


def test_a_quality_manager_edits_any_item(org, qm, contributor, client_for):
    item = item_in(org, owner=contributor, uploaded_by=contributor)
    response = client_for(qm).post(
        item_url("edit", item), edit_form(item, valid_until=iso_days_from_today(3 * 365))
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.valid_until == days_from_today(3 * 365)


def test_a_viewer_cannot_edit(org, viewer, client_for):
    item = item_in(org, owner=viewer)
    assert client_for(viewer).get(item_url("edit", item)).status_code == 403


def test_editing_keeps_the_file_unless_a_new_one_is_chosen(org, qm, client_for):
    item = item_in(org, uploaded=True, owner=qm)
    page = html(client_for(qm).get(item_url("edit", item)))
    assert "Leave empty to keep “policy.pdf”" in page

    response = client_for(qm).post(item_url("edit", item), edit_form(item, title="Renamed"))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Renamed"
    assert item.sha256 == hashlib.sha256(SAMPLE_PDF).hexdigest()


def test_a_new_file_replaces_the_old_one_and_shows_in_the_history(org, qm, client_for):
    item = item_in(org, uploaded=True, owner=qm)
    new = csv_bytes([["Name", "Completed"], ["A. Patel", "2026-11-01"]])
    data = edit_form(item, file=SimpleUploadedFile("completion.csv", new))

    assert client_for(qm).post(item_url("edit", item), data).status_code == 302

    item.refresh_from_db()
    assert item.sha256 == hashlib.sha256(new).hexdigest()
    assert item.content_type == "text/csv"
    assert item.original_filename == "completion.csv"
    page = html(client_for(qm).get(item_url("detail", item)))
    assert "New file uploaded" in page


def test_switching_a_link_to_a_file_needs_a_file(org, qm, client_for):
    item = item_in(org, owner=qm)
    response = client_for(qm).post(item_url("edit", item), edit_form(item, kind="file"))
    assert response.status_code == 400
    assert "Choose a file to upload." in field_error_html(response, "file")


def test_an_archived_item_cannot_be_edited(org, qm, client_for):
    item = item_in(org, owner=qm, archived_at=timezone.now())
    response = client_for(qm).post(item_url("edit", item), edit_form(item, title="Changed"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title != "Changed"


# --- Detail ---------------------------------------------------------------------------------


def test_the_detail_page_shows_the_metadata_and_history(org, qm, contributor, client_for):
    client_for(qm).post(url("add", org), file_form(owner=contributor.pk))
    item = EvidenceItem.unscoped.get(organisation=org)
    client_for(qm).post(item_url("edit", item), edit_form(item, title="Prevent policy (v2)"))

    page = html(client_for(contributor).get(item_url("detail", item)))

    assert hashlib.sha256(PDF).hexdigest() in page
    assert "Prevent policy.pdf" in page
    assert "application/pdf" in page
    assert "Casey Contributor" in page  # the owner
    assert "Quinn Manager" in page  # who added and changed it
    assert "Added to the library" in page
    assert "Changed title" in page
    assert date_format(days_from_today(-30), "j F Y") in page
