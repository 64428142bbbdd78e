"""The share link's "check a copy" page: a copy downloaded from the link is confirmed with its
snapshot's SHA-256; a changed one, one saved again with additions, an unsigned one and one signed
by someone else are refused; files that cannot be checked are a 400 beside the field."""

import re
from io import BytesIO

import pypdf
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from reporting.models import EvidencePack
from reporting.share_codes import session_verify
from reporting.signing_dev import dev_certificate_files
from tests.assessments.helpers import start
from tests.reporting.test_retention import PDF, ready_pack, share_link_create

pytestmark = pytest.mark.django_db

SNAPSHOT = "5e" * 32


@pytest.fixture
def pack(org, subscribed, member) -> EvidencePack:
    assessment = start(org, subscribed, member)
    pack = ready_pack(assessment, member)
    # as if approved: the pack carries the snapshot's hash recorded at sign-off
    type(assessment).unscoped.filter(pk=assessment.pk).update(snapshot_sha256=SNAPSHOT)
    assessment.snapshot_sha256 = SNAPSHOT
    EvidencePack.unscoped.filter(pk=pack.pk).update(snapshot_sha256=SNAPSHOT, is_draft=False)
    pack.snapshot_sha256, pack.is_draft = SNAPSHOT, False
    return pack


@pytest.fixture
def token(pack, member) -> str:
    _, token = share_link_create(pack=pack, by=member, recipient="Lead inspector")
    return token


@pytest.fixture
def copy(client, token) -> bytes:
    response = client.get(f"/p/{token}/")
    assert response.status_code == 200
    return response.content


def upload(client, token, data: bytes, name: str = "pack.pdf"):
    return client.post(f"/p/{token}/check/", {"copy": SimpleUploadedFile(name, data)})


def verdict(response) -> tuple[str, str]:
    html = response.content.decode()
    found = re.search(r'data-verdict="([a-z_]+)">\s*<h2 id="verdict-heading">([^<]*)</h2>', html)
    assert found, "no verdict on the page"
    return found.group(1), found.group(2)


def test_the_page_asks_for_the_pdf(client, token):
    response = client.get(f"/p/{token}/check/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_copy">The evidence pack PDF you received</label>' in html
    assert 'enctype="multipart/form-data"' in html and "data-verdict" not in html
    assert response["Referrer-Policy"] == "strict-origin"


def test_a_copy_from_the_link_is_confirmed_with_its_snapshot(client, token, copy, pack):
    response = upload(client, token, copy)
    assert response.status_code == 200
    outcome, heading = verdict(response)
    assert outcome == "confirmed"
    assert heading == "Yes: this is the pack shared with you, unchanged since it was signed"
    html = response.content.decode()
    hash_and_note = re.search(
        r'<dt>Snapshot SHA-256</dt><dd><span class="evidence-checksum">([0-9a-f]{64})</span><br>'
        r'<span class="muted">([^<]*)</span>',
        html,
    )
    assert hash_and_note and hash_and_note.group(1) == SNAPSHOT
    assert hash_and_note.group(2).startswith("The same as the snapshot recorded when the self")
    assert "<dt>Provider</dt><dd>Northbeck Training</dd>" in html
    assert "<dt>Signed by</dt><dd>Prevent Compliance development evidence pack signing<br>" in html


def test_a_changed_byte_is_refused(client, token, copy):
    signed_at = re.search(rb"/M \(D\\072(\d{14})", copy)  # the signing time, in the signed part
    assert signed_at
    digits = signed_at.group(1)
    changed = copy.replace(digits, digits[:-1] + (b"1" if digits[-1:] != b"1" else b"2"), 1)
    response = upload(client, token, changed)
    assert response.status_code == 200
    assert verdict(response) == ("altered", "No: this copy was changed after it was signed")


def test_a_copy_saved_again_with_additions_is_refused(client, token, copy):
    writer = pypdf.PdfWriter(BytesIO(copy), incremental=True)
    writer.add_metadata({"/Subject": "My notes"})
    out = BytesIO()
    writer.write(out)
    outcome, heading = verdict(upload(client, token, out.getvalue()))
    assert outcome == "added_to"
    assert heading == "No: something was added to this copy after it was signed"


def test_an_unsigned_pdf_is_refused(client, token):
    response = upload(client, token, PDF)
    assert response.status_code == 200
    assert verdict(response) == ("unsigned", "No: this PDF has no signature")


def test_a_pdf_signed_by_someone_else_is_refused(client, token, copy, tmp_path):
    files = dev_certificate_files(tmp_path / "someone-else")
    signer = signers.SimpleSigner.load(str(files["key"]), str(files["cert"]))
    meta = signers.PdfSignatureMetadata(field_name="Theirs", reason="Evidence pack forged")
    unsigned = pypdf.PdfWriter(BytesIO(PDF))
    plain = BytesIO()
    unsigned.write(plain)
    theirs = signers.sign_pdf(IncrementalPdfFileWriter(plain), meta, signer=signer).getvalue()
    outcome, heading = verdict(upload(client, token, theirs))
    assert (outcome, heading) == ("not_ours", "No: this PDF was not signed by this platform")


def test_our_copy_of_another_pack_is_not_confirmed_for_this_link(
    client, token, pack, member, subscribed, org
):
    other = ready_pack(start(org, subscribed, member), member)
    _, other_token = share_link_create(pack=other, by=member, recipient="Someone else")
    theirs = client.get(f"/p/{other_token}/").content
    outcome, heading = verdict(upload(client, token, theirs))
    assert outcome == "confirmed"  # ours and unchanged, but not this link's pack
    assert heading == "Signed by this platform, but not the pack this link shares"
    assert SNAPSHOT not in upload(client, token, theirs).content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("pack.pdf", b"", "“pack.pdf” is empty. Check you chose the right file."),
        (
            "pack.pdf",
            b"PK\x03\x04not really a zip",
            "“pack.pdf” is not a PDF (it looks like a damaged ZIP archive). Choose the "
            "evidence pack&#x27;s PDF file.",
        ),
        (
            "notes.pdf",
            b"just some text\n",
            "“notes.pdf” is not a PDF. Choose the evidence pack&#x27;s PDF file.",
        ),
        (
            "pack.pdf",
            b"%PDF-1.7\n% cut short",
            "“pack.pdf” could not be read as a PDF: it may be damaged or cut short.",
        ),
    ],
)
def test_a_file_that_cannot_be_checked_is_a_400_beside_the_field(
    client, token, name, data, message
):
    response = upload(client, token, data, name)
    html = response.content.decode()
    assert response.status_code == 400
    field = re.search(r'<ul class="errorlist" id="id_copy_error">(.*?)</ul>', html, re.S)
    assert field and message in field.group(1)
    assert "data-verdict" not in html


