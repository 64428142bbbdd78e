"""Serving stored files: only through permission-checked views, always as attachments."""

import logging

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

logger = logging.getLogger(__name__)


def stored_file_response(
    file: FieldFile, *, filename: str, content_type: str, inline: bool = False
) -> FileResponse:
    """The file as a download (or `inline`), never cached; 404 if storage has lost it."""
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError):
        logger.error("Stored file missing: %s", file.name)
        raise Http404("The file is missing.") from None
    content_type = content_type or "application/octet-stream"
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    response = FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


def read_stored_file(file: FieldFile) -> bytes:
    """The stored file's bytes; 404 if storage has lost it."""
    try:
        with file.open("rb") as handle:
            data: bytes = handle.read()
            return data
    except (FileNotFoundError, ValueError):
        logger.error("Stored file missing: %s", file.name)
        raise Http404("The file is missing.") from None
