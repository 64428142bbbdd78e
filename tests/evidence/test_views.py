"""The evidence library pages: adding, editing, downloading, archiving and who may do each."""

import hashlib
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from demo.sample_files import csv_bytes, docx_bytes, pdf_bytes
from evidence.models import EvidenceItem, EvidenceKind
from tenancy.roles import Role
from tests.clock import days_from_today, iso_days_from_today
from tests.conftest import member_of
from tests.evidence.factories import SAMPLE_PDF, EvidenceItemFactory
from tests.factories import account_manager_for
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db

PDF = pdf_bytes("Prevent and safeguarding policy", ["Approved by the board."])
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def url(name: str, org, **kwargs) -> str:
    return reverse(f"evidence:{name}", kwargs={"org_slug": org.slug, **kwargs})


def item_url(name: str, item: EvidenceItem) -> str:
    return url(name, item.organisation, evidence_code=item.code)


def html(response) -> str:
    return response.content.decode()


def file_form(**overrides) -> dict:
    data = {
        "kind": "file",
        "file": SimpleUploadedFile("Prevent policy.pdf", PDF, content_type="application/pdf"),
        "url": "",
        "title": "Prevent and safeguarding policy 2026/27",
        "description": "Approved by the board in July.",
        "effective_date": iso_days_from_today(-30),
        "valid_until": iso_days_from_today(300),
    }
    data.update(overrides)
    return data


def item_in(org, **kwargs) -> EvidenceItem:
    return EvidenceItemFactory(organisation=org, **kwargs)


# --- Adding ---------------------------------------------------------------------------------


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
    assert f"Choose someone who is a member of {org.name}." in field_error_html(response, "owner")
    assert not EvidenceItem.unscoped.exists()
    assert outsider.display_name not in html(response)  # not offered as a choice either


def test_the_owner_list_offers_only_members(org, qm, contributor, outsider, client_for):
    page = html(client_for(qm).get(url("add", org)))
    assert "Casey Contributor" in page
    assert f'value="{outsider.pk}"' not in page


@pytest.mark.parametrize("role", [Role.VIEWER, Role.SENIOR_LEADER])
def test_people_who_cannot_update_work_cannot_add(org, qm, client_for, role):
    user = member_of(org, role)
    client = client_for(user)
    assert client.get(url("add", org)).status_code == 403
    assert client.post(url("add", org), file_form(owner=qm.pk)).status_code == 403
    assert not EvidenceItem.unscoped.exists()


def test_an_account_manager_cannot_add(org, qm, client_for):
    manager = account_manager_for(org)
    assert client_for(manager).get(url("add", org)).status_code == 403


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


# --- The list, its filters and flags --------------------------------------------------------


@pytest.fixture
def library(org, qm, contributor):
    today = timezone.localdate()
    return {
        "policy": item_in(
            org,
            uploaded=True,
            title="Prevent policy",
            description="Safeguarding and Prevent",
            owner=qm,
            effective_date=today - timedelta(days=30),
            valid_until=today + timedelta(days=300),
        ),
        "risk": item_in(
            org,
            title="Risk assessment",
            owner=qm,
            effective_date=today - timedelta(days=400),
            valid_until=today - timedelta(days=1),
        ),
        "certificate": item_in(
            org,
            title="DSL certificate",
            owner=contributor,
            effective_date=today - timedelta(days=700),
            valid_until=today + timedelta(days=10),
        ),
        "log": item_in(org, title="Speaker log", owner=contributor, effective_date=today),
        "archived": item_in(
            org, title="Old policy", owner=qm, effective_date=today, archived_at=timezone.now()
        ),
    }


def titles(response) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html(response))