def test_no_file_is_a_400(client, token):
    response = client.post(f"/p/{token}/check/", {})
    assert response.status_code == 400
    assert "Choose the PDF you want to check." in response.content.decode()


def test_a_file_over_the_limit_is_refused_beside_the_field(client, token, settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    response = upload(client, token, b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 10))
    assert response.status_code == 400
    assert "the limit is 1 MB" in response.content.decode()


def test_a_bound_link_asks_for_its_code_first(client, pack, member, settings):
    _, token = share_link_create(
        pack=pack, by=member, recipient_name="Ann Lee", recipient_email="ann@inspector.example"
    )
    response = client.get(f"/p/{token}/check/")
    assert response.status_code == 302 and response["Location"] == f"/p/{token}/"
    session = client.session
    session_verify(session, type(pack.share_links.first()).unscoped.get(pack=pack))
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key  # after cycle_key()
    assert client.get(f"/p/{token}/check/").status_code == 200


def test_a_withdrawn_link_checks_nothing(client, token, pack):
    pack.share_links.model.unscoped.filter(pack=pack).update(revoked_at=pack.generated_at)
    assert client.get(f"/p/{token}/check/").status_code == 410


def test_a_draft_pack_is_confirmed_as_a_draft_without_a_snapshot(client, token, pack):
    EvidencePack.unscoped.filter(pk=pack.pk).update(snapshot_sha256="", is_draft=True)
    copy = client.get(f"/p/{token}/").content
    response = upload(client, token, copy)
    assert verdict(response)[0] == "confirmed"
    html = response.content.decode()
    assert "None: a draft pack, printed before the self-evaluation was approved" in html


def test_the_pages_are_valid_html(client, token, copy, tmp_path):
    from tests.test_html_valid import _java, _vnu_errors

    java = _java()
    pages = {
        "check": client.get(f"/p/{token}/check/").content.decode(),
        "confirmed": upload(client, token, copy).content.decode(),
        "refused": upload(client, token, PDF).content.decode(),
        "bad file": upload(client, token, b"text\n", "notes.pdf").content.decode(),
    }
    assert _vnu_errors(java, pages, tmp_path) == []


def test_a_link_checks_a_limited_number_of_copies_an_hour(client, token, monkeypatch):
    from reporting import copy_check
    from reporting.views import check

    monkeypatch.setattr(check, "CHECKS_PER_HOUR", 2)
    read = []
    real_check = copy_check.check_copy

    def counted_check(*args, **kwargs):
        read.append(1)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(copy_check, "check_copy", counted_check)
    with time_machine.travel(timezone.now(), tick=False):  # all three in one clock hour
        for _ in range(2):
            assert upload(client, token, PDF).status_code == 200
        response = upload(client, token, PDF)
    html = response.content.decode()
    assert response.status_code == 429
    field = re.search(r'<ul class="errorlist" id="id_copy_error">(.*?)</ul>', html, re.S)
    assert field and "already checked 2 copies this hour" in field.group(1)
    assert len(read) == 2  # the third file was never read
