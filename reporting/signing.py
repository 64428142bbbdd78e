"""Every copy of a pack that leaves the product is signed (PAdES baseline B-B, with pyHanko).

What is signed is the copy as served: the stored render with its "shared with" line stamped on
(an incremental update, `reporting.stamp`), then the signature as a second incremental update.
So the signature covers every byte the inspector receives, the stamp included, and a viewer
shows it as unchanged since signing. Signing the stored render instead would leave the stamp
outside the signature: viewers would report the pack as modified after signing.

The signature is invisible (no box drawn on a page; viewers list it in their signature panel)
and its reason names the pack and the approved snapshot's SHA-256 it was printed from, so the
share page's check (`reporting.copy_check`) can say which self-evaluation a copy carries.

The certificate comes from the environment (see docs/pack-signing.md): PACK_SIGNING_CERT,
PACK_SIGNING_KEY (each a file path or the PEM itself), PACK_SIGNING_KEY_PASSPHRASE and the
optional PACK_SIGNING_CHAIN (intermediate and root certificates). The passphrase and key are
never logged nor put in an error message. Without them, where PACK_SIGNING_DEV allows it
(DEBUG and the tests), a development certificate is made on first use (`signing_dev`).
"""

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils.generic import TextStringObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko_certvalidator.registry import SimpleCertificateStore

FIELD_NAME = "EvidencePackSignature"
_REASON = re.compile(
    r"^Evidence pack (?P<code>[0-9a-f-]{36})"
    r"(?:, printed from the approved self-evaluation snapshot SHA-256 (?P<sha>[0-9a-f]{64})"
    r"|, a draft)"
)
# What a signer's certificate may be marked for: one of them (document signing certificates
# carry non-repudiation, some only digital signature).
RESERVED = 12 * 1024  # bytes for the signature (a CMS with a chain of three is about 6 KB)
KEY_USAGES = frozenset({"digital_signature", "non_repudiation"})


@dataclass(frozen=True)
class Credentials:
    signer: Any  # pyhanko.sign.signers.SimpleSigner
    certificate: Any  # asn1crypto.x509.Certificate
    trust_roots: tuple[Any, ...]  # what a copy's signature is validated against
    chain: tuple[Any, ...]
    known: frozenset[str]  # SHA-256 fingerprints of the certificates whose signatures are ours
    source: str

    @property
    def subject(self) -> str:
        return common_name(self.certificate)


def common_name(certificate: Any) -> str:
    """The certificate's common name, as viewers show the signer; else its whole subject."""
    name = certificate.subject.native.get("common_name")
    return str(name) if name else str(certificate.subject.human_friendly)


def fingerprint(certificate: Any) -> str:
    return hashlib.sha256(certificate.dump()).hexdigest()


def pack_reason(*, pack_code: Any, snapshot_sha256: str) -> str:
    """The signature's reason: which pack, and the approved snapshot it was printed from."""
    if snapshot_sha256:
        return (
            f"Evidence pack {pack_code}, printed from the approved self-evaluation snapshot "
            f"SHA-256 {snapshot_sha256}"
        )
    return f"Evidence pack {pack_code}, a draft: printed before the self-evaluation was approved"


def parse_reason(reason: str) -> tuple[str, str] | None:
    """(pack code, snapshot SHA-256 or "") from a signature's reason, or None if not ours."""
    match = _REASON.match(reason or "")
    return (match["code"], match["sha"] or "") if match else None


def _material(value: str, name: str) -> bytes:
    """A setting that holds a file path or the PEM itself (with real or escaped newlines)."""
    value = value.strip()
    if value.startswith("-----BEGIN"):
        return value.replace("\\n", "\n").encode()
    try:
        return Path(value).read_bytes()
    except OSError as exc:
        raise ImproperlyConfigured(
            f"{name}: cannot read the file it names ({exc.strerror})."
        ) from None


def _certificates(data: bytes, name: str) -> list[Any]:
    try:
        found = list(load_certs_from_pemder_data(data))
    except Exception as exc:
        raise ImproperlyConfigured(f"{name} holds no readable certificate.") from exc
    if not found:
        raise ImproperlyConfigured(f"{name} holds no certificate.")
    return found


def _private_key(data: bytes, passphrase: str) -> Any:
    try:
        return load_private_key_from_pemder_data(data, passphrase=passphrase.encode() or None)
    except Exception:
        # Never the exception's text: nothing about the key or the passphrase leaves here.
        raise ImproperlyConfigured(
            "PACK_SIGNING_KEY could not be read: check that it is a PEM or DER private key and "
            "that PACK_SIGNING_KEY_PASSPHRASE is its passphrase (or empty for an unencrypted key)."
        ) from None


