"""Small helpers shared by the tenancy tests."""

import re

from django.conf import settings


def local_path(url: str) -> str:
    """The path of an absolute link the app built from SITE_URL (e.g. an invitation link)."""
    assert url.startswith(settings.SITE_URL), url
    return url.removeprefix(settings.SITE_URL)


def field_error_html(response, field: str, prefix: str = "id_") -> str:
    """The error list rendered next to a form field (empty when there is none)."""
    match = re.search(
        rf'<ul class="errorlist" id="{prefix}{field}_error">(.*?)</ul>',
        response.content.decode(),
        re.S,
    )
    return match.group(1) if match else ""
