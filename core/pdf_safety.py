"""Refuse PDFs that would run something when an inspector opens them: JavaScript (document,
page, form-field or link actions, open actions) and launch actions.

The document's object graph is walked with pypdf (which also reads compressed object streams);
the raw bytes are searched as well, so a file pypdf cannot parse is still checked.
"""

import logging
import re
from typing import IO, Any

logger = logging.getLogger(__name__)

MAX_OBJECTS = 200_000  # a walk this long is itself a reason to stop
_RAW = re.compile(rb"/(JavaScript|JS|Launch)(?![A-Za-z0-9])")
# Keys, not wording: core.uploads words them in the language of the refusal.
LAUNCH_ACTION = "a launch action"
TOO_MANY_OBJECTS = "too many objects to check"
_ACTIVE_ACTIONS = {"/JavaScript": "JavaScript", "/Launch": LAUNCH_ACTION}


def active_content(fileobj: IO[bytes]) -> set[str]:
    """What in this PDF would run: a set like {"JavaScript", "a launch action"} (empty if none)."""
    found = _raw_scan(fileobj)
    fileobj.seek(0)
    found |= _walk(fileobj)
    fileobj.seek(0)
    return found


def _raw_scan(fileobj: IO[bytes]) -> set[str]:
    found: set[str] = set()
    tail = b""
    while chunk := fileobj.read(64 * 1024):
        for match in _RAW.finditer(tail + chunk):
            found.add(LAUNCH_ACTION if match.group(1) == b"Launch" else "JavaScript")
        tail = chunk[-16:]
    return found


def _walk(fileobj: IO[bytes]) -> set[str]:
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    try:
        reader = PdfReader(fileobj, strict=False)
        root = reader.trailer["/Root"]
    except Exception as exc:  # unreadable structure: the raw scan has already looked
        logger.info("PDF structure not readable (%s); raw scan only", type(exc).__name__)
        return set()
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [root]  # pypdf objects, resolved as they are walked
    visited = 0
    while stack and visited < MAX_OBJECTS:
        node = stack.pop()
        visited += 1
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            try:
                node = node.get_object()
            except Exception as exc:  # a broken reference: nothing behind it can run
                logger.debug("PDF: unreadable object %s (%s)", key, type(exc).__name__)
                continue
        if isinstance(node, DictionaryObject):
            if "/JS" in node or "/JavaScript" in node:
                found.add("JavaScript")
            action = node.get("/S")
            if action in _ACTIVE_ACTIONS:
                found.add(_ACTIVE_ACTIONS[action])
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    if visited >= MAX_OBJECTS:
        found.add(TOO_MANY_OBJECTS)
    return found