def _public_key_of(private_key: Any) -> bytes:
    loaded = serialization.load_der_private_key(private_key.dump(), password=None)
    return loaded.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _optional_certificates(value: str, name: str) -> list[Any]:
    return _certificates(_material(value, name), name) if value.strip() else []


def _is_self_signed(certificate: Any) -> bool:
    return bool(certificate.self_signed)


@lru_cache(maxsize=4)
def _load(cert: str, key: str, passphrase: str, chain: str, previous: str, source: str):
    certificate = _certificates(_material(cert, "PACK_SIGNING_CERT"), "PACK_SIGNING_CERT")[0]
    private_key = _private_key(_material(key, "PACK_SIGNING_KEY"), passphrase)
    if _public_key_of(private_key) != certificate.public_key.dump():
        raise ImproperlyConfigured("PACK_SIGNING_KEY is not the key of PACK_SIGNING_CERT.")
    others = _optional_certificates(chain, "PACK_SIGNING_CHAIN")
    earlier = _optional_certificates(previous, "PACK_SIGNING_PREVIOUS_CERTS")
    signer = signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=private_key,
        cert_registry=SimpleCertificateStore.from_certs([certificate, *others]),
    )
    # The chain's roots are trusted; a certificate of ours is trusted as itself too, so a copy
    # is recognised even when its root is not in the chain given.
    roots = tuple([c for c in others if _is_self_signed(c)] + [certificate, *earlier])
    return Credentials(
        signer=signer,
        certificate=certificate,
        trust_roots=roots,
        chain=tuple(others),
        known=frozenset(fingerprint(c) for c in [certificate, *earlier]),
        source=source,
    )


def credentials() -> Credentials:
    """The platform's signing certificate and key, from the environment or, where allowed, the
    development certificate. Raises ImproperlyConfigured when there is neither."""
    cert, key = settings.PACK_SIGNING_CERT, settings.PACK_SIGNING_KEY
    passphrase = settings.PACK_SIGNING_KEY_PASSPHRASE
    chain, previous = settings.PACK_SIGNING_CHAIN, settings.PACK_SIGNING_PREVIOUS_CERTS
    if cert or key:
        if not (cert and key):
            raise ImproperlyConfigured("Set both PACK_SIGNING_CERT and PACK_SIGNING_KEY.")
        return _load(cert, key, passphrase, chain, previous, "the environment")
    if not settings.PACK_SIGNING_DEV:
        raise ImproperlyConfigured(
            "Evidence packs cannot be signed: set PACK_SIGNING_CERT and PACK_SIGNING_KEY "
            "(docs/pack-signing.md)."
        )
    from reporting.signing_dev import dev_certificate_files

    files = dev_certificate_files(settings.PACK_SIGNING_DEV_DIR)
    return _load(
        str(files["cert"]),
        str(files["key"]),
        "",
        str(files["root"]),
        previous,
        f"the development certificate in {files['cert'].parent}",
    )


class _PdfAWriter(IncrementalPdfFileWriter):
    """pyHanko's incremental writer, keeping the Info dictionary's producer equal to the XMP
    metadata's (PDF/A requires the two to agree): pyHanko sets the XMP's pdf:Producer to its own
    name but appends its name to the Info dictionary's."""

    def _update_meta(self) -> None:
        super()._update_meta()
        if self._info is None or "/Metadata" not in self.root:
            return
        info = self._info.get_object()
        if info.get("/Producer") != VENDOR:
            info["/Producer"] = TextStringObject(VENDOR)
            self.mark_update(self._info)


def sign_pdf(pdf: bytes, *, reason: str) -> bytes:
    """`pdf` with the platform's invisible PAdES signature appended as an incremental update."""
    signing = credentials()
    writer = _PdfAWriter(BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=settings.SITE_URL,
    )
    try:
        # Room for the signature decided up front rather than by signing twice (pyHanko's
        # estimate signs a dummy first); a long certificate chain that needs more is estimated.
        output = signers.sign_pdf(writer, meta, signer=signing.signer, bytes_reserved=RESERVED)
    except SigningError:
        writer = _PdfAWriter(BytesIO(pdf), strict=False)
        output = signers.sign_pdf(writer, meta, signer=signing.signer)
    return bytes(output.getvalue())
