"""Signed copies, checked by the real validators: pyHanko's (trusting the development root) and
poppler's pdfsig (with an NSS database that trusts it), and still a PDF/A-3u as far as the
signature allows; the certificate from the environment, its passphrase never in an error."""

import os
import shutil
import subprocess
import uuid
from io import BytesIO
from typing import cast

import pikepdf
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from reporting import signing
from reporting.copies import signed_copy
from reporting.models import EvidencePack
from reporting.pdf_output import render_pdf
from reporting.signing_dev import dev_certificate_files

HTML = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Evidence pack</title></head><body><h1>Evidence pack</h1><p>A page of it.</p></body></html>"""
SNAPSHOT = "ab" * 32


class Pack:  # what signed_copy reads of a pack
    code = uuid.UUID("7c1e0b9e-1111-4222-8333-444455556666")
    snapshot_sha256 = SNAPSHOT


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_pdf(HTML)[0]


@pytest.fixture(scope="module")
def signed(rendered) -> bytes:
    pack = cast(EvidencePack, Pack())  # the two fields signed_copy reads
    return signed_copy(rendered, pack, "Shared with Ann Lee <ann.lee@inspector.example>")


def dev_root():
    return load_cert_from_pemder(str(dev_certificate_files(settings.PACK_SIGNING_DEV_DIR)["root"]))


def test_pyhanko_validates_the_copy_against_the_development_root(signed):
    reader = PdfFileReader(BytesIO(signed))
    (signature,) = reader.embedded_signatures
    status = validate_pdf_signature(
        signature, ValidationContext(trust_roots=[dev_root()], allow_fetching=False)
    )
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert str(signature.sig_object["/SubFilter"]) == "/ETSI.CAdES.detached"  # PAdES
    reason = str(signature.sig_object["/Reason"])
    assert signing.parse_reason(reason) == (str(Pack.code), SNAPSHOT)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if not path:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing (apt-get install {package})")
        pytest.skip(f"{name} is missing")
    return path


def test_pdfsig_finds_one_valid_signature_over_the_whole_document(signed, tmp_path):
    pdfsig = _tool("pdfsig", "poppler-utils")
    certutil = _tool("certutil", "libnss3-tools")
    path = tmp_path / "copy.pdf"
    path.write_bytes(signed)
    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run([certutil, "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    root = dev_certificate_files(settings.PACK_SIGNING_DEV_DIR)
    subprocess.run(
        [certutil, "-A", "-d", f"sql:{nss}", "-n", "dev root", "-t", "C,C,C", "-i", root["root"]],
        check=True,
    )
    out = subprocess.run(
        [pdfsig, "-nssdir", f"sql:{nss}", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert out.count("Signature #") == 1
    assert "Signature Field Name: EvidencePackSignature" in out
    assert "Signature Type: ETSI.CAdES.detached" in out
    assert "Total document signed" in out
    assert "Signature Validation: Signature is Valid." in out
    assert "Certificate Validation: Certificate is Trusted." in out
    untrusted = subprocess.run([pdfsig, str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in untrusted and "Certificate is Trusted." not in untrusted


def test_pdfsig_sees_a_changed_byte(signed, tmp_path):
    pdfsig = _tool("pdfsig", "poppler-utils")
    path = tmp_path / "changed.pdf"
    path.write_bytes(signed.replace(b"/Title (Evidence pack)", b"/Title (Evidence paCk)", 1))
    out = subprocess.run([pdfsig, "-nocert", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid." not in out


def test_the_signed_copy_stays_a_pdf_a_3u(signed, rendered):
    document = pikepdf.open(BytesIO(signed))
    assert not document.get_warnings()  # every cross-reference section reads cleanly
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        assert xmp["pdfaid:part"] == "3" and xmp["pdfaid:conformance"] == "U"
        producer = xmp["pdf:Producer"]
    # PDF/A: the Info dictionary and the XMP metadata agree
    assert str(document.docinfo["/Producer"]) == producer
    assert str(document.docinfo["/Title"]) == "Evidence pack"
    assert bool(document.Root.MarkInfo.Marked) and str(document.Root.Lang) == "en-GB"
    assert len(document.pages) == len(pikepdf.open(BytesIO(rendered)).pages)
    (widget,) = document.pages[0].Annots
    # invisible (a zero-sized box needs no appearance), printed, and not hidden
    assert [float(v) for v in widget.Rect] == [0, 0, 0, 0]
    assert int(widget.F) & 4 and not int(widget.F) & (1 | 2 | 32)
    assert int(document.Root.AcroForm.SigFlags) == 3
    assert "/NeedAppearances" not in document.Root.AcroForm
    assert signed.startswith(rendered)  # the render is kept byte for byte under the updates


def test_the_stamp_keeps_page_contents_as_references(signed):
    """Stamping once wrote a page's content stream inline in /Contents (invalid: streams are
    always indirect objects), which qpdf read as a page with no contents."""
    document = pikepdf.open(BytesIO(signed))
    for part in document.pages[0].obj.Contents:
        assert part.is_indirect


def _pem_pair(tmp_path, passphrase: bytes | None):
    from cryptography.hazmat.primitives import serialization

    files = dev_certificate_files(tmp_path / "other")
    key = serialization.load_pem_private_key(files["key"].read_bytes(), password=None)
    encryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    return files, files["cert"].read_text(), key_pem.decode()


def test_the_certificate_and_encrypted_key_come_from_the_environment_as_pem(
    settings, tmp_path, rendered
):
    files, cert_pem, key_pem = _pem_pair(tmp_path, b"correct horse battery")
    settings.PACK_SIGNING_CERT = cert_pem.replace("\n", "\\n")  # as some platforms store PEM
    settings.PACK_SIGNING_KEY = key_pem
    settings.PACK_SIGNING_KEY_PASSPHRASE = "correct horse battery"
    settings.PACK_SIGNING_CHAIN = str(files["root"])  # or a path
    settings.PACK_SIGNING_DEV = False
    loaded = signing.credentials()
    assert loaded.source == "the environment" and loaded.chain
    copy = signing.sign_pdf(rendered, reason="Evidence pack test")
    (signature,) = PdfFileReader(BytesIO(copy)).embedded_signatures
    assert signing.fingerprint(signature.signer_cert) == signing.fingerprint(loaded.certificate)


def test_a_wrong_passphrase_is_refused_without_repeating_it(settings, tmp_path):
    _, cert_pem, key_pem = _pem_pair(tmp_path, b"the real one")
    settings.PACK_SIGNING_CERT, settings.PACK_SIGNING_KEY = cert_pem, key_pem
    settings.PACK_SIGNING_KEY_PASSPHRASE = "a wrong guess"
    with pytest.raises(ImproperlyConfigured) as refused:
        signing.credentials()
    message = str(refused.value)
    assert "PACK_SIGNING_KEY_PASSPHRASE" in message and "wrong guess" not in message
    assert refused.value.__cause__ is None and refused.value.__suppress_context__


def test_a_key_that_is_not_the_certificates_is_refused(settings, tmp_path):
    _, cert_pem, _ = _pem_pair(tmp_path / "a", None)
    _, _, other_key = _pem_pair(tmp_path / "b", None)
    settings.PACK_SIGNING_CERT, settings.PACK_SIGNING_KEY = cert_pem, other_key
    settings.PACK_SIGNING_KEY_PASSPHRASE = ""
    with pytest.raises(ImproperlyConfigured, match="not the key of PACK_SIGNING_CERT"):
        signing.credentials()


def test_production_without_a_certificate_does_not_sign(settings):
    settings.PACK_SIGNING_CERT = settings.PACK_SIGNING_KEY = ""
    settings.PACK_SIGNING_DEV = False
    with pytest.raises(ImproperlyConfigured, match="set PACK_SIGNING_CERT and PACK_SIGNING_KEY"):
        signing.credentials()


def test_the_development_key_is_private_to_its_owner(settings):
    files = dev_certificate_files(settings.PACK_SIGNING_DEV_DIR)
    assert files["key"].stat().st_mode & 0o077 == 0