def test_the_list_shows_the_library_newest_first(org, viewer, library, client_for):
    response = client_for(viewer).get(url("list", org))
    assert response.status_code == 200
    assert titles(response) == [
        "Speaker log",
        "Prevent policy",
        "Risk assessment",
        "DSL certificate",
    ]
    page = html(response)
    assert '<span class="tag tag-danger">Expired</span>' in page
    assert '<span class="tag tag-warning">Expires soon</span>' in page
    assert "Add evidence" not in page  # viewers cannot add


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "current"}, ["Speaker log", "Prevent policy", "DSL certificate"]),
        ({"status": "expiring"}, ["DSL certificate"]),
        ({"status": "expired"}, ["Risk assessment"]),
        ({"status": "archived"}, ["Old policy"]),
        ({"search": "safeguarding"}, ["Prevent policy"]),
        ({"search": "policy.pdf"}, ["Prevent policy"]),
        ({"search": "CERTIFICATE"}, ["DSL certificate"]),
        (
            {"status": "nonsense"},
            ["Speaker log", "Prevent policy", "Risk assessment", "DSL certificate"],
        ),
    ],
)
def test_the_list_filters(org, qm, library, client_for, params, expected):
    response = client_for(qm).get(url("list", org), params)
    assert response.status_code == 200
    assert titles(response) == expected


def test_the_list_filters_by_owner(org, qm, contributor, library, client_for):
    response = client_for(qm).get(url("list", org), {"owner": contributor.pk})
    assert titles(response) == ["Speaker log", "DSL certificate"]


def test_an_owner_filter_from_another_organisation_is_ignored(
    org, qm, outsider, library, client_for
):
    response = client_for(qm).get(url("list", org), {"owner": outsider.pk})
    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_the_list_shows_only_this_organisations_evidence(org, other_org, qm, outsider, client_for):
    item_in(org, title="Ours", owner=qm)
    item_in(other_org, title="Theirs", owner=outsider)
    assert titles(client_for(qm).get(url("list", org))) == ["Ours"]


def test_the_list_query_count_does_not_grow_with_the_items(org, qm, contributor, client_for):
    client = client_for(qm)

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("list", org)).status_code == 200
        return len(captured)

    for n in range(3):
        item_in(org, uploaded=True, owner=qm if n % 2 else contributor, uploaded_by=contributor)
    with_three = queries_for_list()
    for n in range(27):
        item_in(org, owner=qm if n % 2 else contributor, uploaded_by=qm)
    with_thirty = queries_for_list()

    assert with_three == with_thirty
    assert len(titles(client.get(url("list", org)))) == 30


@pytest.fixture
def frozen_today(time_machine):
    time_machine.move_to(datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)
    return date(2026, 6, 15)


@pytest.mark.parametrize(
    ("valid_until", "expired", "soon"),
    [
        (None, False, False),
        (date(2026, 6, 14), True, False),
        (date(2026, 6, 15), False, True),  # valid to the end of today
        (date(2026, 7, 15), False, True),  # exactly 30 days: still flagged
        (date(2026, 7, 16), False, False),
    ],
)
def test_expired_and_expiring_flags(org, frozen_today, valid_until, expired, soon):
    item = item_in(org, effective_date=date(2025, 1, 1), valid_until=valid_until)
    assert item.is_expired is expired
    assert item.expires_soon is soon


def test_the_warning_period_comes_from_the_settings(org, frozen_today, settings):
    settings.EVIDENCE_EXPIRY_WARNING_DAYS = 60
    item = item_in(org, effective_date=date(2025, 1, 1), valid_until=date(2026, 8, 1))
    assert item.expires_soon


def test_the_list_flags_follow_the_clock(org, qm, frozen_today, client_for, time_machine):
    item_in(
        org,
        title="Certificate",
        owner=qm,
        effective_date=date(2024, 7, 1),
        valid_until=date(2026, 7, 1),
    )
    client = client_for(qm)
    assert "Expires soon" in html(client.get(url("list", org)))
    time_machine.move_to(datetime(2026, 7, 2, 9, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)
    client = client_for(qm)  # the earlier session has expired by then
    page = html(client.get(url("list", org)))
    assert '<span class="tag tag-danger">Expired</span>' in page
    assert titles(client.get(url("list", org), {"status": "expired"})) == ["Certificate"]
