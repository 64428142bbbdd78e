"""Which uploads are accepted (evidence, subcontractor documents), decided by what a file contains.

Dependency-free (no libmagic): each accepted type is recognised by its magic bytes or, for the
ZIP-based office formats, by the members inside the archive. The file's extension must agree with
what the content turns out to be, so "policy.pdf" that is really a Windows program is refused with
a message saying so. The SHA-256 is computed in the same pass over the file, read in chunks.
"""

import codecs
import hashlib
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.pdf_safety import LAUNCH_ACTION, TOO_MANY_OBJECTS, active_content

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

CHUNK_SIZE = 64 * 1024
HEAD_SIZE = 8 * 1024
MEGABYTE = 1024 * 1024
MAX_FILENAME_LENGTH = 200


@dataclass(frozen=True)
class FileType:
    key: str  # equal and hashed by this alone: the lazy labels change with the language
    label: "_StrOrPromise" = field(compare=False)  # with its article: "is named as a PDF"
    content_type: str = field(compare=False)
    extensions: tuple[str, ...] = field(compare=False)
    plain: "_StrOrPromise" = field(default="", compare=False)  # "Word document"

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def name(self) -> str:
        """The label without its article: "Word document"."""
        return str(self.plain)


PDF = FileType("pdf", _("a PDF"), "application/pdf", (".pdf",), _("PDF"))
PNG = FileType("png", _("a PNG image"), "image/png", (".png",), _("PNG image"))
JPEG = FileType("jpeg", _("a JPEG image"), "image/jpeg", (".jpg", ".jpeg"), _("JPEG image"))
GIF = FileType("gif", _("a GIF image"), "image/gif", (".gif",), _("GIF image"))
_OOXML = "application/vnd.openxmlformats-officedocument."
_OASIS = "application/vnd.oasis.opendocument."
_WORD, _EXCEL, _SLIDES = _("Word document"), _("Excel workbook"), _("PowerPoint presentation")
DOCX = FileType(
    "docx", _("a Word document"), _OOXML + "wordprocessingml.document", (".docx",), _WORD
)
XLSX = FileType("xlsx", _("an Excel workbook"), _OOXML + "spreadsheetml.sheet", (".xlsx",), _EXCEL)
PPTX = FileType(
    "pptx",
    _("a PowerPoint presentation"),
    _OOXML + "presentationml.presentation",
    (".pptx",),
    _SLIDES,
)
_ODT, _ODS = _("OpenDocument text document"), _("OpenDocument spreadsheet")
ODT = FileType("odt", _("an OpenDocument text document"), _OASIS + "text", (".odt",), _ODT)
ODS = FileType("ods", _("an OpenDocument spreadsheet"), _OASIS + "spreadsheet", (".ods",), _ODS)
CSV = FileType("csv", _("a CSV file"), "text/csv", (".csv",), _("CSV file"))
TXT = FileType("txt", _("a text file"), "text/plain", (".txt",), _("text file"))
EML = FileType("eml", _("an email message"), "message/rfc822", (".eml",), _("email message"))

ACCEPTED: tuple[FileType, ...] = (PDF, PNG, JPEG, GIF, DOCX, XLSX, PPTX, ODT, ODS, CSV, TXT, EML)
BY_EXTENSION: dict[str, FileType] = {ext: t for t in ACCEPTED for ext in t.extensions}
BY_CONTENT_TYPE: dict[str, FileType] = {t.content_type: t for t in ACCEPTED}
#: Shown in the form's hint and in refusals.
ACCEPTED_SUMMARY = _(
    "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument (.odt, .ods), "
    "image (.png, .jpg, .gif), CSV, text (.txt) or email (.eml)"
)
#: For the file input's `accept` attribute: a hint to the browser's file picker, nothing more.
ACCEPT_ATTRIBUTE = ",".join(sorted(BY_EXTENSION))

_OPENDOCUMENT = {ODT.content_type: ODT, ODS.content_type: ODS}
_TEXT_TYPES = {TXT, CSV}

