"""Checking a copy of a pack that an inspector uploads: did this platform sign it, is it
unchanged since, and which pack and approved self-evaluation snapshot does it carry.

The copy is read in memory and never kept. pyHanko validates the signature: the signed bytes'
digest (intact), the signature over it (valid) and the certificate path to the platform's trust
roots; the signer must be one of the platform's own certificates (`signing.Credentials.known`),
so a PDF signed by anyone else, however validly, is not confirmed. A copy is unchanged only if
the signature covers the whole file: anything added after signing (notes saved by a viewer,
another signature) is reported as a change, even where the signed part is intact.
"""

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from reporting.signing import KEY_USAGES, common_name, credentials, fingerprint, parse_reason

CONFIRMED = "confirmed"
UNSIGNED = "unsigned"  # no signature at all
NOT_OURS = "not_ours"  # signed, but not by this platform
ALTERED = "altered"  # our signature, but the signed bytes were changed
ADDED_TO = "added_to"  # our signature is intact, but something was added after it
UNRECOGNISED = "unrecognised"  # our certificate, but no pack named in the signature


class UnreadablePdf(Exception):
    """The file could not be read as a PDF (the form says so beside the field)."""


@dataclass(frozen=True)
class CopyCheck:
    outcome: str
    signer: str = ""
    signed_at: datetime | None = None
    pack_code: str = ""
    snapshot_sha256: str = ""

    @property
    def confirmed(self) -> bool:
        return self.outcome == CONFIRMED


def _signatures(data: bytes) -> list[Any]:
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        return list(reader.embedded_signatures)
    except Exception as exc:  # pyHanko raises many kinds on a damaged file
        raise UnreadablePdf from exc


def _signer_of(signature: Any) -> Any:
    try:
        return signature.signer_cert
    except Exception:  # a signature field whose CMS is missing or malformed
        return None


def _validate(signature: Any) -> Any:
    signing = credentials()
    context = ValidationContext(
        trust_roots=list(signing.trust_roots),
        other_certs=list(signing.chain),
        allow_fetching=False,  # no network: the platform's own certificates are what count
        revocation_mode="soft-fail",
    )
    usage = KeyUsageConstraints(key_usage=set(KEY_USAGES), match_all_key_usages=False)
    return validate_pdf_signature(signature, context, key_usage_settings=usage)


def check_copy(data: bytes) -> CopyCheck:
    """What a signed copy says about itself. Raises UnreadablePdf if it is not a readable PDF."""
    signatures = _signatures(data)
    if not signatures:
        return CopyCheck(UNSIGNED)
    known = credentials().known
    signers = [(s, _signer_of(s)) for s in signatures]
    ours = [(s, cert) for s, cert in signers if cert is not None and fingerprint(cert) in known]
    if not ours:
        others = [common_name(cert) for _, cert in signers if cert is not None]
        return CopyCheck(NOT_OURS, signer=others[0] if others else "")
    signature, cert = ours[-1]
    try:
        status = _validate(signature)
    except Exception:  # a signature too damaged to evaluate has been altered
        return CopyCheck(ALTERED, signer=common_name(cert))
    found = parse_reason(str(signature.sig_object.get("/Reason", "")))
    details = {
        "signer": common_name(cert),
        "signed_at": status.signer_reported_dt,
        "pack_code": found[0] if found else "",
        "snapshot_sha256": found[1] if found else "",
    }
    if not (status.intact and status.valid):
        return CopyCheck(ALTERED, **details)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE or signature is not signatures[-1]:
        return CopyCheck(ADDED_TO, **details)
    if found is None:
        return CopyCheck(UNRECOGNISED, **details)
    return CopyCheck(CONFIRMED, **details)
