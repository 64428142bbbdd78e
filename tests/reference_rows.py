"""Markup drawn in Python against the template loop it replaced, which each test keeps beside
it as its reference (`*_reference.html`)."""

import re
from pathlib import Path

from django.template import engines


def render_reference(path: Path, context: dict) -> str:
    return engines["django"].from_string(path.read_text()).render(context)


def normalised(html: str) -> str:
    """Whitespace collapsed (none between tags), and an apostrophe as the catalogue wrote it:
    Python escapes a whole phrase, the template left the catalogue's text as it was."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html).strip()).replace("&#x27;", "'")
