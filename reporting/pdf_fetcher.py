"""What WeasyPrint may load while laying out an evidence pack: inline data: URIs only.

Packs are built from text people typed, so a link to the network or the file system must never
be followed (a server-side request forgery or a local file read). A refused resource is left out
with a warning; the pack still renders.
"""

import logging

from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)


class PackURLFetcher(URLFetcher):
    """WeasyPrint 70's fetcher class, allowed the data: scheme alone, never redirected."""

    def __init__(self) -> None:
        super().__init__(
            timeout=5, allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=False
        )
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if not url.lower().startswith("data:"):
            self.refused.append(url)
            logger.warning("Evidence pack: refused to load %s", url[:80])
            raise ValueError(f"Evidence packs do not load external resources ({url[:60]}).")
        return super().fetch(url, headers)
