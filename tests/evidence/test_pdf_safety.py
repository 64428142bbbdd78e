"""PDFs that would run something when an inspector opens them are refused, with the reason."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from core.pdf_safety import active_content
from core.uploads import inspect_upload
from demo.sample_files import pdf_bytes


def _write(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _blank() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    return writer


def document_javascript() -> bytes:
    """A script in the document's /Names /JavaScript tree (runs when the file opens)."""
    writer = _blank()
    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("x"), writer._add_object(script)])}
    )
    names = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
    writer._root_object[NameObject("/Names")] = writer._add_object(names)
    return _write(writer)


def open_action(kind: str) -> bytes:
    writer = _blank()
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    if kind == "/JavaScript":
        action[NameObject("/JS")] = TextStringObject("app.launchURL('http://x');")
    else:
        action[NameObject("/F")] = TextStringObject("cmd.exe")
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _write(writer)


def refusal(name: str, content: bytes) -> str:
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        inspect_upload(upload)
    return " ".join(exc.value.messages)


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (document_javascript(), "JavaScript"),
        (open_action("/JavaScript"), "JavaScript"),
        (open_action("/Launch"), "a launch action"),
    ],
    ids=["document-js", "open-action-js", "launch"],
)
def test_active_pdfs_are_refused_with_the_reason(content, what):
    message = refusal("policy.pdf", content)
    assert f"“policy.pdf” contains {what}" in message
    assert "would run when an inspector opens it" in message
    assert "Print to PDF" in message


def test_a_name_hidden_with_hex_escapes_is_still_found():
    # "/J#53" is the name /JS written with an escape: invisible to a byte search, not to pypdf.
    hidden = (
        open_action("/JavaScript")
        .replace(b"/JS ", b"/J#53 ")
        .replace(b"/JavaScript", b"/Java#53cript")
    )
    assert b"/JS" not in hidden and b"/JavaScript" not in hidden
    assert active_content(io.BytesIO(hidden)) == {"JavaScript"}


def test_ordinary_pdfs_are_accepted():
    plain = pdf_bytes("Prevent policy", ["Line one."])
    assert active_content(io.BytesIO(plain)) == set()
    inspected = inspect_upload(SimpleUploadedFile("policy.pdf", plain))
    assert inspected.file_type.key == "pdf"
    assert _write(_blank()) and active_content(io.BytesIO(_write(_blank()))) == set()


def test_a_pdf_pypdf_cannot_parse_is_still_scanned():
    broken = b"%PDF-1.4\n1 0 obj << /S /JavaScript /JS (x) >> endobj\n%%EOF garbage"
    assert "JavaScript" in refusal("broken.pdf", broken)