# Content we recognise but never accept, so a refusal can say what the file really is.
_KNOWN_OTHERS: tuple[tuple[bytes, "_StrOrPromise"], ...] = (
    (b"MZ", _("a Windows program (.exe or .dll)")),
    (b"\x7fELF", _("a Linux program")),
    (b"\xcf\xfa\xed\xfe", _("a macOS program")),
    (b"\xfe\xed\xfa\xcf", _("a macOS program")),
    (b"\xca\xfe\xba\xbe", _("a macOS program or Java class file")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", _("an old-style or password-protected Office file")),
    (b"{\\rtf", _("a Rich Text Format (.rtf) document")),
    (b"Rar!\x1a\x07", _("a RAR archive")),
    (b"7z\xbc\xaf\x27\x1c", _("a 7-Zip archive")),
    (b"\x1f\x8b", _("a gzip archive")),
    (b"II*\x00", _("a TIFF image")),
    (b"MM\x00*", _("a TIFF image")),
    (b"RIFF", _("an audio, video or WebP file")),
)
#: What `core.pdf_safety.active_content` found, in words for a refusal.
_ACTIVE_WORDS: dict[str, "_StrOrPromise"] = {
    "JavaScript": "JavaScript",
    LAUNCH_ACTION: _("a launch action"),
    TOO_MANY_OBJECTS: _("too many objects to check"),
}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_EMAIL_HEADER = re.compile(r"^([!-9;-~]+):", re.MULTILINE)


@dataclass(frozen=True)
class Detected:
    """What the content is: an accepted type, or plain words for something we refuse."""

    file_type: FileType | None
    what: "_StrOrPromise" = ""  # "" when we cannot tell
    has_macros: bool = False


@dataclass(frozen=True)
class InspectedFile:
    file_type: FileType
    size: int
    sha256: str
    original_filename: str

    @property
    def content_type(self) -> str:
        return self.file_type.content_type


def describe_content_type(content_type: str) -> str:
    """Plain words for a stored content type: "Word document" rather than its MIME type."""
    file_type = BY_CONTENT_TYPE.get(content_type)
    return file_type.name if file_type else content_type


def max_upload_bytes() -> int:
    return settings.EVIDENCE_MAX_UPLOAD_MB * MEGABYTE


def clean_filename(name: str) -> str:
    """The user's file name, safe to show and to send back in Content-Disposition."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    if len(name) > MAX_FILENAME_LENGTH:
        _stem, dot, ext = name.rpartition(".")
        ext = f".{ext}" if dot and len(ext) <= 10 else ""
        name = name[: MAX_FILENAME_LENGTH - len(ext)] + ext
    return name


def extension_of(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and stem else ""


def _format_megabytes(size: int, limit_mb: int) -> str:
    megabytes = round(size / MEGABYTE, 1)
    if megabytes <= limit_mb:  # just over the limit: never say "20.0 MB" against a 20 MB cap
        megabytes = math.floor(limit_mb * 10 + 1) / 10
    return f"{megabytes:.1f}"


def _detect_zip(fileobj: IO[bytes]) -> Detected:
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(100).decode("ascii", "replace").strip()
                if mimetype in _OPENDOCUMENT:
                    return Detected(_OPENDOCUMENT[mimetype])
                if mimetype.startswith("application/vnd.oasis.opendocument."):
                    return Detected(None, gettext("an OpenDocument file of another kind"))
                return Detected(None, gettext("a ZIP archive"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError, ValueError):
        return Detected(None, gettext("a damaged ZIP archive"))
    finally:
        fileobj.seek(0)
    if "[Content_Types].xml" in names:
        macros = any(n.lower().endswith("vbaproject.bin") for n in names)
        for folder, file_type in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
            if any(n.startswith(folder) for n in names):
                if macros:
                    what = gettext("%(type)s with macros") % {"type": file_type.label}
                    return Detected(None, what, has_macros=True)
                return Detected(file_type)
    return Detected(None, gettext("a ZIP archive"))


def _looks_like_email(head: bytes) -> bool:
    text = head.decode("utf-8", "ignore").replace("\r\n", "\n")
    header_block = text.split("\n\n", 1)[0]
    if not _EMAIL_HEADER.match(header_block):
        return False
    names = {m.group(1).lower() for m in _EMAIL_HEADER.finditer(header_block)}
    return "from" in names and bool(names & {"date", "subject", "message-id", "received"})


def detect(head: bytes, fileobj: IO[bytes], *, is_text: bool) -> Detected:
    """Say what a file is from its first bytes (and, for ZIPs, its members)."""
    if head.startswith(b"%PDF-"):
        return Detected(PDF)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Detected(PNG)
    if head.startswith(b"\xff\xd8\xff"):
        return Detected(JPEG)
    if head.startswith((b"GIF87a", b"GIF89a")):
        return Detected(GIF)
    if head.startswith(_ZIP_MAGIC):
        return _detect_zip(fileobj)
    for magic, what in _KNOWN_OTHERS:
        if head.startswith(magic):
            return Detected(None, what)
    if head[4:8] == b"ftyp":
        return Detected(None, gettext("a video or an iPhone (HEIC) photo"))
    if is_text:
        return Detected(EML if _looks_like_email(head) else TXT)
    return Detected(None, "")


def _read(fileobj: IO[bytes]) -> tuple[bytes, int, str, bool]:
    """One pass in chunks: the first bytes, the size, the SHA-256 and whether it is UTF-8 text."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    head = b""
    size = 0
    is_text = True
    chunks = fileobj.chunks(CHUNK_SIZE) if hasattr(fileobj, "chunks") else _chunks(fileobj)
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
        if len(head) < HEAD_SIZE:
            head += chunk[: HEAD_SIZE - len(head)]
        if is_text:
            if b"\x00" in chunk:
                is_text = False
            else:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    is_text = False
    if is_text:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            is_text = False
    return head, size, digest.hexdigest(), is_text


def _chunks(fileobj: IO[bytes]) -> Iterator[bytes]:
    fileobj.seek(0)
    while chunk := fileobj.read(CHUNK_SIZE):
        yield chunk


def _too_big(size: int) -> ValidationError:
    limit = settings.EVIDENCE_MAX_UPLOAD_MB
    return ValidationError(
        gettext("The file is %(size)s MB; the limit is %(limit)s MB."),
        code="too_big",
        params={"size": _format_megabytes(size, limit), "limit": limit},
    )


def _refuse_active_pdf(shown: str, uploaded: IO[bytes]) -> None:
    found = active_content(uploaded)
    if found:
        words = sorted(str(_ACTIVE_WORDS.get(key, key)) for key in found)
        what = words[0]
        if len(words) > 1:
            what = gettext("%(items)s and %(last)s") % {
                "items": ", ".join(words[:-1]),
                "last": words[-1],
            }
        raise ValidationError(
            gettext(
                "%(name)s contains %(what)s, which would run when an inspector opens it. Save it "
                "again without scripts or actions (for example with “Print to PDF”) and upload "
                "that copy."
            ),
            code="active_pdf",
            params={"name": shown, "what": what},
        )


def inspect_upload(uploaded: Any) -> InspectedFile:
    """Check an uploaded file against the allow-list; raise ValidationError saying what is wrong.

    `uploaded` is a Django File (an UploadedFile from a form, or a ContentFile). It is left at
    position 0, ready to be saved.
    """
    name = clean_filename(getattr(uploaded, "name", "") or "")
    shown = gettext("“%(name)s”") % {"name": name} if name else gettext("The file")
    declared_size = getattr(uploaded, "size", None)
    if declared_size is not None and declared_size > max_upload_bytes():
        raise _too_big(declared_size)  # refuse before reading it

    head, size, sha256, is_text = _read(uploaded)
    if size == 0:
        raise ValidationError(
            gettext("%(name)s is empty. Check you chose the right file."),
            code="empty",
            params={"name": shown},
        )
    if size > max_upload_bytes():
        raise _too_big(size)
    detected = detect(head, uploaded, is_text=is_text)
    uploaded.seek(0)

    extension = extension_of(name)
    expected = BY_EXTENSION.get(extension)
    if expected is None:
        raise _unsupported_extension(shown, extension, detected)
    file_type = _agree(shown, expected, detected)
    if file_type == PDF:
        _refuse_active_pdf(shown, uploaded)
    return InspectedFile(file_type=file_type, size=size, sha256=sha256, original_filename=name)


def _unsupported_extension(shown: str, extension: str, detected: Detected) -> ValidationError:
    params: dict[str, Any] = {"name": shown, "extension": extension}
    allowed = gettext("You can upload %(types)s files.") % {"types": ACCEPTED_SUMMARY}
    if not extension:
        message = (
            gettext("%(name)s has no file type at the end of its name (such as .pdf).")
            + " "
            + allowed
        )
    elif detected.file_type is not None:
        message = gettext(
            "Files ending %(extension)s cannot be uploaded. %(name)s looks like "
            "%(type)s: rename it to end %(right)s and try again."
        )
        params |= {"type": detected.file_type.label, "right": detected.file_type.extension}
    elif detected.what:
        message = gettext("%(name)s is %(what)s, which cannot be uploaded.") + " " + allowed
        params["what"] = detected.what
    else:
        message = gettext("Files ending %(extension)s cannot be uploaded.") + " " + allowed
    return ValidationError(message, code="unsupported_type", params=params)


def _agree(shown: str, expected: FileType, detected: Detected) -> FileType:
    """The accepted type when the name and the content agree; otherwise a clear refusal."""
    found = detected.file_type
    if found == expected:
        return expected
    if expected in _TEXT_TYPES and found in (TXT, EML):
        return expected  # any UTF-8 text may be a .txt or .csv
    params: dict[str, Any] = {
        "name": shown,
        "expected": expected.label,
        "extension": expected.extension,
    }
    if detected.has_macros:
        message = gettext(
            "%(name)s contains macros, which cannot be uploaded. Save a copy without macros "
            "(as %(extension)s) and upload that."
        )
    elif found is not None:
        message = gettext(
            "%(name)s is named as %(expected)s but is really %(found)s. "
            "Rename it to end %(right)s and try again."
        )
        params |= {"found": found.label, "right": found.extension}
    elif detected.what:
        message = gettext(
            "%(name)s is named as %(expected)s but is really %(what)s, so it cannot be uploaded."
        )
        params["what"] = detected.what
    elif expected in _TEXT_TYPES or expected == EML:
        message = gettext(
            "%(name)s is named as %(expected)s but is not UTF-8 text. Save it again as UTF-8 "
            "(for a spreadsheet, choose “CSV UTF-8”) and try again."
        )
    else:
        message = gettext(
            "%(name)s is named as %(expected)s but its contents are not %(expected)s. "
            "It may be damaged: open it and save it again as %(expected)s."
        )
    code = "macros" if detected.has_macros else "mismatch"
    raise ValidationError(message, code=code, params=params)
