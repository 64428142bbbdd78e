"""Downloading an evidence item's file (only through the access check, never from /media/)
and archiving an item."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from demo.sample_files import docx_bytes
from evidence.models import EvidenceItem
from tenancy.roles import Role
from tests.conftest import member_of
from tests.evidence.helpers import PDF, file_form, html, item_in, item_url, titles, url

pytestmark = pytest.mark.django_db


# --- Downloading ----------------------------------------------------------------------------


def test_a_member_downloads_the_file_as_an_attachment(org, qm, viewer, client_for):
    client_for(qm).post(url("add", org), file_form(owner=qm.pk))
    item = EvidenceItem.unscoped.get(organisation=org)

    response = client_for(viewer).get(item_url("download", item))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Prevent policy.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_downloaded_text_file_says_it_is_utf8(org, qm, client_for):
    data = file_form(file=SimpleUploadedFile("notes.csv", "Name,Café\n".encode()), owner=qm.pk)
    client_for(qm).post(url("add", org), data)
    item = EvidenceItem.unscoped.get(organisation=org)
    response = client_for(qm).get(item_url("download", item))
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_a_word_document_downloads_with_its_detected_type(org, qm, client_for):
    content = docx_bytes("Risk assessment", ["Low risk."])
    data = file_form(file=SimpleUploadedFile("risk.docx", content), owner=qm.pk)
    client_for(qm).post(url("add", org), data)
    item = EvidenceItem.unscoped.get(organisation=org)
    response = client_for(qm).get(item_url("download", item))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert b"".join(response.streaming_content) == content


def test_an_outsider_cannot_download(org, qm, outsider, client_for):
    item = item_in(org, uploaded=True, owner=qm)
    assert client_for(outsider).get(item_url("download", item)).status_code == 404


def test_an_item_cannot_be_reached_through_another_organisations_url(
    org, other_org, qm, outsider, client_for
):
    theirs = item_in(other_org, uploaded=True, owner=outsider)
    # A member of `org` using their own organisation's URL with the other tenant's code.
    sneaky = url("download", org, evidence_code=theirs.code)
    assert client_for(qm).get(sneaky).status_code == 404


def test_a_link_item_shows_where_it_leads_before_leaving(org, qm, client_for):
    item = item_in(org, owner=qm, url="https://intranet.example.org/speakers?x=1")
    response = client_for(qm).get(item_url("download", item))
    assert response.status_code == 200  # never a bare redirect to wherever the link points
    page = html(response)
    assert "You are leaving Prevent Compliance for intranet.example.org" in page
    assert 'href="https://intranet.example.org/speakers?x=1" rel="noopener noreferrer"' in page
    assert f'href="{item.get_absolute_url()}"' in page  # and a way back
    detail = html(client_for(qm).get(item_url("detail", item)))
    assert 'href="https://intranet.example.org' not in detail  # only through the page above


def test_a_look_alike_host_is_shown_as_its_ascii_name(org, qm, client_for):
    item = item_in(org, owner=qm, url="https://pаypal.example/")  # a Cyrillic "а"
    page = html(client_for(qm).get(item_url("download", item)))
    assert "You are leaving Prevent Compliance for xn--pypal-4ve.example" in page


def test_a_link_that_is_not_a_web_address_is_never_followed(org, qm, client_for):
    item = item_in(org, owner=qm, url="ftp://files.example.org/policy.pdf")
    assert client_for(qm).get(item_url("download", item)).status_code == 404
    assert 'href="ftp://' not in html(client_for(qm).get(item_url("detail", item)))


def test_a_file_missing_from_storage_is_a_404_not_a_500(org, qm, client_for):
    item = item_in(org, uploaded=True, owner=qm)
    item.file.storage.delete(item.file.name)
    assert client_for(qm).get(item_url("download", item)).status_code == 404


def test_media_files_are_not_served_directly(org, qm, client_for, settings):
    item = item_in(org, uploaded=True, owner=qm)
    assert client_for(qm).get(f"/{item.file.name}").status_code == 404
    assert client_for(qm).get(f"/media/{item.file.name}").status_code == 404


# --- Archiving ------------------------------------------------------------------------------


def test_a_quality_manager_archives_an_item(org, qm, client_for):
    item = item_in(org, owner=qm, title="Old speaker log")
    client = client_for(qm)

    response = client.post(item_url("archive", item))

    assert response.status_code == 302
    assert response["Location"] == url("list", org)
    item.refresh_from_db()
    assert item.archived_at is not None
    assert "Old speaker log" not in titles(client.get(url("list", org)))
    assert titles(client.get(url("list", org), {"status": "archived"})) == ["Old speaker log"]
    assert item.history.first().history_user == qm
    detail = html(client.get(item_url("detail", item)))
    assert "<td>Archived</td>" in detail
    assert item_url("archive", item) not in detail
    assert item_url("edit", item) not in detail


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.VIEWER, Role.SENIOR_LEADER])
def test_only_quality_managers_archive(org, role, client_for):
    user = member_of(org, role)
    item = item_in(org, owner=user, uploaded_by=user)
    assert client_for(user).post(item_url("archive", item)).status_code == 403
    item.refresh_from_db()
    assert item.archived_at is None


def test_archiving_needs_a_post(org, qm, client_for):
    item = item_in(org, owner=qm)
    assert client_for(qm).get(item_url("archive", item)).status_code == 405
