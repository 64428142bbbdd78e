"""Uploads are accepted by what they contain, and the name must agree with the content."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import CHUNK_SIZE, MEGABYTE, clean_filename, inspect_upload
from demo.sample_files import csv_bytes, docx_bytes, pdf_bytes, png_bytes

PDF = pdf_bytes("Prevent policy", ["Line one."])
PNG = png_bytes()
DOCX = docx_bytes("Risk assessment", ["A paragraph."])
CSV = csv_bytes([["Name", "Completed"], ["A. Patel", "2026-09-12"]])
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def zip_of(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def refusal(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as exc:
        inspect_upload(upload(name, content))
    return " ".join(exc.value.messages)


OOXML_BASE = {"[Content_Types].xml": "<Types/>", "_rels/.rels": "<Relationships/>"}
XLSX = zip_of({**OOXML_BASE, "xl/workbook.xml": "<workbook/>"})
PPTX = zip_of({**OOXML_BASE, "ppt/presentation.xml": "<presentation/>"})
ODT = zip_of({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
ODS = zip_of({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})
EML = (
    b"From: Priya Shah <qm@northfield.example>\r\nTo: staff@northfield.example\r\n"
    b"Subject: Prevent training reminder\r\nDate: Mon, 2 Nov 2026 09:00:00 +0000\r\n\r\n"
    b"Please complete the refresher by Friday.\r\n"
)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Prevent policy.pdf", PDF, "application/pdf"),
        ("poster.PNG", PNG, "image/png"),
        ("photo.jpg", JPEG, "image/jpeg"),
        ("photo.jpeg", JPEG, "image/jpeg"),
        ("chart.gif", GIF, "image/gif"),
        (
            "risk assessment.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "training.xlsx",
            XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "briefing.pptx",
            PPTX,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("minutes.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("register.ods", ODS, "application/vnd.oasis.opendocument.spreadsheet"),
        ("completion.csv", CSV, "text/csv"),
        ("notes.txt", "Notes from the Prevent lead – café meeting.".encode(), "text/plain"),
        ("reminder.eml", EML, "message/rfc822"),
    ],
)
def test_genuine_files_are_accepted_with_their_checksum_and_size(name, content, content_type):
    result = inspect_upload(upload(name, content))
    assert result.content_type == content_type
    assert result.size == len(content)
    assert result.sha256 == hashlib.sha256(content).hexdigest()
    assert result.original_filename == name


def test_the_checksum_is_computed_over_every_chunk():
    content = b"Name,Completed\r\n" + b"A. Learner,2026-09-12\r\n" * (3 * CHUNK_SIZE // 20)
    assert len(content) > 2 * CHUNK_SIZE
    result = inspect_upload(upload("big.csv", content))
    assert result.sha256 == hashlib.sha256(content).hexdigest()
    assert result.size == len(content)


def test_the_file_is_left_ready_to_save():
    file = upload("policy.pdf", PDF)
    inspect_upload(file)
    assert file.read() == PDF


def test_a_program_is_refused_by_its_extension_saying_what_it_is():
    message = refusal("setup.exe", EXE)
    assert "“setup.exe” is a Windows program" in message
    assert "cannot be uploaded" in message


def test_a_renamed_executable_is_refused_even_when_named_pdf():
    message = refusal("policy.pdf", EXE)
    assert message == (
        "“policy.pdf” is named as a PDF but is really a Windows program (.exe or .dll), "
        "so it cannot be uploaded."
    )


def test_a_zip_renamed_docx_without_a_word_folder_is_refused():
    message = refusal("report.docx", zip_of({"notes.txt": "hello", "[Content_Types].xml": "<x/>"}))
    assert "named as a Word document but is really a ZIP archive" in message


def test_a_plain_zip_renamed_pdf_is_refused():
    assert "really a ZIP archive" in refusal("policy.pdf", zip_of({"a.txt": "a"}))


def test_a_word_document_named_as_a_spreadsheet_says_what_to_rename_it_to():
    message = refusal("training.xlsx", DOCX)
    assert "named as an Excel workbook but is really a Word document" in message
    assert "Rename it to end .docx" in message


def test_an_opendocument_text_named_as_a_spreadsheet_is_refused():
    assert "really an OpenDocument text document" in refusal("register.ods", ODT)


def test_office_files_with_macros_are_refused():
    macro_docx = zip_of({**OOXML_BASE, "word/document.xml": "<d/>", "word/vbaProject.bin": "x"})
    assert "contains macros" in refusal("policy.docx", macro_docx)


def test_an_empty_file_is_refused():
    assert refusal("policy.pdf", b"") == "“policy.pdf” is empty. Check you chose the right file."


def test_a_file_over_the_limit_is_refused_with_both_sizes():
    content = b"%PDF-" + b"\x00" * (int(25.3 * MEGABYTE) - 5)
    assert refusal("big.pdf", content) == "The file is 25.3 MB; the limit is 20 MB."


def test_the_limit_comes_from_the_settings(settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    content = b"%PDF-" + b"\x00" * (MEGABYTE + MEGABYTE // 2)
    assert refusal("big.pdf", content) == "The file is 1.5 MB; the limit is 1 MB."
    assert inspect_upload(upload("small.pdf", PDF)).size == len(PDF)


def test_a_file_just_over_the_limit_never_reads_as_the_limit(settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    assert refusal("big.pdf", b"%PDF-" + b"\x00" * MEGABYTE) == (
        "The file is 1.1 MB; the limit is 1 MB."
    )


def test_text_that_is_not_utf8_is_refused_with_advice():
    message = refusal("completion.csv", "Name,Café\r\n".encode("latin-1"))
    assert "is not UTF-8 text" in message
    assert "CSV UTF-8" in message


def test_text_with_nul_bytes_is_refused():
    assert "not UTF-8 text" in refusal("notes.txt", b"Name\x00Completed\r\n")


def test_plain_text_named_as_an_email_is_refused():
    assert "named as an email message but is really a text file" in refusal(
        "message.eml", b"Just some notes.\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("page.html", b"<!doctype html><p>hi</p>", "Files ending .html cannot be uploaded."),
        ("archive.zip", zip_of({"a.txt": "a"}), "“archive.zip” is a ZIP archive"),
        ("policy.pdf.exe", PDF, "rename it to end .pdf"),
        ("policy", PDF, "has no file type at the end of its name"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "old-style"),
        ("installer.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "a Linux program"),
    ],
)
def test_other_refusals_say_why(name, content, expected):
    assert expected in refusal(name, content)


def test_a_damaged_pdf_is_refused_as_not_a_pdf():
    message = refusal("policy.pdf", b"\x89\x13\x00\x00 random binary \xff\xfe")
    assert "named as a PDF but its contents are not a PDF" in message


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("C:\\Users\\priya\\Desktop\\policy.pdf", "policy.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("bad\x00name\r\n.pdf", "badname.pdf"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_user_file_names_are_cleaned(raw, clean):
    assert clean_filename(raw) == clean
