"""Writing a pack's PDF with WeasyPrint: tagged for assistive technology, PDF/A-3u for archives.

Tagging gives the PDF a logical structure tree built from the HTML (H1-H4, lists, tables with
TH header cells, charts as Figures whose alternative text is the SVG's <title>) and sets the
document language from <html lang>. PDF/A-3u declares archival conformance in the XMP metadata
and embeds the sRGB output intent. Why level U with tags rather than level A or PDF/UA-1 (a
later digital signature) is explained in the README, "Evidence packs: accessible and archival".
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings

PACK_CSS = Path(settings.BASE_DIR) / "static" / "pdf" / "pack.css"

# Passed to WeasyPrint's render() and write_pdf(). The benchmark renders without them (`{}`)
# to measure what tagging costs.
ARCHIVAL_TAGGED: dict[str, Any] = {"pdf_variant": "pdf/a-3u", "pdf_tags": True}


def data_only_fetcher():
    """WeasyPrint may read inline data: URIs only, never the network or the file system; any
    other URL is refused and logged, and the pack still renders (issue 10)."""
    from reporting.pdf_fetcher import PackURLFetcher

    return PackURLFetcher()


def _parent(pdf, element: dict) -> dict:
    """The structure element that `element`'s /P reference points to."""
    number = int(element["P"].split()[0])
    return pdf.objects[number]


def scope_table_headers(document, pdf) -> None:
    """Give every TH structure element a /Scope attribute.

    WeasyPrint tags <th> as TH and links data cells to it with /Headers, but writes no /Scope,
    which screen readers use to announce headers. In the pack's templates a header in a table's
    head labels its column (scope="col") and one in a body row labels its row (scope="row").
    """
    for element in pdf.objects:
        if not isinstance(element, dict) or element.get("S") != "/TH":
            continue
        group = _parent(pdf, _parent(pdf, element))  # TH -> TR -> THead / TBody / Table
        element["A"]["Scope"] = "/Column" if group.get("S") == "/THead" else "/Row"


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cycle collector off for the duration (and back on after, if it was on).

    WeasyPrint allocates millions of short-lived objects (boxes, styles, PDF objects), so the
    collector runs thousands of times during one pack and its full passes walk the whole tree:
    about a quarter of a pack's CPU time (benchmarks/pack_render.py). Reference counting still
    frees everything that is not in a cycle; the cycles are collected once it is back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def lay_out_and_write(html: str, options: dict[str, Any]) -> tuple[bytes, int]:
    """`render_pdf` without pausing the collector (the benchmark compares the two)."""
    from weasyprint import CSS, HTML  # imported here: needs the system's Pango

    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=data_only_fetcher())
    rendered = document.render(stylesheets=[CSS(filename=str(PACK_CSS))], **options)
    finisher = scope_table_headers if options.get("pdf_tags") else None
    return rendered.write_pdf(finisher=finisher, **options), len(rendered.pages)


def render_pdf(html: str, options: dict[str, Any] | None = None) -> tuple[bytes, int]:
    """Lay out `html` with the pack's stylesheet; returns the PDF and its page count."""
    with cyclic_gc_paused():
        return lay_out_and_write(html, ARCHIVAL_TAGGED if options is None else options)
