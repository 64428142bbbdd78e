"""Adding to the evidence library: a file checked by its content or a link, bad input refused
next to its field, and who may add."""

import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from evidence.models import EvidenceItem, EvidenceKind
from tenancy.roles import Role
from tenancy.selectors import not_assignable_message
from tests.clock import days_from_today, iso_days_from_today
from tests.conftest import member_of
from tests.evidence.helpers import PDF, file_form, html, item_url, url
from tests.factories import account_manager_for
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def test_the_add_form_defaults_the_owner_to_me_and_the_date_to_today(org, qm, client_for):
    response = client_for(qm).get(url("add", org))
    assert response.status_code == 200
    page = html(response)
    assert 'enctype="multipart/form-data"' in page
    assert re.search(rf'<option value="{qm.pk}" selected>Quinn Manager</option>', page)
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page
    assert "Upload a file" in page and "Link to a document" in page


def test_a_quality_manager_uploads_a_file(org, qm, client_for):
    response = client_for(qm).post(url("add", org), file_form(owner=qm.pk))

    item = EvidenceItem.unscoped.get(organisation=org)
    assert response.status_code == 302
    assert response["Location"] == item_url("detail", item)
    assert item.kind == EvidenceKind.FILE
    assert item.sha256 == hashlib.sha256(PDF).hexdigest()
    assert item.size == len(PDF)
    assert item.content_type == "application/pdf"
    assert item.original_filename == "Prevent policy.pdf"
    assert item.uploaded_by == qm
    assert item.owner == qm
    assert item.effective_date == days_from_today(-30)
    # Stored under the organisation's code with a random name, never the user's file name.
    assert re.fullmatch(rf"evidence/{org.code}/[0-9a-f-]{{36}}", item.file.name)
    with item.file.open("rb") as stored:
        assert stored.read() == PDF
    assert item.history.first().history_user == qm


def test_files_go_to_the_media_root_under_a_generated_name(org, qm, client_for, tmp_path):
    client_for(qm).post(url("add", org), file_form(owner=qm.pk))
    item = EvidenceItem.unscoped.get(organisation=org)
    assert (tmp_path / "media" / item.file.name).read_bytes() == PDF
    assert item.file.name.startswith(f"evidence/{org.code}/")
    assert item.original_filename not in item.file.name


def test_a_contributor_adds_a_link(org, contributor, client_for):
    data = file_form(
        kind="link",
        file="",
        url="https://intranet.northbeck.example/safeguarding/speakers",
        title="External speaker log",
        owner=contributor.pk,
        valid_until="",
    )
    response = client_for(contributor).post(url("add", org), data)

    assert response.status_code == 302
    item = EvidenceItem.unscoped.get(organisation=org)
    assert item.kind == EvidenceKind.LINK
    assert item.url == "https://intranet.northbeck.example/safeguarding/speakers"
    assert item.sha256 == "" and not item.file and item.size is None
    assert item.valid_until is None


def test_a_file_chosen_with_the_link_option_is_ignored(org, qm, client_for):
    data = file_form(kind="link", url="https://example.org/log", owner=qm.pk)
    assert client_for(qm).post(url("add", org), data).status_code == 302
    item = EvidenceItem.unscoped.get(organisation=org)
    assert item.is_link and not item.file and item.sha256 == ""


@pytest.mark.parametrize(
    ("link", "error"),
    [
        ("", "Enter the web address of the document."),
        ("javascript:alert(1)", "Enter a web address"),
        ("ftp://files.example.org/policy.pdf", "starting with https:// or http://"),
    ],
)
def test_a_link_needs_a_web_address(org, qm, client_for, link, error):
    data = file_form(kind="link", file="", url=link, owner=qm.pk)
    response = client_for(qm).post(url("add", org), data)
    assert response.status_code == 400
    assert error in field_error_html(response, "url")
    assert not EvidenceItem.unscoped.exists()


def test_the_file_option_needs_a_file(org, qm, client_for):
    response = client_for(qm).post(url("add", org), file_form(file="", owner=qm.pk))
    assert response.status_code == 400
    assert "Choose a file to upload." in field_error_html(response, "file")


def test_a_renamed_executable_is_refused_next_to_the_file_field(org, qm, client_for):
    bad = SimpleUploadedFile("policy.pdf", EXE, content_type="application/pdf")
    response = client_for(qm).post(url("add", org), file_form(file=bad, owner=qm.pk))

    assert response.status_code == 400
    error = field_error_html(response, "file")
    assert "“policy.pdf” is named as a PDF but is really a Windows program" in error
    assert not EvidenceItem.unscoped.exists()


def test_a_file_over_the_limit_is_refused_next_to_the_file_field(org, qm, client_for, settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("policy.pdf", b"%PDF-" + b"\x00" * (3 * 1024 * 1024))
    response = client_for(qm).post(url("add", org), file_form(file=big, owner=qm.pk))
    assert response.status_code == 400
    assert "The file is 3.0 MB; the limit is 1 MB." in field_error_html(response, "file")


def test_an_empty_file_is_refused(org, qm, client_for):
    empty = SimpleUploadedFile("policy.pdf", b"")
    response = client_for(qm).post(url("add", org), file_form(file=empty, owner=qm.pk))
    assert response.status_code == 400
    assert "is empty" in field_error_html(response, "file")


def test_bad_input_keeps_what_was_typed_and_asks_for_the_file_again(org, qm, client_for):
    data = file_form(title="", description="Reviewed with the DSL.", owner=qm.pk)
    response = client_for(qm).post(url("add", org), data)

    assert response.status_code == 400
    page = html(response)
    assert "Enter a title." in field_error_html(response, "title")
    assert "Reviewed with the DSL." in page
    assert f'value="{iso_days_from_today(300)}"' in page
    assert "Choose the file again" in page
    assert not EvidenceItem.unscoped.exists()


def test_valid_until_must_not_be_before_the_effective_date(org, qm, client_for):
    data = file_form(valid_until=iso_days_from_today(-31), owner=qm.pk)
    response = client_for(qm).post(url("add", org), data)
    assert response.status_code == 400
    assert "must be on or after the effective date" in field_error_html(response, "valid_until")


def test_an_owner_from_another_organisation_is_refused(org, other_org, qm, outsider, client_for):
    response = client_for(qm).post(url("add", org), file_form(owner=outsider.pk))

    assert response.status_code == 400
    assert not_assignable_message(org) in field_error_html(response, "owner")
    assert not EvidenceItem.unscoped.exists()
    assert outsider.display_name not in html(response)  # not offered as a choice either


def test_the_owner_list_offers_only_members(org, qm, contributor, outsider, client_for):
    page = html(client_for(qm).get(url("add", org)))
    assert "Casey Contributor" in page
    assert f'value="{outsider.pk}"' not in page


# Senior leaders may update the work given to them (tenancy.roles), so they may add evidence too.
@pytest.mark.parametrize("role", [Role.VIEWER])
def test_people_who_cannot_update_work_cannot_add(org, qm, client_for, role):
    user = member_of(org, role)
    client = client_for(user)
    assert client.get(url("add", org)).status_code == 403
    assert client.post(url("add", org), file_form(owner=qm.pk)).status_code == 403
    assert not EvidenceItem.unscoped.exists()


def test_an_account_manager_cannot_add(org, qm, client_for):
    manager = account_manager_for(org)
    assert client_for(manager).get(url("add", org)).status_code == 403
