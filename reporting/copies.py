"""Served copies of a pack: stamped and signed once for each "shared with" line, then read back.

Stamping a large pack with pypdf takes seconds (it parses and rewrites every page object), and an
inspector's link is opened again and again with the same line. So the stamped copy is kept on the
media storage (local disk or S3, like the pack itself), named by the pack and a hash of the
pack's SHA-256 with the line: a re-rendered pack or a different recipient gets a copy of its own,
and nothing about the recipient appears in the name. Copies are deleted with their pack by the
retention sweep (`copies_delete`).

Each copy is signed after it is stamped (`reporting.signing`), so the signature covers exactly
what is served. A copy kept from before packs were signed has a different name (the hash takes
`SIGNED` too) and is never served again; the retention sweep deletes it with its pack.
"""

import hashlib
import logging
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile

from core.files import read_stored_file
from reporting.models import EvidencePack
from reporting.signing import pack_reason, sign_pdf
from reporting.stamp import stamp_pdf

logger = logging.getLogger(__name__)

COPIES = "packs/copies"
SIGNED = "signed"  # in the copy's name: copies kept before packs were signed are not reused


def _storage() -> Any:
    return EvidencePack._meta.get_field("file").storage


def copy_name(pack: EvidencePack, line: str) -> str:
    key = hashlib.sha256(f"{pack.sha256}\n{line}\n{SIGNED}".encode()).hexdigest()[:40]
    return f"{COPIES}/{pack.code}/{key}.pdf"


def _read(storage: Any, name: str) -> bytes | None:
    """The kept copy, or None if there is none (or only a partly written one)."""
    try:
        with storage.open(name, "rb") as handle:
            data: bytes = handle.read()
    except FileNotFoundError:
        return None
    # A copy still being written by another request is not whole yet: stamp afresh.
    return data if data.rstrip().endswith(b"%%EOF") else None


def signed_copy(pdf: bytes, pack: EvidencePack, line: str) -> bytes:
    """`pdf` (the pack's render) stamped with `line`, then signed as the platform."""
    reason = pack_reason(pack_code=pack.code, snapshot_sha256=pack.snapshot_sha256)
    return sign_pdf(stamp_pdf(pdf, line), reason=reason)


def stamped_copy(pack: EvidencePack, line: str) -> bytes:
    """The pack's PDF with `line` at the foot of every page and the platform's signature,
    stamped and signed at most once per line."""
    storage = _storage()
    name = copy_name(pack, line)
    kept = _read(storage, name)
    if kept is not None:
        return kept
    pdf = signed_copy(read_stored_file(pack.file), pack, line)
    saved = storage.save(name, ContentFile(pdf))
    if saved != name:  # another request kept the same copy first; keep one
        storage.delete(saved)
    return pdf


def copies_delete(pack_codes: Iterable[Any]) -> int:
    """Delete every kept copy of these packs (after their own file); returns how many."""
    storage = _storage()
    deleted = 0
    for code in pack_codes:
        folder = f"{COPIES}/{code}"
        try:
            _, files = storage.listdir(folder)
        except FileNotFoundError:
            continue
        for filename in files:
            storage.delete(f"{folder}/{filename}")
            deleted += 1
    return deleted
